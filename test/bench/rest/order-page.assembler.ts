// Assembles the order page's JSON from three upstream lists, field for field as the gateway answers the order-page query.
import type {
  UpstreamCharge,
  UpstreamFulfillmentCancellation,
  UpstreamFulfillmentOrder,
  UpstreamOrder,
  UpstreamSource,
} from '../../../src/upstream/types';
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
} from '../shared/upstream-format';

/** What the endpoint fetched for one page. */
export interface OrderPageLists {
  orders: readonly UpstreamOrder[];
  hasMore: boolean;
  /** The `after` cursor's id, when the page was asked for after one. */
  after: string | undefined;
  fulfillmentOrders: readonly UpstreamFulfillmentOrder[];
  cancellations: readonly UpstreamFulfillmentCancellation[];
  /** Every cancellation of the fulfillment orders read by themselves (see {@link unaccountedFulfillmentOrders}), by id. */
  cancellationsOfFulfillmentOrder: ReadonlyMap<string, readonly UpstreamFulfillmentCancellation[]>;
}

/**
 * As the gateway: fulfillment orders with more units in `cancelled` than the
 * cancellations filed under their order accepted. Their missing cancellations
 * were filed under another upstreamId (or none), so they are read by
 * `fulfillmentOrderId`.
 */
export function unaccountedFulfillmentOrders(
  fulfillmentOrders: readonly UpstreamFulfillmentOrder[],
  cancellations: readonly UpstreamFulfillmentCancellation[],
): string[] {
  const accepted = new Map<string, number>();
  for (const cancellation of cancellations) {
    if (cancellation.state !== 'accepted') continue;
    for (const line of cancellation.items ?? []) {
      const key = `${idOf(cancellation.fulfillmentOrderId)}/${idOf(line.fulfillmentOrderItemId)}`;
      accepted.set(key, (accepted.get(key) ?? 0) + countOf(line.quantityAccepted));
    }
  }
  return fulfillmentOrders
    .filter((fo) => (fo.items ?? []).some((item) => countOf(item.cancelled) > (accepted.get(`${idOf(fo.id)}/${idOf(item.id)}`) ?? 0)))
    .map((fo) => idOf(fo.id));
}

/** The response body: `{ data: { orders: { nodes, pageInfo, edges } } }`. */
export interface OrderPageBody {
  data: { orders: { nodes: unknown[]; pageInfo: unknown; edges: unknown[] } };
}

// Groups items by their order id, keeping upstream's order (newest first).
function byOrder<T extends { upstreamId?: string | number }>(items: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    if (item.upstreamId === undefined) continue;
    const key = idOf(item.upstreamId);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [item]);
    else group.push(item);
  }
  return groups;
}

function charge(raw: UpstreamCharge, sources: ReadonlyMap<string, UpstreamSource>): unknown {
  const source = raw.sourceId === undefined ? undefined : sources.get(raw.sourceId);
  const card = source?.creditCard ?? source?.googlePay;
  return {
    id: raw.id,
    amount: raw.amount,
    state: raw.state,
    captures: (raw.captures ?? []).map((capture) => ({ id: capture.id ?? null, amount: capture.amount })),
    source: source === undefined ? null : {
      id: source.id,
      type: source.type,
      creditCard: card === undefined ? null : { brand: card.brand ?? null, lastFourDigits: card.lastFourDigits ?? null },
    },
  };
}

// pending + backordered, less what this item's open (pending) cancellations ask for; never below 0.
function cancellable(fulfillmentOrderId: string, itemId: string, open: number, cancellations: readonly UpstreamFulfillmentCancellation[]): number {
  if (open === 0) return 0;
  let requested = 0;
  for (const cancellation of cancellations) {
    if (enumOf(cancellation.state, CANCELLATION_STATES) !== 'PENDING' || idOf(cancellation.fulfillmentOrderId) !== fulfillmentOrderId) continue;
    for (const line of cancellation.items ?? []) if (idOf(line.fulfillmentOrderItemId) === itemId) requested += countOf(line.quantity);
  }
  return Math.max(0, open - requested);
}

function fulfillmentOrder(raw: UpstreamFulfillmentOrder, cancellations: readonly UpstreamFulfillmentCancellation[]): unknown {
  const id = idOf(raw.id);
  const own = cancellations.filter((cancellation) => idOf(cancellation.fulfillmentOrderId) === id);
  return {
    id,
    state: enumOf(raw.state, FULFILLMENT_ORDER_STATES),
    items: (raw.items ?? []).map((item) => {
      const itemId = idOf(item.id);
      const pending = countOf(item.pending);
      const backordered = countOf(item.backordered);
      return {
        id: itemId,
        state: enumOf(item.state, FULFILLMENT_ORDER_ITEM_STATES),
        pending,
        backordered,
        cancellableQuantity: cancellable(id, itemId, pending + backordered, cancellations),
      };
    }),
    cancellations: own.map((cancellation) => ({
      id: cancellation.id,
      state: enumOf(cancellation.state, CANCELLATION_STATES),
      items: (cancellation.items ?? []).map((line) => ({
        quantity: countOf(line.quantity),
        quantityAccepted: line.quantityAccepted === undefined || line.quantityAccepted === null ? null : countOf(line.quantityAccepted),
        state: enumOf(line.state, CANCELLATION_STATES),
      })),
    })),
  };
}

/** Builds the page body; pure. */
export function assembleOrderPage(lists: OrderPageLists): OrderPageBody {
  const fulfillmentOrders = byOrder(lists.fulfillmentOrders);
  const cancellations = byOrder(lists.cancellations);
  const nodes = lists.orders.map((order) => {
    const id = idOf(order.id);
    const sources = new Map((order.payment?.sources ?? []).map((source) => [source.id, source] as const));
    const ownCancellations = cancellations.get(id) ?? [];
    return {
      id,
      state: enumOf(order.state, ORDER_STATES),
      totalAmount: order.totalAmount,
      currency: order.currency,
      customerId: order.customerId ?? null,
      items: (order.items ?? []).map((item) => ({ id: idOf(item.id), quantity: item.quantity, productName: item.productDetails?.name ?? null })),
      charges: (order.payment?.charges ?? []).map((raw) => charge(raw, sources)),
      sources: (order.payment?.sources ?? []).map((source) => ({ id: source.id, type: source.type })),
      fulfillmentOrders: (fulfillmentOrders.get(id) ?? []).map((raw) => fulfillmentOrder(raw, lists.cancellationsOfFulfillmentOrder.get(idOf(raw.id)) ?? ownCancellations)),
      fulfillmentCancellations: ownCancellations.map((cancellation) => ({
        id: cancellation.id,
        state: enumOf(cancellation.state, CANCELLATION_STATES),
        createdTime: isoTimeOf(cancellation.createdTime),
      })),
    };
  });
  const cursors = lists.orders.map((order) => cursorOf(idOf(order.id)));
  return {
    data: {
      orders: {
        nodes,
        pageInfo: {
          hasNextPage: lists.hasMore,
          hasPreviousPage: lists.after !== undefined,
          startCursor: cursors[0] ?? null,
          endCursor: cursors[cursors.length - 1] ?? null,
        },
        edges: lists.orders.map((order, index) => ({ cursor: cursors[index], node: { id: idOf(order.id) } })),
      },
    },
  };
}
