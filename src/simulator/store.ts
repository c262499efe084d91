// The simulator's in-memory state: every resource collection, the event log and the seeded facts.

import { Collection } from './collection';
import type { IdGenerator } from './ids';
import { isoMicros } from './time';
import type {
  Charge,
  FulfillmentOrder,
  SimEvent,
  Source,
  StoredCancellation,
  StoredFulfillment,
  StoredOrder,
  Webhook,
} from './wire-types';

/** What `expand=true` adds to an order item's `productDetails`, kept per SKU. */
export interface ProductFacts {
  physical: boolean;
  metadata: Record<string, string | number | boolean>;
}

/** Facts about the seeded data set that tests (and the demo) can rely on. */
export interface SeedFacts {
  /** The seed the data was generated from. */
  seed: number;
  /** Registered customers (orders of guests have no `customerId`). */
  customerIds: string[];
  /** Orders placed by guests. */
  guestOrderIds: string[];
  /** The bulk order whose cancellations span more than one page of 100. */
  bulkOrderId: string;
  /** Orders paid with two sources (store credit + card). */
  twoSourceOrderIds: string[];
  /** Orders with only digital items: no shipping, no fulfillment orders. */
  digitalOrderIds: string[];
  /** Orders with two fulfillment orders. */
  splitFulfillmentOrderIds: string[];
  /** Cancellations whose `createdTime` is always the Java date object. */
  javaDateCancellationIds: string[];
}

/** Facts before the seed has found any of its special orders. */
export function emptySeedFacts(seed: number, customerIds: string[]): SeedFacts {
  return {
    seed,
    customerIds,
    guestOrderIds: [],
    bulkOrderId: '',
    twoSourceOrderIds: [],
    digitalOrderIds: [],
    splitFulfillmentOrderIds: [],
    javaDateCancellationIds: [],
  };
}

/** The API version the simulator renders events with. */
export const EVENT_API_VERSION = '2021-12-13';

/** Called synchronously with every event appended after it subscribed. */
export type EventListener = (event: SimEvent) => void;

/**
 * All simulator state. Collections are public so routes (and later the write
 * endpoints, the fulfiller and the webhook sender) work on the same objects;
 * the helpers below answer the questions that cross collections.
 */
export class SimulatorStore {
  /** Orders, with payment held as charge and source ids. */
  readonly orders = new Collection<StoredOrder>({ upstreamId: (order) => order.upstreamId });
  /** Full charges (with `orderId`, refund ids, failure messages). */
  readonly charges = new Collection<Charge>();
  /** Full sources (with `clientSecret`, `state`, `reusable`). */
  readonly sources = new Collection<Source>();
  /** Fulfillments, with the ids of the operations they caused. */
  readonly fulfillments = new Collection<StoredFulfillment>({ orderId: (fulfillment) => fulfillment.orderId });
  /** Fulfillment orders. */
  readonly fulfillmentOrders = new Collection<FulfillmentOrder>({ upstreamId: (fo) => fo.upstreamId });
  /** Fulfillment cancellations, with ISO `createdTime` (rendered per option). */
  readonly cancellations = new Collection<StoredCancellation>({
    upstreamId: (cancellation) => cancellation.upstreamId,
    fulfillmentOrderId: (cancellation) => cancellation.fulfillmentOrderId,
  });
  /** The event log `GET /events` serves. */
  readonly events = new Collection<SimEvent>();
  /** Registered webhooks (`/webhooks`). */
  readonly webhooks = new Collection<Webhook>();
  /** Per-SKU product facts for `expand=true`. */
  readonly products = new Map<string, ProductFacts>();
  /** Facts about the seeded data; filled in by the seed. */
  facts: SeedFacts = emptySeedFacts(0, []);

  private eventSequence = 0;
  // Microseconds since the epoch of the newest live event, so live event times strictly increase.
  private lastLiveMicros = 0;
  private readonly listeners = new Set<EventListener>();

  /** @param ids the id factory; later writes mint ids from the same sequences as the seed. */
  constructor(readonly ids: IdGenerator) {}

  /** The order's charges, in payment order. */
  chargesOfOrder(order: StoredOrder): Charge[] {
    return order.payment.chargeIds.flatMap((id) => {
      const charge = this.charges.get(id);
      return charge === undefined ? [] : [charge];
    });
  }

  /** The order's sources, in payment order. */
  sourcesOfOrder(order: StoredOrder): Source[] {
    return order.payment.sourceIds.flatMap((id) => {
      const source = this.sources.get(id);
      return source === undefined ? [] : [source];
    });
  }

  /** Fulfillments of an order, newest first. */
  fulfillmentsOfOrder(orderId: string): StoredFulfillment[] {
    return this.fulfillments.inListOrder(this.fulfillments.lookup('orderId', orderId));
  }

  /** Fulfillment orders whose `upstreamId` is the order id, newest first. */
  fulfillmentOrdersOfOrder(orderId: string): FulfillmentOrder[] {
    return this.fulfillmentOrders.inListOrder(this.fulfillmentOrders.lookup('upstreamId', orderId));
  }

  /**
   * Cancellations that belong to an order, newest first: through their fulfillment
   * order, so the few seeded without an `upstreamId` are included.
   */
  cancellationsOfOrder(orderId: string): StoredCancellation[] {
    const found = new Map(this.cancellations.lookup('upstreamId', orderId).map((c) => [c.id, c]));
    for (const fo of this.fulfillmentOrders.lookup('upstreamId', orderId)) for (const c of this.cancellations.lookup('fulfillmentOrderId', fo.id)) found.set(c.id, c);
    return this.cancellations.inListOrder(found.values());
  }

  /**
   * Appends an event to the log, tells the listeners, and returns it.
   *
   * Event ids are unique to this run (`IdGenerator.eventId`); fulfillment order events get an `evt_` id like upstream's (§1.5), all others a UUID.
   *
   * @param object the resource as the event should carry it; the caller passes a snapshot, not a live object.
   * @param at the event time in epoch ms, for seeded history; microseconds then come from a
   *   sequence so events created in the same millisecond still sort in creation order. Without
   *   it the event happens now, and its time is strictly later than every earlier live event's.
   */
  appendEvent(type: string, object: unknown, previousAttributes?: Record<string, unknown>, at?: number): SimEvent {
    this.eventSequence += 1;
    let createdTime: string;
    if (at === undefined) {
      this.lastLiveMicros = Math.max(Date.now() * 1000, this.lastLiveMicros + 1);
      createdTime = isoMicros(Math.floor(this.lastLiveMicros / 1000), this.lastLiveMicros % 1000);
    } else {
      createdTime = isoMicros(at, this.eventSequence % 1000);
    }
    const uuid = this.ids.eventId();
    const event: SimEvent = {
      id: type.startsWith('fulfillment_order.') ? `evt_${uuid}` : uuid,
      type,
      createdTime,
      liveMode: false,
      data: { object, ...(previousAttributes !== undefined ? { previousAttributes } : {}) },
      digitalriverVersion: EVENT_API_VERSION,
    };
    this.events.put(event);
    for (const listener of this.listeners) listener(event);
    return event;
  }

  /**
   * Calls `listener` with every event appended from now on (the seeded history is not replayed).
   *
   * @returns a function that unsubscribes.
   */
  onEvent(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }
}
