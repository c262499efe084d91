// The live order page's state steps: a push replaces the order, the mutation's answer never undoes a decision a push already brought.
import { MAX_EVENTS, MAX_NOTICES, type Order, type PageState, initialState, withCancellation, withNotice, withPush } from '../../src/web/browser/order-page/state';

type Cancellation = Parameters<typeof withCancellation>[1];

const cancellation = (id: string, state: Cancellation['state']): Cancellation => ({
  id, state, reason: 'requested_by_customer', createdTime: '2026-12-01T10:00:00Z', fulfillmentOrderId: 'fo_1',
  items: [{ fulfillmentOrderItemId: 'foi_1', quantity: 1, quantityAccepted: state === 'ACCEPTED' ? 1 : null, state }],
});

const order = (cancellations: Cancellation[]): Order => ({
  id: 'o_1', upstreamId: null, state: 'ACCEPTED', currency: 'USD', totalAmount: 10, createdTime: '2026-12-01T09:00:00Z', updatedTime: null,
  items: [],
  fulfillmentOrders: [
    { id: 'fo_1', state: 'PENDING', items: [], cancellations },
    { id: 'fo_2', state: 'PENDING', items: [], cancellations: [] },
  ],
});

describe('order page state', () => {
  it('adds the cancellation a mutation answered to its fulfillment order only', () => {
    const next = withCancellation(order([]), cancellation('ret_1', 'PENDING'));
    expect(next.fulfillmentOrders?.[0]?.cancellations?.map((c) => c.id)).toEqual(['ret_1']);
    expect(next.fulfillmentOrders?.[1]?.cancellations).toEqual([]);
  });

  it('keeps the decision a push brought before the mutation answered (no going back to PENDING)', () => {
    const decided = order([cancellation('ret_1', 'ACCEPTED')]);
    const next = withCancellation(decided, cancellation('ret_1', 'PENDING'));
    expect(next.fulfillmentOrders?.[0]?.cancellations).toEqual([cancellation('ret_1', 'ACCEPTED')]);
  });

  it('takes the order of each push and lists each event once, newest first, bounded', () => {
    let state: PageState = { ...initialState('o_1'), order: order([]) };
    const pushed = order([cancellation('ret_1', 'PENDING')]);
    state = withPush(state, { eventId: 'e1', type: 'fulfillment_cancellation.created', occurredAt: 't1' }, pushed);
    expect(state.order).toBe(pushed);
    // A push whose order could not be read keeps what is shown.
    state = withPush(state, { eventId: 'e2', type: 'order.charge.cancel.complete', occurredAt: 't2' }, null);
    expect(state.order).toBe(pushed);
    state = withPush(state, { eventId: 'e1', type: 'fulfillment_cancellation.created', occurredAt: 't1' }, pushed);
    expect(state.events.map((event) => event.eventId)).toEqual(['e1', 'e2']);
    for (let index = 3; index < 20; index += 1) state = withPush(state, { eventId: `e${index}`, type: 'x', occurredAt: 't' }, pushed);
    expect(state.events).toHaveLength(MAX_EVENTS);
  });

  it('keeps the latest notices, newest first', () => {
    let state = initialState('o_1');
    for (let index = 0; index < 8; index += 1) state = withNotice(state, 'error', `n${index}`, new Date('2026-12-01T10:11:12'));
    expect(state.notices).toHaveLength(MAX_NOTICES);
    expect(state.notices[0]).toEqual({ kind: 'error', text: 'n7', at: '10:11:12' });
  });
});
