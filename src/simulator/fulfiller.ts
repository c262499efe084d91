// The simulated fulfiller: decides pending cancellations after a delay and plays the orchestrated consequences (§10.7, §10.9).

import type { EventPublisher } from './event-publisher';
import type { FulfillmentLineInput, FulfillmentProcessor } from './fulfillment-processor';
import { moveOpenUnits, openUnits, settleFulfillmentOrder } from './fulfillment-order-units';
import { remainingUnits } from './order-progress';
import type { Prng } from './prng';
import type { ScheduledTask, Scheduler } from './scheduler';
import type { SimulatorStore } from './store';
import type { FulfillmentOrder, FulfillmentOrderItem, StoredCancellation } from './wire-types';

/** How the fulfiller decides: one fixed outcome, or `random` (seeded: about 60% accept, 15% partial, 25% reject). */
export type FulfillerOutcome = 'random' | 'accept' | 'partial' | 'reject';

/** A concrete decision. */
export type FulfillerDecision = Exclude<FulfillerOutcome, 'random'>;

/** Every accepted value of the `fulfillerOutcome` option. */
export const FULFILLER_OUTCOMES: readonly FulfillerOutcome[] = ['random', 'accept', 'partial', 'reject'];

/** Whether a value is one of `FULFILLER_OUTCOMES`. */
export function isFulfillerOutcome(value: unknown): value is FulfillerOutcome {
  return typeof value === 'string' && (FULFILLER_OUTCOMES as readonly string[]).includes(value);
}

/**
 * Cancellation `reason`s that force a decision whatever the option says, like
 * upstream's test-mode triggers (§13).
 */
export const TEST_REASON_DECISIONS: Readonly<Record<string, FulfillerDecision>> = {
  test_accept: 'accept',
  test_partial: 'partial',
  test_reject: 'reject',
};

// Weights of the `random` outcome.
const RANDOM_WEIGHTS = { accept: 60, partial: 15, reject: 25 } as const;

/** What the fulfiller works with. */
export interface FulfillerDeps {
  store: SimulatorStore;
  publisher: EventPublisher;
  processor: FulfillmentProcessor;
  scheduler: Scheduler;
  /** How long a new cancellation stays `pending`. */
  delayMs: number;
  outcome: FulfillerOutcome;
  /** Draws the `random` outcomes; seeded so a run is reproducible. */
  rng: Prng;
}

/**
 * Decides fulfillment cancellations the way a warehouse would answer them.
 *
 * - **accept**: every requested unit (`quantityAccepted = quantity`);
 * - **partial**: `max(1, floor(quantity / 2))` units of each line, i.e. fewer than
 *   asked whenever `quantity ≥ 2` (a line of one unit can only be accepted whole);
 * - **reject**: nothing.
 *
 * A line never gets more units than are still open (`pending + backordered`) on its
 * fulfillment order item at decision time: units shipped in the meantime are refused,
 * as a warehouse that already shipped would (§10.7, seed 001). A decision that leaves
 * nothing accepted becomes a rejection. Lines with 0 accepted units are `rejected`.
 *
 * On acceptance (events in this order): `fulfillment_cancellation.accepted`, the units
 * move to `cancelled` on the fulfillment order and `fulfillment_order.cancelled` fires
 * (for partial cancellations too, §10.6), then upstream itself submits the payment
 * cancel (orchestrated model, §10.9) through the fulfillment processor.
 * On rejection: `fulfillment_cancellation.rejected`.
 */
export class Fulfiller {
  private readonly waiting = new Map<string, ScheduledTask>();

  constructor(private readonly deps: FulfillerDeps) {}

  /** How many cancellations wait for their scheduled decision. */
  get pending(): number {
    return this.waiting.size;
  }

  /** Forgets the waiting decisions; their timers belong to the scheduler, which the caller stops. */
  stop(): void {
    this.waiting.clear();
  }

  /** Decides the cancellation after `fulfillerDelayMs`, unless `decideNow` comes first. */
  schedule(cancellationId: string): void {
    const task = this.deps.scheduler.after(this.deps.delayMs, () => {
      this.waiting.delete(cancellationId);
      const cancellation = this.deps.store.cancellations.get(cancellationId);
      if (cancellation?.state === 'pending') this.decide(cancellation, this.decisionFor(cancellation));
    });
    this.waiting.set(cancellationId, task);
  }

