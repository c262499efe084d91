import { mapCharge } from '../../src/mappers/charge.mapper';
import { mapFulfillmentCancellation } from '../../src/mappers/fulfillment-cancellation.mapper';
import { cancellableQuantity, mapFulfillmentOrder } from '../../src/mappers/fulfillment-order.mapper';
import { mapFulfillment } from '../../src/mappers/fulfillment.mapper';
import { mapOrder } from '../../src/mappers/order.mapper';
import { toIsoDateTime } from '../../src/mappers/scalar.mapper';
import { mapSource } from '../../src/mappers/source.mapper';
import { fromUpstream, onUnknownEnumValue } from '../../src/schema/enums/from-upstream';
import { OrderState } from '../../src/schema/enums/order-state.enum';

// The createdTime object of seed 002 (fulfillment cancellation API reference), verbatim.
const seed002CreatedTime = {
  offset: { totalSeconds: 0, id: 'Z', rules: { fixedOffset: true, transitions: [], transitionRules: [] } },
  nano: 0, year: 2018, monthValue: 4, dayOfMonth: 25, hour: 20, minute: 36, second: 0,
  dayOfWeek: 'WEDNESDAY', dayOfYear: 115, month: 'APRIL',
};

describe('toIsoDateTime', () => {
  it('turns the Java OffsetDateTime object of seed 002 into ISO-8601 UTC', () => {
    expect(toIsoDateTime(seed002CreatedTime)).toBe('2018-04-25T20:36:00Z');
  });

  it('applies a non-zero Java offset and keeps milliseconds of nano', () => {
    expect(toIsoDateTime({ ...seed002CreatedTime, offset: { totalSeconds: 7200 }, nano: 250_000_000 })).toBe('2018-04-25T18:36:00.250Z');
  });

  it('keeps ISO strings in UTC as they are, microseconds included', () => {
    expect(toIsoDateTime('2022-03-02T16:52:01.180061Z')).toBe('2022-03-02T16:52:01.180061Z');
    expect(toIsoDateTime('2022-07-01T18:30:44Z')).toBe('2022-07-01T18:30:44Z');
  });

  it('converts offsets to UTC and rejects garbage', () => {
    expect(toIsoDateTime('2022-07-01T20:30:44+02:00')).toBe('2022-07-01T18:30:44.000Z');
    expect(toIsoDateTime('yesterday')).toBeNull();
    expect(toIsoDateTime(undefined)).toBeNull();
  });
});

describe('fromUpstream', () => {
  it('maps lower_snake_case to the enum and unknown values to UNKNOWN, reporting each once', () => {
    const reported: string[] = [];
    onUnknownEnumValue((enumName, value) => reported.push(`${enumName}:${value}`));
    expect(fromUpstream('OrderState', OrderState, 'pending_payment')).toBe(OrderState.PENDING_PAYMENT);
    expect(fromUpstream('OrderState', OrderState, 'on_hold_for_test')).toBe(OrderState.UNKNOWN);
    expect(fromUpstream('OrderState', OrderState, 'on_hold_for_test')).toBe(OrderState.UNKNOWN);
    expect(fromUpstream('OrderState', OrderState, 'unknown')).toBe(OrderState.UNKNOWN);
    expect(reported).toEqual(['OrderState:on_hold_for_test', 'OrderState:unknown']);
    onUnknownEnumValue(() => undefined);
  });
});

