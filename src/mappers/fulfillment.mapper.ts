// Upstream fulfillments as GraphQL Fulfillment, views over the upstream object; quantities are never null (quirk 12).
import type { Fulfillment, FulfillmentItem } from '../schema/types/fulfillment.type';
import type { UpstreamFulfillment, UpstreamFulfillmentItem } from '../upstream/types';
import { plainCopy } from './plain-copy';
import { toCount, toId, toIsoDateTime, toOptionalId } from './scalar.mapper';

export class FulfillmentView implements Fulfillment {
  readonly #raw: UpstreamFulfillment;

  constructor(raw: UpstreamFulfillment) {
    this.#raw = raw;
  }

  get id(): string { return this.#raw.id; }
  get orderId(): string { return toId(this.#raw.orderId); }
  get createdTime(): string | null { return toIsoDateTime(this.#raw.createdTime); }
  get shipmentId(): string | null { return toOptionalId(this.#raw.shipmentId); }
  get trackingCompany(): string | null { return this.#raw.trackingCompany ?? null; }
  get trackingNumber(): string | null { return this.#raw.trackingNumber ?? null; }
  get trackingUrl(): string | null { return this.#raw.trackingUrl ?? null; }
  get liveMode(): boolean { return this.#raw.liveMode ?? false; }

  get items(): FulfillmentItemView[] {
    const items = this.#raw.items;
    if (items === undefined || items.length === 0) return [];
    const views = new Array<FulfillmentItemView>(items.length);
    for (let index = 0; index < items.length; index += 1) views[index] = new FulfillmentItemView(items[index] as UpstreamFulfillmentItem, this);
    return views;
  }

  toJSON(): Record<string, unknown> {
    return plainCopy(this);
  }
}

/** Units of one order item fulfilled or cancelled by a fulfillment. */
export class FulfillmentItemView implements FulfillmentItem {
  readonly #raw: UpstreamFulfillmentItem;
  readonly #fulfillment: FulfillmentView;

  constructor(raw: UpstreamFulfillmentItem, fulfillment: FulfillmentView) {
    this.#raw = raw;
    this.#fulfillment = fulfillment;
  }

  get itemId(): string { return toId(this.#raw.itemId); }
  get shipmentItemId(): string | null { return toOptionalId(this.#raw.shipmentItemId); }
  get skuId(): string | null { return this.#raw.skuId ?? null; }
  get quantity(): number { return toCount(this.#raw.quantity); }
  get cancelQuantity(): number { return toCount(this.#raw.cancelQuantity); }
  get orderId(): string { return this.#fulfillment.orderId; }

  toJSON(): Record<string, unknown> {
    return plainCopy(this);
  }
}

export function mapFulfillment(raw: UpstreamFulfillment): FulfillmentView {
  return new FulfillmentView(raw);
}