  /**
   * Decides a pending cancellation at once (seeded pending ones too), cancelling its timer.
   *
   * @param outcome the decision; default: the reason trigger, else the `fulfillerOutcome` option.
   * @returns a copy of the decided cancellation as stored.
   * @throws RangeError for an unknown cancellation; Error when it is no longer `pending`.
   */
  decideNow(cancellationId: string, outcome?: FulfillerOutcome): StoredCancellation {
    const cancellation = this.deps.store.cancellations.get(cancellationId);
    if (cancellation === undefined) throw new RangeError(`unknown fulfillment cancellation '${cancellationId}'`);
    if (cancellation.state !== 'pending') throw new Error(`fulfillment cancellation '${cancellationId}' is already ${cancellation.state}`);
    const task = this.waiting.get(cancellationId);
    if (task !== undefined) this.deps.scheduler.cancel(task);
    this.waiting.delete(cancellationId);
    this.decide(cancellation, outcome === undefined ? this.decisionFor(cancellation) : this.resolve(outcome));
    return structuredClone(cancellation);
  }

  // Private: a test reason wins over the configured outcome.
  private decisionFor(cancellation: StoredCancellation): FulfillerDecision {
    const forced = cancellation.reason === undefined ? undefined : TEST_REASON_DECISIONS[cancellation.reason];
    return forced ?? this.resolve(this.deps.outcome);
  }

  // Private: draws `random`, passes a concrete decision through.
  private resolve(outcome: FulfillerOutcome): FulfillerDecision {
    return outcome === 'random' ? this.deps.rng.weighted(RANDOM_WEIGHTS) : outcome;
  }

  // Private: applies a decision to a pending cancellation.
  private decide(cancellation: StoredCancellation, decision: FulfillerDecision): void {
    const fo = this.deps.store.fulfillmentOrders.get(cancellation.fulfillmentOrderId);
    const claimed = new Map<string, number>();
    const plan = cancellation.items.map((line) => {
      const foItem = fo?.items.find((i) => i.id === line.fulfillmentOrderItemId);
      const wanted = decision === 'accept' ? line.quantity : decision === 'partial' ? partialUnits(line.quantity) : 0;
      const available = foItem === undefined ? 0 : openUnits(foItem) - (claimed.get(foItem.id) ?? 0);
      const accepted = Math.max(0, Math.min(wanted, available));
      if (foItem !== undefined) claimed.set(foItem.id, (claimed.get(foItem.id) ?? 0) + accepted);
      return { line, foItem, accepted };
    });
    if (fo === undefined || plan.every((p) => p.accepted === 0)) {
      this.reject(cancellation);
      return;
    }
    const nowMs = Date.now();
    cancellation.state = 'accepted';
    for (const { line, accepted } of plan) {
      line.quantityAccepted = accepted;
      line.state = accepted > 0 ? 'accepted' : 'rejected';
    }
    this.deps.publisher.cancellation('fulfillment_cancellation.accepted', cancellation, { state: 'pending' });

    const previousState = fo.state;
    const previousItems = structuredClone(fo.items);
    for (const { foItem, accepted } of plan) if (foItem !== undefined) moveOpenUnits(foItem, accepted, 'cancelled');
    settleFulfillmentOrder(fo, nowMs);
    this.deps.publisher.fulfillmentOrder('fulfillment_order.cancelled', fo, {
      ...(fo.state !== previousState ? { state: previousState } : {}),
      items: previousItems,
    });
    this.submitPaymentCancel(fo, plan);
  }

  // Private: every line rejected, nothing moves.
  private reject(cancellation: StoredCancellation): void {
    cancellation.state = 'rejected';
    for (const line of cancellation.items) {
      line.quantityAccepted = 0;
      line.state = 'rejected';
    }
    this.deps.publisher.cancellation('fulfillment_cancellation.rejected', cancellation, { state: 'pending' });
  }

  // Private: the orchestrated model's internal fulfillment with cancelQuantity for the accepted units (§10.9).
  private submitPaymentCancel(fo: FulfillmentOrder, plan: readonly { foItem: FulfillmentOrderItem | undefined; accepted: number }[]): void {
    const { store, processor } = this.deps;
    const order = store.orders.get(fo.upstreamId);
    if (order === undefined || order.state !== 'accepted') return;
    const unitsByItem = new Map<string, number>();
    for (const { foItem, accepted } of plan) {
      if (foItem === undefined || accepted === 0) continue;
      unitsByItem.set(foItem.upstreamId, (unitsByItem.get(foItem.upstreamId) ?? 0) + accepted);
    }
    const lines: FulfillmentLineInput[] = [];
    for (const [itemId, units] of unitsByItem) {
      const item = order.items.find((i) => i.id === itemId);
      // The counts of a consistent store make this a no-op; it guards against cancelling more than remains.
      const cancelQuantity = Math.min(units, remainingUnits(store, order, itemId));
      if (item !== undefined && cancelQuantity > 0) lines.push({ item, quantity: 0, cancelQuantity });
    }
    if (lines.length > 0) processor.submit({ order, lines, moveFulfillmentOrderUnits: false });
  }
}

/** Units a partial approval accepts of a line: fewer than asked (at least one) whenever that is possible. */
export function partialUnits(quantity: number): number {
  return quantity >= 2 ? Math.max(1, Math.floor(quantity / 2)) : quantity;
}
