// Generates the deterministic demo data set: customers, orders in every state, payments, fulfilment history, events.
//
// With the defaults (seed 20240305, 300 orders, created 2024-01-02 … 2024-05-09) the data set holds:
// - orders: 130 complete, 41 returned, 37 accepted, 30 cancelled, 18 blocked, 17 fulfilled,
//   14 dispute, 7 in_review, 6 pending_payment; 36 by guests, the rest over eight customers;
//   62 digital; 24 paid with store credit + card; 15 with two fulfillment orders;
// - 222 fulfillment orders, 374 fulfillments, 311 charges, 324 sources, 716 events;
// - 227 fulfillment cancellations (38 pending, 107 accepted of which 19 partly, 82 rejected),
//   130 of them on the bulk order `store.facts.bulkOrderId` (240058820336), so that one
//   order's cancellations span two pages of 100; the 50 newest orders together have 156
//   cancellations (26 without the bulk order); 15 always render the Java date form.
// `test/simulator` asserts these facts from the store rather than hard-coding them, so
// changing the generator stays cheap; the numbers above only describe the default run.

import type { IdGenerator } from './ids';
import type { Prng } from './prng';
import type { RenderOptions } from './render';
import { BULK_PRODUCT_KEYS, CUSTOMERS, GUESTS } from './seed-catalog';
import { createSeedContext, type SeedContext } from './seed-context';
import { addBulkHistory } from './seed-bulk-order';
import { seedEvents } from './seed-events';
import { commitOrder } from './seed-flow';
import { addOrderHistory } from './seed-history';
import { createOrderDraft, type OrderPlan } from './seed-order';
import type { PaymentMethod } from './seed-payment';
import { type SimulatorStore, emptySeedFacts } from './store';
import { HOUR } from './time';
import { ORDER_STATES, type OrderState } from './wire-types';

/** Default PRNG seed: the same data set on every run. */
export const DEFAULT_SEED = 20240305;
/** Default number of orders. */
export const DEFAULT_ORDER_COUNT = 300;
/** The first seeded order is placed at this instant; later ones follow every few hours. */
export const SEED_START_MS = Date.UTC(2024, 0, 2, 9, 0, 0);

/** Share of seeded cancellations that always render the Java date form. */
const JAVA_DATE_SHARE = 0.05;

/** Options of one seeding run. */
export interface SeedOptions {
  seed: number;
  orderCount: number;
  render: RenderOptions;
}

/**
 * Fills an empty store with the demo data set. Deterministic: the same seed and
 * order count always give the same objects and ids.
 */
export function seedStore(store: SimulatorStore, ids: IdGenerator, rng: Prng, options: SeedOptions): void {
  const ctx = createSeedContext(rng, ids, store);
  const count = Math.max(0, Math.floor(options.orderCount));
  const bulkIndex = count > 0 ? Math.max(0, count - 20) : -1;
  const states = planStates(rng, count, bulkIndex);
  store.facts = emptySeedFacts(options.seed, ctx.customers.map((c) => c.id));

  let createdMs = SEED_START_MS;
  for (let i = 0; i < count; i += 1) {
    createdMs += rng.int(3, 17) * HOUR + rng.int(0, 3599) * 1000;
    const plan = i === bulkIndex ? bulkPlan(ctx, createdMs) : planOrder(ctx, i, states[i] ?? 'complete', createdMs);
    const draft = createOrderDraft(ctx, plan);
    if (i === bulkIndex) {
      addBulkHistory(ctx, draft);
      store.facts.bulkOrderId = draft.order.id;
    } else {
      addOrderHistory(ctx, draft, plan);
    }
    commitOrder(ctx, draft);
    if (plan.customerId === undefined) store.facts.guestOrderIds.push(draft.order.id);
    if (plan.method === 'storeCredit') store.facts.twoSourceOrderIds.push(draft.order.id);
    if (!plan.physical) store.facts.digitalOrderIds.push(draft.order.id);
  }

  pinJavaDates(ctx);
  seedEvents(ctx, options.render);
}

