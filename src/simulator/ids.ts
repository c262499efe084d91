// Mints upstream-shaped identifiers (§1.5) that never repeat within one simulator, and event ids that never repeat across runs.

import { randomBytes } from 'node:crypto';

import type { Prng } from './prng';

/** Which counter-based id families exist; each has its own sequence. */
type Sequence = 'order' | 'orderItem' | 'customer' | 'fulfillmentOrder' | 'fulfillmentOrderItem' | 'cancellation' | 'shipment' | 'shipmentItem';

/**
 * Id factory shared by the seed and (later) the write endpoints.
 *
 * Numeric ids come from per-family counters with a fixed stride, so they grow with
 * creation order, stay unique, and keep upstream's lengths: orders are 12 digits
 * ending in `0336`, order items 11 or 12 digits, cancellations `ret_` + 10 digits.
 * UUIDs come from the seeded generator, so a run with the same seed mints the same ids.
 */
export class IdGenerator {
  private readonly counters: Record<Sequence, number> = {
    order: 0,
    orderItem: 0,
    customer: 0,
    fulfillmentOrder: 0,
    fulfillmentOrderItem: 0,
    cancellation: 0,
    shipment: 0,
    shipmentItem: 0,
  };

  /**
   * @param rng the source of UUID randomness.
   * @param runNonce 16 bytes mixed into every event id; random per simulator start unless given (tests).
   */
  constructor(private readonly rng: Prng, private readonly runNonce: Buffer = randomBytes(16)) {}

  /** A UUID (charges, sources, payment sessions, captures, checkouts). */
  uuid(): string {
    return this.rng.uuid();
  }

  /**
   * An event id: a version 4 UUID unique to this run. Upstream's event ids
   * never repeat, and a gateway keeps the ids it received for 72 hours to drop
   * upstream's retries; seeded ids, the same on every start, made every event
   * of a restarted simulator read as a retry. The seeded UUID is still drawn
   * (so every id and object minted after it is the same on every run: the demo
   * data stays deterministic) and XORed with the run's nonce.
   */
  eventId(): string {
    const seeded = this.rng.uuid().replace(/-/g, '');
    let hex = '';
    for (let index = 0; index < 32; index += 1) {
      const byte = this.runNonce[index >> 1] ?? 0;
      const nibble = index % 2 === 0 ? byte >> 4 : byte & 0xf;
      hex += (parseInt(seeded.charAt(index), 16) ^ nibble).toString(16);
    }
    const variant = ((parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  }

  /** An order id: 12 digits ending in `0336`, e.g. `240011390336`. */
  order(): string {
    return `${24001122 + this.step('order') * 17}0336`;
  }

  /**
   * An order item id. Upstream shows both 11-digit (`96791310336`) and 12-digit
   * (`158140510336`) item ids; `short` picks the 11-digit family.
   */
  orderItem(short: boolean): string {
    const n = this.step('orderItem');
    return short ? `${9679131 + n * 3}0336` : `${15814051 + n * 3}0336`;
  }

  /** A customer id, numeric like upstream's `517796760336`. */
  customer(): string {
    return `${51779676 + this.step('customer') * 101}0336`;
  }

  /** A fulfillment order id, numeric like `5774321009`. */
  fulfillmentOrder(): string {
    return String(5774321009 + this.step('fulfillmentOrder') * 11);
  }

  /** A fulfillment order item id, numeric like `99341140336`. */
  fulfillmentOrderItem(): string {
    return `${6503986 + this.step('fulfillmentOrderItem') * 3}0336`;
  }

  /** A fulfillment cancellation id: `ret_` + digits, e.g. `ret_5823594809`. */
  cancellation(): string {
    return `ret_${5823594809 + this.step('cancellation') * 7}`;
  }

  /** A fulfillment id: `ful_` + UUID. */
  fulfillment(): string {
    return `ful_${this.rng.uuid()}`;
  }

  /** A shipment id, numeric like `100002369153`. */
  shipment(): string {
    return String(100002369153 + this.step('shipment') * 5);
  }

  /** A shipment item id, numeric like `29016544906`. */
  shipmentItem(): string {
    return String(29016544906 + this.step('shipmentItem') * 3);
  }

  /** A `clientSecret`: `<object id>_<uuid>` (§14 #18). */
  clientSecret(objectId: string): string {
    return `${objectId}_${this.rng.uuid()}`;
  }

  // Private: advances one family's counter and returns its previous value.
  private step(sequence: Sequence): number {
    const n = this.counters[sequence];
    this.counters[sequence] = n + 1;
    return n;
  }
}
