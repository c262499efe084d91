// The seeded data set: deterministic, covers every state, and internally consistent like upstream's data.

import { createSimulator, type Simulator } from '../../src/simulator/create-simulator';
import { createSeededStore } from '../../src/simulator/seeded-store';
import type { SimulatorStore } from '../../src/simulator/store';
import { ORDER_STATES, type SimEvent } from '../../src/simulator/wire-types';
import {
  orderTotalsAddUp,
  chargesMatchSources,
  chargeStatesMatchOperations,
  fulfillmentsAccountForUnits,
  fulfillmentOrderCountsSumToQuantity,
  cancellationsMatchFulfillmentOrderCounts,
} from './seed-invariants';

let sim: Simulator;

beforeAll(async () => {
  sim = await createSimulator({ port: 0 });
});

afterAll(async () => {
  await sim.stop();
});

describe('Coverage', () => {
  it('has about 300 orders over eight customers plus guests', () => {
    const { store } = sim;
    expect(store.orders.size).toBe(300);
    expect(store.facts.customerIds).toHaveLength(8);
    const customers = new Set(store.orders.sorted().flatMap((o) => (o.customerId === undefined ? [] : [o.customerId])));
    expect([...customers].sort()).toEqual([...store.facts.customerIds].sort());
    expect(store.facts.guestOrderIds.length).toBeGreaterThan(10);
    for (const id of store.facts.guestOrderIds) expect(store.orders.get(id)?.customerId).toBeUndefined();
  });

  it('has every order, fulfillment order, item and cancellation state', () => {
    const { store } = sim;
    expect(new Set(store.orders.sorted().map((o) => o.state))).toEqual(new Set(ORDER_STATES));
    expect(new Set(store.fulfillmentOrders.sorted().map((fo) => fo.state))).toEqual(new Set(['pending', 'shipped', 'cancelled']));
    expect(new Set(store.fulfillmentOrders.sorted().flatMap((fo) => fo.items.map((i) => i.state)))).toEqual(
      new Set(['pending', 'backordered', 'shipped', 'cancelled']),
    );
    const cancellations = store.cancellations.sorted();
    expect(new Set(cancellations.map((c) => c.state))).toEqual(new Set(['pending', 'accepted', 'rejected']));
    expect(cancellations.some((c) => c.state === 'accepted' && c.items.some((i) => i.quantityAccepted > 0 && i.quantityAccepted < i.quantity))).toBe(true);
    expect(cancellations.some((c) => c.upstreamId === undefined)).toBe(true);
  });

  it('has every source type, two-source orders and digital orders', () => {
    const { store } = sim;
    expect(new Set(store.sources.sorted().map((s) => s.type))).toEqual(
      new Set(['creditCard', 'googlePay', 'applePay', 'payPal', 'wireTransfer', 'konbini', 'customerCredit']),
    );
    for (const id of store.facts.twoSourceOrderIds) expect(store.orders.get(id)?.payment.sourceIds).toHaveLength(2);
    for (const id of store.facts.digitalOrderIds) {
      expect(store.orders.get(id)?.shipTo).toBeUndefined();
      expect(store.fulfillmentOrdersOfOrder(id)).toEqual([]);
    }
    expect(store.facts.splitFulfillmentOrderIds.length).toBeGreaterThan(0);
    for (const id of store.facts.splitFulfillmentOrderIds) expect(store.fulfillmentOrdersOfOrder(id)).toHaveLength(2);
  });

  it('has one order whose cancellations span more than one page of 100', () => {
    const bulk = sim.store.orders.get(sim.store.facts.bulkOrderId);
    expect(bulk?.state).toBe('accepted');
    expect(sim.store.cancellationsOfOrder(sim.store.facts.bulkOrderId).length).toBeGreaterThan(100);
  });

  it('has a failed capture and a partly captured, still capturable charge', () => {
    const charges = sim.store.charges.sorted();
    expect(charges.some((c) => (c.captures ?? []).some((op) => op.state === 'failed') && c.captured)).toBe(true);
    expect(charges.some((c) => c.state === 'capturable' && (c.captures ?? []).some((op) => op.state === 'complete'))).toBe(true);
  });

  it('pins some cancellations to the Java date form', () => {
    const pinned = sim.store.facts.javaDateCancellationIds.length;
    expect(pinned).toBeGreaterThan(0);
    expect(pinned).toBeLessThan(sim.store.cancellations.size * 0.15);
  });
});

