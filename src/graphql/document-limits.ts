// Measures an operation's shape (depth, aliases, field nodes) and upstream cost with fragments expanded, in time linear in the document's size.
import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  getNamedType,
  isLeafType,
  isObjectType,
} from 'graphql';
import { getArgumentValues } from 'graphql/execution/values';

import { MAX_PAGE_SIZE } from '../schema/inputs/page.args';

/** The limits an operation must stay within. */
export interface QueryLimits {
  /** Largest cost accepted (QUERY_MAX_COST). */
  maxCost: number;
  /** Deepest field nesting accepted (QUERY_MAX_DEPTH). */
  maxDepth: number;
  /** Most aliased fields, counted with fragments expanded (QUERY_MAX_ALIASES). */
  maxAliases: number;
  /** Most field nodes, counted with fragments expanded (QUERY_MAX_NODES). */
  maxNodes: number;
}

/** An operation's shape, counted with every fragment spread expanded where it is spread. */
export interface DocumentShape {
  depth: number;
  aliases: number;
  nodes: number;
}

/** The response name selected most often in one selection set (fragments merged in), and how often. */
export interface RepeatedField {
  name: string;
  times: number;
}

/**
 * The response name repeated most often within one merged selection set of
 * `operation` (its own fields plus those its fragments bring to the same
 * level), over every selection set of the expanded operation. Walks the
 * expansion, so call it only once {@link measureShape} bounded the node
 * count. graphql-js' overlapping-fields rule compares every pair of fields
 * that share a response name, recursing into their sub-selections: 300
 * copies of `orders { nodes { id } }` (900 nodes) cost it 650 ms, so the
 * admission bounds the repeats before validation runs.
 */
export function mostRepeatedField(document: DocumentNode, operation: OperationDefinitionNode): RepeatedField {
  const fragments = fragmentsOf(document);
  let worst: RepeatedField = { name: '', times: 0 };
  const collect = (set: SelectionSetNode, counts: Map<string, number>, children: SelectionSetNode[], visiting: Set<string>): void => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        const name = selection.alias?.value ?? selection.name.value;
        counts.set(name, (counts.get(name) ?? 0) + 1);
        if (selection.selectionSet !== undefined) children.push(selection.selectionSet);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        collect(selection.selectionSet, counts, children, visiting);
      } else {
        const fragment = fragments.get(selection.name.value);
        if (fragment === undefined || visiting.has(fragment.name.value)) continue;
        visiting.add(fragment.name.value);
        collect(fragment.selectionSet, counts, children, visiting);
        visiting.delete(fragment.name.value);
      }
    }
  };
  const walk = (set: SelectionSetNode): void => {
    const counts = new Map<string, number>();
    const children: SelectionSetNode[] = [];
    collect(set, counts, children, new Set());
    for (const [name, times] of counts) if (times > worst.times) worst = { name, times };
    for (const child of children) walk(child);
  };
  walk(operation.selectionSet);
  return worst;
}

/** The per-order upstream fan-out of `Order.fulfillments`: one call per order, a second of the test-mode budget per 25 orders. */
const FAN_OUT_COST = 25;

/** Connections whose `first` multiplies the cost of what is selected under them. */
const PAGED_FIELDS = new Set(['Query.orders', 'Query.fulfillmentCancellations']);

/**
 * Measures the selection of `operation` (depth, aliases and field nodes).
 *
 * Every fragment is measured once and its figures reused wherever it is
 * spread, so a chain of fragments each spread twice (2^n expanded fields)
 * costs time linear in its text, not in its expansion: the expanded counts
 * are products and sums of small numbers, not walks. `exemptIntrospection`
 * leaves the `__schema`/`__type` subtrees out of the depth (explorers
 * introspect about 13 levels deep); they still count as nodes.
 */