// Private: the state of every order. Older orders have mostly finished their life;
// the newest 15% are still in early states. Every state occurs at least once when
// there are enough orders.
function planStates(rng: Prng, count: number, bulkIndex: number): OrderState[] {
  const states = Array.from({ length: count }, (_v, i): OrderState => {
    if (i === bulkIndex) return 'accepted';
    if (i < count * 0.85) {
      return rng.weighted({ complete: 44, fulfilled: 5, returned: 9, dispute: 5, cancelled: 11, blocked: 5, accepted: 10 });
    }
    return rng.weighted({ accepted: 30, pending_payment: 15, in_review: 12, fulfilled: 16, complete: 12, blocked: 5, cancelled: 10 });
  });
  const free = rng.shuffle(Array.from({ length: count }, (_v, i) => i).filter((i) => i !== bulkIndex && i >= count * 0.85));
  for (const state of ORDER_STATES) {
    if (states.includes(state)) continue;
    // Take a slot whose state occurs elsewhere too, so no state is lost by the swap.
    const at = free.findIndex((i) => states.filter((s) => s === states[i]).length > 1);
    const slot = at === -1 ? undefined : free.splice(at, 1)[0];
    if (slot !== undefined) states[slot] = state;
  }
  return states;
}

// Private: who orders what and how they pay, consistent with the planned state.
function planOrder(ctx: SeedContext, index: number, state: OrderState, createdMs: number): OrderPlan {
  const { rng } = ctx;
  const guest = rng.chance(0.15);
  const customer = guest ? undefined : rng.pick(ctx.customers);
  const person = customer?.person ?? rng.pick(GUESTS);
  const japan = person.country === 'JP';
  const unpaidCancel = state === 'cancelled' && rng.chance(0.3);
  let method: PaymentMethod;
  if (state === 'pending_payment' || unpaidCancel) {
    method = japan ? 'konbini' : rng.pick<PaymentMethod>(['wireTransfer', 'wireTransfer', 'payPal']);
    if (unpaidCancel && method === 'payPal') method = 'wireTransfer';
  } else if (japan) {
    method = rng.weighted<PaymentMethod>({ creditCard: 50, konbini: 30, applePay: 20 });
  } else {
    method = rng.weighted<PaymentMethod>({ creditCard: 45, googlePay: 10, applePay: 10, payPal: 12, wireTransfer: 6, ...(customer !== undefined ? { storeCredit: 12 } : {}) });
  }
  return {
    state,
    createdMs,
    person,
    ...(customer !== undefined ? { customerId: customer.id } : {}),
    physical: rng.chance(0.78),
    method,
    unpaidCancel,
    viaReview: rng.chance(0.1),
    ...(rng.chance(0.3) ? { upstreamId: `ECOM-${100000 + index}` } : {}),
  };
}

// Private: the bulk order of the business customer: hundreds of cheap units, card payment.
function bulkPlan(ctx: SeedContext, createdMs: number): OrderPlan {
  const business = ctx.customers.find((c) => c.person.customerType === 'business') ?? ctx.customers[0];
  const person = business?.person ?? CUSTOMERS[0];
  if (person === undefined) throw new Error('the seed catalogue has no customers');
  const [first, second] = BULK_PRODUCT_KEYS.map((key) => ctx.products.find((p) => p.key === key));
  if (first === undefined || second === undefined) throw new Error('the seed catalogue lacks the bulk products');
  return {
    state: 'accepted',
    createdMs,
    person,
    ...(business !== undefined ? { customerId: business.id } : {}),
    physical: true,
    method: 'creditCard',
    unpaidCancel: false,
    viaReview: false,
    lines: [
      { product: first, quantity: 480 },
      { product: second, quantity: 240 },
    ],
    upstreamId: 'ECOM-BULK-0001',
  };
}

// Private: pins a fixed share of cancellations (at least one) to the Java date form.
function pinJavaDates(ctx: SeedContext): void {
  const all = ctx.store.cancellations.sorted();
  for (const c of all) c.alwaysJavaDate = ctx.rng.chance(JAVA_DATE_SHARE);
  const first = all[all.length - 1];
  if (first !== undefined && !all.some((c) => c.alwaysJavaDate)) first.alwaysJavaDate = true;
  ctx.store.facts.javaDateCancellationIds = all.filter((c) => c.alwaysJavaDate).map((c) => c.id);
}
