// Upstream fulfillment cancellations as GraphQL FulfillmentCancellation (livemode spelling, Java dates): views over the upstream object.
import { FulfillmentCancellationState } from '../schema/enums/fulfillment-cancellation-state.enum';
import type { FulfillmentCancellation, FulfillmentCancellationItem } from '../schema/types/fulfillment-cancellation.type';
import type { UpstreamFulfillmentCancellation, UpstreamFulfillmentCancellationItem } from '../upstream/types';
import { enumReader } from './enum-reader';
import { plainCopy } from './plain-copy';
import { toCount, toId, toIsoDateTime, toOptionalId } from './scalar.mapper';

const cancellationState = enumReader('FulfillmentCancellationState', FulfillmentCancellationState);

/** A cancellation; parent and item states are shown as given, never derived from each other (quirk 5). */
export class FulfillmentCancellationView implements FulfillmentCancellation {
  /** Not in the graph: the upstream object, for rules that read many cancellations at once (see cancellableQuantity). */
  readonly raw: UpstreamFulfillmentCancellation;

  constructor(raw: UpstreamFulfillmentCancellation) {
    this.raw = raw;
  }

  get id(): string { return this.raw.id; }
  get fulfillmentOrderId(): string { return toId(this.raw.fulfillmentOrderId); }
  get upstreamId(): string | null { return toOptionalId(this.raw.upstreamId); }
  get reason(): string | null { return this.raw.reason ?? null; }
  get state(): FulfillmentCancellationState { return cancellationState(this.raw.state); }
  get createdTime(): string | null { return toIsoDateTime(this.raw.createdTime); }
  get liveMode(): boolean { return this.raw.livemode ?? this.raw.liveMode ?? false; }

  get items(): FulfillmentCancellationItemView[] {
    const items = this.raw.items;
    if (items === undefined || items.length === 0) return [];
    const views = new Array<FulfillmentCancellationItemView>(items.length);
    for (let index = 0; index < items.length; index += 1) views[index] = new FulfillmentCancellationItemView(items[index] as UpstreamFulfillmentCancellationItem, this);
    return views;
  }

  toJSON(): Record<string, unknown> {
    return plainCopy(this);
  }
}

/** Units of one fulfillment order item asked to be cancelled. */
export class FulfillmentCancellationItemView implements FulfillmentCancellationItem {
  readonly #raw: UpstreamFulfillmentCancellationItem;
  readonly #cancellation: FulfillmentCancellationView;

  constructor(raw: UpstreamFulfillmentCancellationItem, cancellation: FulfillmentCancellationView) {
    this.#raw = raw;
    this.#cancellation = cancellation;
  }

  get fulfillmentOrderItemId(): string { return toId(this.#raw.fulfillmentOrderItemId); }
  get inventoryItemId(): string | null { return this.#raw.inventoryItemId ?? null; }
  get quantity(): number { return toCount(this.#raw.quantity); }
  get quantityAccepted(): number | null { return this.#raw.quantityAccepted == null ? null : toCount(this.#raw.quantityAccepted); }
  get state(): FulfillmentCancellationState { return cancellationState(this.#raw.state); }
  get fulfillmentOrderId(): string { return this.#cancellation.fulfillmentOrderId; }

  toJSON(): Record<string, unknown> {
    return plainCopy(this);
  }
}

export function mapFulfillmentCancellation(raw: UpstreamFulfillmentCancellation): FulfillmentCancellationView {
  return new FulfillmentCancellationView(raw);
}
