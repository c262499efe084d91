// Upstream orders as GraphQL Order: views whose fields, items, embedded charges and sources are read from the upstream order only when a query asks for them.
import { OrderState } from '../schema/enums/order-state.enum';
import type { Order, OrderItem } from '../schema/types/order.type';
import type { UpstreamCharge, UpstreamOrder, UpstreamOrderItem, UpstreamSource } from '../upstream/types';
import { ChargeView } from './charge.mapper';
import { enumReader } from './enum-reader';
import { type ContactView, mapContact } from './contact.mapper';
import { plainCopy } from './plain-copy';
import { toId, toIsoDateTime } from './scalar.mapper';
import { SourceView } from './source.mapper';

const orderState = enumReader('OrderState', OrderState);

/** One line of an order. */
export class OrderItemView implements OrderItem {
  readonly #raw: UpstreamOrderItem;

  constructor(raw: UpstreamOrderItem) {
    this.#raw = raw;
  }

  get id(): string { return toId(this.#raw.id); }
  get skuId(): string | null { return this.#raw.skuId ?? null; }
  get productName(): string | null { return this.#raw.productDetails?.name ?? null; }
  get productDescription(): string | null { return this.#raw.productDetails?.description ?? null; }
  get quantity(): number { return this.#raw.quantity; }
  get amount(): number { return this.#raw.amount; }
  get state(): string | null { return this.#raw.state ?? null; }
  get availableToRefundAmount(): number | null { return this.#raw.availableToRefundAmount ?? null; }

  toJSON(): Record<string, unknown> {
    return plainCopy(this);
  }
}

/**
 * An order. Totals are shown as upstream gives them, never recomputed
 * (quirk 17). Its embedded charges and sources take the order's id, customer
 * and mode where upstream leaves them out (quirk 30).
 */
export class OrderView implements Order {
  readonly #raw: UpstreamOrder;

  constructor(raw: UpstreamOrder) {
    this.#raw = raw;
  }

  get id(): string { return toId(this.#raw.id); }
  get upstreamId(): string | null { return this.#raw.upstreamId ?? null; }
  get customerId(): string | null { return this.#raw.customerId ?? null; }
  get email(): string | null { return this.#raw.email ?? null; }
  get locale(): string | null { return this.#raw.locale ?? null; }
  get currency(): string { return this.#raw.currency; }
  get state(): OrderState { return orderState(this.#raw.state); }

  /** Non-null in the contract: an order whose time cannot be read fails this field (and so the order), as upstream broke its own format. */
  get createdTime(): string {
    const createdTime = toIsoDateTime(this.#raw.createdTime);
    if (createdTime === null) throw new TypeError(`order ${this.id} has no readable createdTime: ${JSON.stringify(this.#raw.createdTime)}`);
    return createdTime;
  }

  get updatedTime(): string | null { return toIsoDateTime(this.#raw.updatedTime); }
  get totalAmount(): number { return this.#raw.totalAmount; }
  get subtotal(): number | null { return this.#raw.subtotal ?? null; }
  get totalTax(): number | null { return this.#raw.totalTax ?? null; }
  get totalShipping(): number | null { return this.#raw.totalShipping ?? null; }
  get totalDiscount(): number | null { return this.#raw.totalDiscount ?? null; }
  get totalFees(): number | null { return this.#raw.totalFees ?? null; }
  get totalDuty(): number | null { return this.#raw.totalDuty ?? null; }
  get capturedAmount(): number | null { return this.#raw.capturedAmount ?? null; }
  get cancelledAmount(): number | null { return this.#raw.cancelledAmount ?? null; }
  get refundedAmount(): number | null { return this.#raw.refundedAmount ?? null; }
  get availableToRefundAmount(): number | null { return this.#raw.availableToRefundAmount ?? null; }
  get shipTo(): ContactView | null { return mapContact(this.#raw.shipTo); }
  get billTo(): ContactView | null { return mapContact(this.#raw.billTo); }
  get liveMode(): boolean { return this.#raw.liveMode ?? false; }
  get metadata(): Record<string, unknown> | null { return this.#raw.metadata ?? null; }

  get items(): OrderItemView[] {
    const items = this.#raw.items;
    if (items === undefined || items.length === 0) return [];
    const views = new Array<OrderItemView>(items.length);
    for (let index = 0; index < items.length; index += 1) views[index] = new OrderItemView(items[index] as UpstreamOrderItem);
    return views;
  }

  get charges(): ChargeView[] {
    const charges = this.#raw.payment?.charges;
    if (charges === undefined || charges.length === 0) return [];
    const views = new Array<ChargeView>(charges.length);
    for (let index = 0; index < charges.length; index += 1) views[index] = new ChargeView(charges[index] as UpstreamCharge, false, this);
    return views;
  }

  get sources(): SourceView[] {
    const sources = this.#raw.payment?.sources;
    if (sources === undefined || sources.length === 0) return [];
    const views = new Array<SourceView>(sources.length);
    for (let index = 0; index < sources.length; index += 1) views[index] = new SourceView(sources[index] as UpstreamSource, this);
    return views;
  }

  /** Not in the graph: a source this order embeds, completed from the order (see SourceView); undefined when none has that id. */
  embeddedSource(id: string): SourceView | undefined {
    for (const source of this.#raw.payment?.sources ?? []) if (source.id === id) return new SourceView(source, this);
    return undefined;
  }

  toJSON(): Record<string, unknown> {
    return plainCopy(this);
  }
}

export function mapOrderItem(raw: UpstreamOrderItem): OrderItemView {
  return new OrderItemView(raw);
}

/** Views an order (nothing is read or copied until a field is asked for). */
export function mapOrder(raw: UpstreamOrder): OrderView {
  return new OrderView(raw);
}