export function measureShape(document: DocumentNode, operation: OperationDefinitionNode, exemptIntrospection: boolean): DocumentShape {
  const fragments = fragmentsOf(document);
  const memo = new Map<string, DocumentShape>();
  const visiting = new Set<string>();

  const ofSet = (set: SelectionSetNode): DocumentShape => {
    const shape: DocumentShape = { depth: 0, aliases: 0, nodes: 0 };
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        const child = selection.selectionSet === undefined ? { depth: 0, aliases: 0, nodes: 0 } : ofSet(selection.selectionSet);
        const introspection = exemptIntrospection && (selection.name.value === '__schema' || selection.name.value === '__type');
        if (!introspection) shape.depth = Math.max(shape.depth, 1 + child.depth);
        shape.aliases += child.aliases + (selection.alias === undefined ? 0 : 1);
        shape.nodes += 1 + child.nodes;
        continue;
      }
      const child = selection.kind === Kind.INLINE_FRAGMENT ? ofSet(selection.selectionSet) : ofFragment(selection.name.value);
      shape.depth = Math.max(shape.depth, child.depth);
      shape.aliases += child.aliases;
      shape.nodes += child.nodes;
    }
    return shape;
  };

  const ofFragment = (name: string): DocumentShape => {
    const known = memo.get(name);
    if (known !== undefined) return known;
    const fragment = fragments.get(name);
    // Unknown fragments and cycles are validation errors reported elsewhere; count them as empty.
    if (fragment === undefined || visiting.has(name)) return { depth: 0, aliases: 0, nodes: 0 };
    visiting.add(name);
    const shape = ofSet(fragment.selectionSet);
    visiting.delete(name);
    memo.set(name, shape);
    return shape;
  };

  return ofSet(operation.selectionSet);
}

/**
 * The operation's cost, in the spirit of large commerce GraphQL APIs: leaves
 * are free, every object or embedded list costs 1 plus its children, a
 * connection costs 2 plus `first` times its children, and a field that makes
 * one upstream call per parent (`Order.fulfillments`) costs
 * {@link FAN_OUT_COST} more. Fragments are costed once each (their type
 * condition fixes the type they are costed on, and `first` comes from
 * literals or the operation's variables, the same wherever they are spread),
 * so the walk is linear in the document's size. The document must be valid.
 * `returned`, when given, says how many items a paged field actually
 * returned (after execution), and that count replaces its `first`.
 */
export function measureCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
  returned?: (node: FieldNode) => number,
): number {
  const fragments = fragmentsOf(document);
  const memo = new Map<string, number>();
  const visiting = new Set<string>();

  const ofSet = (set: SelectionSetNode, parent: GraphQLObjectType): number => {
    let cost = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        cost += ofField(selection, parent);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition === undefined ? parent : schema.getType(selection.typeCondition.name.value);
        if (isObjectType(type)) cost += ofSet(selection.selectionSet, type);
      } else {
        cost += ofFragment(selection.name.value);
      }
    }
    return cost;
  };

  const ofField = (node: FieldNode, parent: GraphQLObjectType): number => {
    const field = parent.getFields()[node.name.value];
    // Meta fields (__typename, __schema, __type) never reach the upstream.
    if (field === undefined) return 0;
    const named = getNamedType(field.type);
    if (isLeafType(named)) return 0;
    const children = node.selectionSet === undefined || !isObjectType(named) ? 0 : ofSet(node.selectionSet, named);
    const key = `${parent.name}.${field.name}`;
    if (PAGED_FIELDS.has(key)) return 2 + (returned === undefined ? pageSize(field, node, variables) : returned(node)) * children;
    if (key === 'Order.fulfillments') return FAN_OUT_COST + children;
    return 1 + children;
  };

  const ofFragment = (name: string): number => {
    const known = memo.get(name);
    if (known !== undefined) return known;
    const fragment = fragments.get(name);
    const type = fragment === undefined ? undefined : schema.getType(fragment.typeCondition.name.value);
    if (fragment === undefined || !isObjectType(type) || visiting.has(name)) return 0;
    visiting.add(name);
    const cost = ofSet(fragment.selectionSet, type);
    visiting.delete(name);
    memo.set(name, cost);
    return cost;
  };

  const root = schema.getRootType(operation.operation);
  return root === undefined || root === null ? 0 : ofSet(operation.selectionSet, root);
}

/** `first` as the resolver will see it: clamped to 1…{@link MAX_PAGE_SIZE}, 10 when absent. */
function pageSize(field: GraphQLField<unknown, unknown>, node: FieldNode, variables: Record<string, unknown>): number {
  const { first } = getArgumentValues(field, node, variables);
  return typeof first === 'number' ? Math.min(Math.max(first, 1), MAX_PAGE_SIZE) : 10;
}

function fragmentsOf(document: DocumentNode): Map<string, FragmentDefinitionNode> {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  return fragments;
}
