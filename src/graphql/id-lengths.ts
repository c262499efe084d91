// Bounds the length of every ID a client sends, in the document's literals and in its variables, before any resolver runs.
import {
  type DocumentNode,
  type GraphQLInputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  GraphQLID,
  TypeInfo,
  getNamedType,
  isInputObjectType,
  isListType,
  isNonNullType,
  typeFromAST,
  visit,
  visitWithTypeInfo,
} from 'graphql';

/** Where an over-long ID was found, for the refusal's message. */
export interface LongId {
  /** `argument "id"`, `variable "$input"`. */
  where: string;
  length: number;
}

/**
 * The first ID longer than `maxLength` in the operation, or undefined. One
 * pass over the document (linear in its size) and one over the variables:
 * an upstream id is a few dozen characters, so a longer one is a client's
 * mistake or an attempt to make every layer below carry it.
 */
export function findLongId(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
  maxLength: number,
): LongId | undefined {
  let found: LongId | undefined;
  const typeInfo = new TypeInfo(schema);
  visit(document, visitWithTypeInfo(typeInfo, {
    StringValue(node) {
      if (found !== undefined || node.value.length <= maxLength) return;
      if (getNamedType(typeInfo.getInputType() ?? undefined) !== GraphQLID) return;
      found = { where: `argument "${typeInfo.getArgument()?.name ?? '?'}"`, length: node.value.length };
    },
  }));
  if (found !== undefined) return found;
  for (const definition of operation.variableDefinitions ?? []) {
    const type = typeFromAST(schema, definition.type);
    const name = definition.variable.name.value;
    const length = type === undefined ? 0 : longestId(type as GraphQLInputType, variables[name], maxLength);
    if (length > maxLength) return { where: `variable "$${name}"`, length };
  }
  return undefined;
}

/** The length of the first over-long ID in `value` read as `type`, else 0. */
function longestId(type: GraphQLInputType, value: unknown, maxLength: number): number {
  if (value === null || value === undefined) return 0;
  if (isNonNullType(type)) return longestId(type.ofType, value, maxLength);
  if (isListType(type)) {
    const items = Array.isArray(value) ? value : [value];
    for (const item of items) {
      const length = longestId(type.ofType, item, maxLength);
      if (length > maxLength) return length;
    }
    return 0;
  }
  if (isInputObjectType(type)) {
    if (typeof value !== 'object') return 0;
    const fields = type.getFields();
    for (const [key, field] of Object.entries(value as Record<string, unknown>)) {
      const definition = fields[key];
      const length = definition === undefined ? 0 : longestId(definition.type, field, maxLength);
      if (length > maxLength) return length;
    }
    return 0;
  }
  return type === GraphQLID && typeof value === 'string' && value.length > maxLength ? value.length : 0;
}
