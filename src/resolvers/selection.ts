// Looks ahead into a field's selection set, so a resolver can start a load its children will need.
import { type FieldNode, type GraphQLResolveInfo, Kind, type SelectionSetNode } from 'graphql';

// Documents are parsed once and kept (the admission remembers them by text),
// so a field node stands for one place in one document: the answer for it is
// worked out once, not once per order of every page.
const answers = new WeakMap<FieldNode, Map<readonly string[], boolean>>();

/**
 * True when the field being resolved selects `path` (e.g. `['items',
 * 'cancellableQuantity']`), through fragments and inline fragments too.
 * Directives are ignored: a skipped field only costs an unused load. Pass a
 * path that is a constant of the caller: answers are remembered per field
 * node and path array.
 */
export function selects(info: GraphQLResolveInfo, path: readonly string[]): boolean {
  const [node] = info.fieldNodes;
  if (node === undefined || info.fieldNodes.length > 1) return lookAhead(info, path);
  let byPath = answers.get(node);
  if (byPath === undefined) {
    byPath = new Map();
    answers.set(node, byPath);
  }
  let answer = byPath.get(path);
  if (answer === undefined) {
    answer = lookAhead(info, path);
    byPath.set(path, answer);
  }
  return answer;
}

function lookAhead(info: GraphQLResolveInfo, path: readonly string[]): boolean {
  return info.fieldNodes.some((node) => node.selectionSet !== undefined && setSelects(node.selectionSet, path, 0, info));
}

function setSelects(set: SelectionSetNode, path: readonly string[], depth: number, info: GraphQLResolveInfo): boolean {
  const head = path[depth];
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value !== head) continue;
      if (depth === path.length - 1) return true;
      if (selection.selectionSet !== undefined && setSelects(selection.selectionSet, path, depth + 1, info)) return true;
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      if (setSelects(selection.selectionSet, path, depth, info)) return true;
    } else {
      const fragment = info.fragments[selection.name.value];
      if (fragment !== undefined && setSelects(fragment.selectionSet, path, depth, info)) return true;
    }
  }
  return false;
}