describe('mapOrder', () => {
  const raw = {
    id: 240011220336, currency: 'USD', state: 'accepted', createdTime: '2024-03-04T10:00:00Z', totalAmount: 27.01, liveMode: true,
    customerId: 'cus_1',
    items: [{ id: 160022330336, quantity: 2, amount: 20, productDetails: { name: 'Widget', description: 'A widget' } }],
    payment: {
      charges: [{ id: 'c1', currency: 'USD', amount: 27.01, state: 'capturable', sourceId: 's1', refunds: [{ amount: 1, state: 'complete' }] }],
      sources: [{ id: 's1', type: 'creditCard', clientSecret: 's1_secret', creditCard: { brand: 'Visa', lastFourDigits: '1111', expirationMonth: 7, expirationYear: 2030 } }],
    },
  };

  it('emits string ids, upper-case states and fills embedded charges from the order', () => {
    const order = mapOrder(raw);
    expect(order.id).toBe('240011220336');
    expect(order.state).toBe('ACCEPTED');
    expect(order.items[0]).toMatchObject({ id: '160022330336', productName: 'Widget', productDescription: 'A widget', skuId: null });
    expect(order.charges[0]).toMatchObject({ id: 'c1', orderId: '240011220336', liveMode: true, captures: [], cancels: [] });
    expect(order.charges[0]?.refunds[0]).toMatchObject({ knownId: null, chargeId: 'c1', kind: 'refunds', index: 0, complete: false });
    expect(order.sources[0]).toMatchObject({ id: 's1', customerId: 'cus_1', liveMode: true, creditCard: { brand: 'Visa', lastFourDigits: '1111' } });
  });

  it('never carries a clientSecret into the graph', () => {
    expect(JSON.stringify(mapOrder(raw))).not.toContain('secret');
    expect(JSON.stringify(mapSource({ id: 's', type: 'creditCard', clientSecret: 's_abc' }))).not.toContain('s_abc');
  });
});

describe('mapCharge', () => {
  it('keeps operation failure codes verbatim', () => {
    const charge = mapCharge({ id: 'c', currency: 'USD', amount: 5, state: 'capturable', captures: [{ id: 'op', amount: 5, state: 'failed', failureCode: 'failed-request' }] }, true);
    expect(charge.captures[0]).toMatchObject({ knownId: 'op', failureCode: 'failed-request', complete: true });
    expect(charge.captured).toBe(false);
  });
});

describe('fulfillment orders and cancellations', () => {
  const fulfillmentOrder = mapFulfillmentOrder({
    id: 5774321009, upstreamId: '240011220336', state: 'pending',
    items: [{ id: 99341140336, upstreamId: 160022330336, quantity: 5, pending: 3, backordered: 1, shipped: 1, cancelled: 0, returned: 0, state: 'pending' }],
  });
  const cancellation = (state: string, quantity: number, fulfillmentOrderId = '5774321009') => mapFulfillmentCancellation({
    id: `ret_${state}_${quantity}`, fulfillmentOrderId, upstreamId: '240011220336', state, createdTime: seed002CreatedTime, livemode: true,
    items: [{ fulfillmentOrderItemId: '99341140336', quantity, quantityAccepted: 0, state }],
  });

  it('reads the livemode spelling and the Java createdTime of cancellations', () => {
    expect(cancellation('pending', 1)).toMatchObject({ liveMode: true, createdTime: '2018-04-25T20:36:00Z', state: 'PENDING', fulfillmentOrderId: '5774321009' });
  });

  it('derives cancellableQuantity from pending + backordered less open cancellations only', () => {
    const item = fulfillmentOrder.items[0]!;
    expect(item).toMatchObject({ id: '99341140336', upstreamId: '160022330336', orderId: '240011220336', fulfillmentOrderId: '5774321009' });
    expect(cancellableQuantity(item, [])).toBe(4);
    expect(cancellableQuantity(item, [cancellation('pending', 1), cancellation('rejected', 2), cancellation('accepted', 2)])).toBe(3);
    expect(cancellableQuantity(item, [cancellation('pending', 1, 'another-fo')])).toBe(4);
    expect(cancellableQuantity(item, [cancellation('pending', 9)])).toBe(0);
  });

  it('coerces fulfillment quantities sent as strings and defaults missing ones to 0', () => {
    const fulfillment = mapFulfillment({ id: 'ful_1', orderId: 1, items: [{ itemId: 7, quantity: '2' }, { itemId: '8', cancelQuantity: 1 }] });
    expect(fulfillment.items.map((item) => [item.itemId, item.quantity, item.cancelQuantity])).toEqual([['7', 2, 0], ['8', 0, 1]]);
  });
});