describe('Ids', () => {
  it('shapes ids like upstream (§1.5)', () => {
    const { store } = sim;
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    for (const o of store.orders.sorted()) {
      expect(o.id).toMatch(/^\d{8}0336$/);
      for (const item of o.items) expect(item.id).toMatch(/^\d{11,12}$/);
    }
    for (const fo of store.fulfillmentOrders.sorted()) {
      expect(fo.id).toMatch(/^\d+$/);
      for (const item of fo.items) expect(item.id).toMatch(/^\d+$/);
    }
    for (const c of store.cancellations.sorted()) expect(c.id).toMatch(/^ret_\d+$/);
    for (const f of store.fulfillments.sorted()) expect(f.id).toMatch(new RegExp(`^ful_${uuid.source.slice(1, -1)}$`));
    for (const c of store.charges.sorted()) expect(c.id).toMatch(uuid);
    for (const s of store.sources.sorted()) expect(s.id).toMatch(uuid);
    for (const e of store.events.sorted()) expect(e.id).toMatch(uuid);
  });

  it('is deterministic for a seed and differs for another', async () => {
    const again = await createSimulator({ port: 0 });
    const other = await createSimulator({ port: 0, seed: 7, orderCount: 40 });
    try {
      expect(again.store.orders.sorted().map((o) => o.id)).toEqual(sim.store.orders.sorted().map((o) => o.id));
      expect(again.store.charges.sorted().map((c) => c.id)).toEqual(sim.store.charges.sorted().map((c) => c.id));
      // Events carry the same data at the same times, under ids no other run uses (gateways drop ids they saw in the last 72 h).
      const strip = (events: readonly SimEvent[]): string[] => events.map(({ id: _id, ...rest }) => JSON.stringify(rest)).sort();
      expect(strip(again.store.events.sorted())).toEqual(strip(sim.store.events.sorted()));
      const ids = new Set(sim.store.events.sorted().map((e) => e.id));
      expect(again.store.events.sorted().filter((e) => ids.has(e.id))).toEqual([]);
      expect(other.store.orders.size).toBe(40);
      expect(other.store.charges.sorted()[0]?.id).not.toEqual(sim.store.charges.sorted()[0]?.id);
    } finally {
      await again.stop();
      await other.stop();
    }
  });
});

const INVARIANTS: [string, (store: SimulatorStore) => void][] = [
  ['adds up order totals from line amounts, tax and shipping', orderTotalsAddUp],
  ['has one charge per source summing to the total, except pending push payments', chargesMatchSources],
  ['keeps charge state and order amounts consistent with the operations', chargeStatesMatchOperations],
  ['accounts for every unit in fulfillments of fulfilled and later orders', fulfillmentsAccountForUnits],
  ['gives physical orders past acceptance fulfillment orders whose counts sum to quantity', fulfillmentOrderCountsSumToQuantity],
  ['keeps cancellations consistent with fulfillment order counts', cancellationsMatchFulfillmentOrderCounts],
];

describe('Consistency', () => {
  it.each(INVARIANTS)('%s', (_title, invariant) => {
    invariant(sim.store);
  });

  it.each([1, 2, 3, 5, 8, 13, 21, 34])('holds every invariant for seed %i with 60 orders', (seed) => {
    const store = createSeededStore({ seed, orderCount: 60 });
    for (const [, invariant] of INVARIANTS) invariant(store);
    expect(new Set(store.orders.sorted().map((o) => o.state))).toEqual(new Set(ORDER_STATES));
    expect(store.cancellationsOfOrder(store.facts.bulkOrderId).length).toBeGreaterThan(100);
  });

  it.each([0, 1, 2, 9, 15])('seeds a consistent store of %i orders', (orderCount) => {
    const store = createSeededStore({ seed: 99, orderCount });
    expect(store.orders.size).toBe(orderCount);
    for (const [, invariant] of INVARIANTS) invariant(store);
  });
});
