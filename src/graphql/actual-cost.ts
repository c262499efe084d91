// What an executed operation actually cost: its requested cost recomputed with the number of items each paged list really returned.
import type { FieldNode, GraphQLSchema } from 'graphql';

import type { AdmittedOperation } from './admission';
import { measureCost } from './document-limits';

/**
 * The operation's `actualQueryCost`, Shopify's name: the same cost model as
 * the requested cost (see `measureCost`), with each paged list
 * (`orders(first: 100)`) costed at the items it returned instead of the
 * items it asked for, so a customer who asks for 100 orders and has 3 pays
 * for 3. Everything else is costed as requested. A page that failed or was
 * skipped returned nothing. Never more than the requested cost.
 */
export function actualCost(schema: GraphQLSchema, admitted: AdmittedOperation, data: unknown): number {
  const root = isRecord(data) ? data : {};
  // Paged fields sit at the root of the operation, so the result's top level holds every page, by response name.
  const returned = (node: FieldNode): number => itemsIn(root[node.alias?.value ?? node.name.value]);
  const cost = measureCost(schema, admitted.document, admitted.operation, admitted.variables, returned);
  return Math.min(admitted.cost.requestedQueryCost, cost);
}

// A connection's items: its longest list, whatever the client aliased `nodes` or `edges` to.
function itemsIn(connection: unknown): number {
  if (!isRecord(connection)) return 0;
  let items = 0;
  for (const value of Object.values(connection)) if (Array.isArray(value)) items = Math.max(items, value.length);
  return items;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
