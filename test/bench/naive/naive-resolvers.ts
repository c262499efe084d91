// The naive gateway's resolvers: every field that reaches another resource makes its own REST call (no DataLoader, no priming).
import type { GraphQLFieldResolver } from 'graphql';

import {
  CANCELLATION_STATES,
  FULFILLMENT_ORDER_ITEM_STATES,
  FULFILLMENT_ORDER_STATES,
  ORDER_STATES,
  countOf,
  cursorOf,
  enumOf,
  idOf,
  isoTimeOf,
  recordOf,
  recordsOf,
} from '../shared/upstream-format';
import type { JsonObject, NaiveUpstream } from './naive-upstream';

/** The per-request context: only the upstream client. */
export interface NaiveContext {
  upstream: NaiveUpstream;
}

/** A field resolver over upstream JSON objects. */
export type NaiveResolver = GraphQLFieldResolver<JsonObject, NaiveContext, Record<string, unknown>>;

/** Resolvers by type and field; fields not listed read the property of the same name. */
export type NaiveResolverMap = Record<string, Record<string, NaiveResolver>>;

const state = (known: ReadonlySet<string>): NaiveResolver => (parent) => enumOf(parent['state'], known);
const count = (field: string): NaiveResolver => (parent) => countOf(parent[field]);

/** Pending cancellations of a fulfillment order that ask for one of its items. */
async function cancellableQuantity(item: JsonObject, upstream: NaiveUpstream): Promise<number> {
  const cancellations = await upstream.all('fulfillment-cancellations', { fulfillmentOrderId: idOf(item['fulfillmentOrderId']) });
  let requested = 0;
  for (const cancellation of cancellations) {
    if (enumOf(cancellation['state'], CANCELLATION_STATES) !== 'PENDING') continue;
    for (const line of recordsOf(cancellation['items'])) {
      if (idOf(line['fulfillmentOrderItemId']) === idOf(item['id'])) requested += countOf(line['quantity']);
    }
  }
  return Math.max(0, countOf(item['pending']) + countOf(item['backordered']) - requested);
}

/** The order page's resolvers, each with its own upstream call where another resource is reached. */
export const naiveResolvers: NaiveResolverMap = {
  Query: {
    orders: async (_root, args, { upstream }) => {
      const first = typeof args['first'] === 'number' ? args['first'] : 10;
      const after = typeof args['after'] === 'string' ? Buffer.from(args['after'], 'base64url').toString('utf8').replace(/^v1:/, '') : undefined;
      const page = await upstream.page('orders', { limit: first, startingAfter: after });
      const edges = page.data.map((order) => ({ cursor: cursorOf(idOf(order['id'])), node: order }));
      return {
        nodes: page.data,
        edges,
        pageInfo: {
          hasNextPage: page.hasMore,
          hasPreviousPage: after !== undefined,
          startCursor: edges[0]?.cursor ?? null,
          endCursor: edges[edges.length - 1]?.cursor ?? null,
        },
      };
    },
  },
  Order: {
    state: state(ORDER_STATES),
    // One GET /charges/{id} per charge, and one GET /sources/{id} per source.
    charges: (order, _args, { upstream }) =>
      Promise.all(recordsOf(recordOf(order['payment'])['charges']).map((charge) => upstream.get('charges', idOf(charge['id'])))),
    sources: (order, _args, { upstream }) =>
      Promise.all(recordsOf(recordOf(order['payment'])['sources']).map((source) => upstream.get('sources', idOf(source['id'])))),
    fulfillmentOrders: (order, _args, { upstream }) => upstream.all('fulfillment-orders', { upstreamIds: [idOf(order['id'])] }),
    fulfillmentCancellations: (order, _args, { upstream }) => upstream.all('fulfillment-cancellations', { upstreamIds: [idOf(order['id'])] }),
  },
  OrderItem: {
    productName: (item) => recordOf(item['productDetails'])['name'] ?? null,
  },
  Charge: {
    captures: (charge) => recordsOf(charge['captures']),
    source: (charge, _args, { upstream }) => (typeof charge['sourceId'] === 'string' ? upstream.get('sources', charge['sourceId']) : null),
  },
  Source: {
    creditCard: (source) => source['creditCard'] ?? source['googlePay'] ?? null,
  },
  FulfillmentOrder: {
    state: state(FULFILLMENT_ORDER_STATES),
    items: (fulfillmentOrder) => recordsOf(fulfillmentOrder['items']).map((item) => ({ ...item, fulfillmentOrderId: fulfillmentOrder['id'] })),
    cancellations: (fulfillmentOrder, _args, { upstream }) =>
      upstream.all('fulfillment-cancellations', { fulfillmentOrderId: idOf(fulfillmentOrder['id']) }),
  },
  FulfillmentOrderItem: {
    state: state(FULFILLMENT_ORDER_ITEM_STATES),
    pending: count('pending'),
    backordered: count('backordered'),
    // One GET /fulfillment-cancellations?fulfillmentOrderId= per item.
    cancellableQuantity: (item, _args, { upstream }) => cancellableQuantity(item, upstream),
  },
  FulfillmentCancellation: {
    state: state(CANCELLATION_STATES),
    createdTime: (cancellation) => isoTimeOf(cancellation['createdTime']),
  },
  FulfillmentCancellationItem: {
    state: state(CANCELLATION_STATES),
    quantity: count('quantity'),
    quantityAccepted: (line) => (line['quantityAccepted'] === undefined || line['quantityAccepted'] === null ? null : countOf(line['quantityAccepted'])),
  },
};
