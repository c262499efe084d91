// Upstream fulfillment orders as GraphQL FulfillmentOrder (views over the upstream object), and the cancellable-quantity rule.
import { FulfillmentCancellationState } from '../schema/enums/fulfillment-cancellation-state.enum';
import { FulfillmentOrderItemState, FulfillmentOrderState } from '../schema/enums/fulfillment-order-state.enum';
import type { FulfillmentOrder, FulfillmentOrderItem } from '../schema/types/fulfillment-order.type';
import type { UpstreamFulfillmentCancellation, UpstreamFulfillmentOrder, UpstreamFulfillmentOrderItem } from '../upstream/types';
import { enumReader } from './enum-reader';
import type { FulfillmentCancellationView } from './fulfillment-cancellation.mapper';
import { plainCopy } from './plain-copy';
import { sameId, toCount, toId, toIsoDateTime, toOptionalId } from './scalar.mapper';

const fulfillmentOrderState = enumReader('FulfillmentOrderState', FulfillmentOrderState);
const fulfillmentOrderItemState = enumReader('FulfillmentOrderItemState', FulfillmentOrderItemState);
const cancellationState = enumReader('FulfillmentCancellationState', FulfillmentCancellationState);

/** A fulfillment order; its items know it (for their cancellations and their order line). */
export class FulfillmentOrderView implements FulfillmentOrder {
  readonly #raw: UpstreamFulfillmentOrder;
  #cancelledPerItem: ReadonlyMap<string, number> | undefined;

  constructor(raw: UpstreamFulfillmentOrder) {
    this.#raw = raw;
  }

  get id(): string { return toId(this.#raw.id); }
  get upstreamId(): string | null { return toOptionalId(this.#raw.upstreamId); }
  get state(): FulfillmentOrderState { return fulfillmentOrderState(this.#raw.state); }
  get createdTime(): string | null { return toIsoDateTime(this.#raw.createdTime); }
  get currency(): string | null { return this.#raw.currency ?? null; }
  get liveMode(): boolean { return this.#raw.liveMode ?? false; }

  get items(): FulfillmentOrderItemView[] {
    const items = this.#raw.items;
    if (items === undefined || items.length === 0) return [];
    const views = new Array<FulfillmentOrderItemView>(items.length);
    for (let index = 0; index < items.length; index += 1) views[index] = new FulfillmentOrderItemView(items[index] as UpstreamFulfillmentOrderItem, this);
    return views;
  }

  /** Not in the graph: units in `cancelled` per item id, items with none left out; worked out once, on first use. */
  get cancelledPerItem(): ReadonlyMap<string, number> {
    this.#cancelledPerItem ??= cancelledUnitsPerItem(this.#raw);
    return this.#cancelledPerItem;
  }

  toJSON(): Record<string, unknown> {
    return plainCopy(this);
  }
}

/** One line of a fulfillment order. */
export class FulfillmentOrderItemView implements FulfillmentOrderItem {
  readonly #raw: UpstreamFulfillmentOrderItem;
  readonly #fulfillmentOrder: FulfillmentOrderView;

  constructor(raw: UpstreamFulfillmentOrderItem, fulfillmentOrder: FulfillmentOrderView) {
    this.#raw = raw;
    this.#fulfillmentOrder = fulfillmentOrder;
  }

  get id(): string { return toId(this.#raw.id); }
  get upstreamId(): string | null { return toOptionalId(this.#raw.upstreamId); }
  get inventoryItemId(): string | null { return this.#raw.inventoryItemId ?? null; }
  get name(): string | null { return this.#raw.name ?? null; }
  get quantity(): number { return toCount(this.#raw.quantity); }
  get pending(): number { return toCount(this.#raw.pending); }
  get backordered(): number { return toCount(this.#raw.backordered); }
  get shipped(): number { return toCount(this.#raw.shipped); }
  get cancelled(): number { return toCount(this.#raw.cancelled); }
  get returned(): number { return toCount(this.#raw.returned); }
  get state(): FulfillmentOrderItemState { return fulfillmentOrderItemState(this.#raw.state); }
  get fulfillmentOrderId(): string { return this.#fulfillmentOrder.id; }
  get orderId(): string | null { return this.#fulfillmentOrder.upstreamId; }
  get cancelledPerItem(): ReadonlyMap<string, number> { return this.#fulfillmentOrder.cancelledPerItem; }

  toJSON(): Record<string, unknown> {
    return plainCopy(this);
  }
}

export function mapFulfillmentOrder(raw: UpstreamFulfillmentOrder): FulfillmentOrderView {
  return new FulfillmentOrderView(raw);
}

/**
 * The contract's cancellableQuantity: pending + backordered, less what open
 * (PENDING) cancellations of this item already ask for; never below 0.
 */
export function cancellableQuantity(item: FulfillmentOrderItem, cancellations: readonly FulfillmentCancellationView[]): number {
  let requested = 0;
  for (const cancellation of cancellations) requested += unitsAskedOf(cancellation.raw, item);
  return Math.max(0, item.pending + item.backordered - requested);
}

/** {@link cancellableQuantity} over the upstream cancellations as loaded: nothing is viewed or copied. */
export function cancellableQuantityOf(item: FulfillmentOrderItem, cancellations: readonly UpstreamFulfillmentCancellation[]): number {
  const available = item.pending + item.backordered;
  if (available === 0) return 0;
  let requested = 0;
  for (const cancellation of cancellations) requested += unitsAskedOf(cancellation, item);
  return Math.max(0, available - requested);
}

// Private: the units an open (PENDING) cancellation asks of `item`; 0 for any other state or fulfillment order.
function unitsAskedOf(cancellation: UpstreamFulfillmentCancellation, item: FulfillmentOrderItem): number {
  if (cancellationState(cancellation.state) !== FulfillmentCancellationState.PENDING) return 0;
  if (!sameId(cancellation.fulfillmentOrderId, item.fulfillmentOrderId)) return 0;
  let units = 0;
  const itemId = item.id;
  for (const line of cancellation.items ?? []) {
    if (sameId(line.fulfillmentOrderItemId, itemId)) units += toCount(line.quantity);
  }
  return units;
}

// Most fulfillment orders have nothing cancelled: they share one empty map.
const NOTHING_CANCELLED: ReadonlyMap<string, number> = new Map();

// Private: units in `cancelled` per item id, items with none left out.
function cancelledUnitsPerItem(raw: UpstreamFulfillmentOrder): ReadonlyMap<string, number> {
  let perItem: Map<string, number> | undefined;
  for (const item of raw.items ?? []) {
    const cancelled = toCount(item.cancelled);
    if (cancelled > 0) (perItem ??= new Map()).set(toId(item.id), cancelled);
  }
  return perItem ?? NOTHING_CANCELLED;
}
