import { createMemoryEventLog } from '../../src/events/event-log';
import { classifyEvent } from '../../src/events/classify-event';
import { createMemoryObjectStateStore } from '../../src/events/object-state-store';
import { parseEvent, toEpochMicros } from '../../src/events/parse-event';
import { verifySignature } from '../../src/events/signature';
import { signatureHeader } from '../helpers/sign-webhook';

describe('verifySignature', () => {
  const body = Buffer.from('{"id":"evt_1"}');
  const now = 1_700_000_000_000;
  const options = { secrets: ['old', 'new'], toleranceSeconds: 300, now };

  it('accepts a match with any configured secret', () => {
    expect(verifySignature(signatureHeader(body.toString(), ['new'], now / 1000), body, options)).toEqual({ ok: true, timestamp: now / 1000 });
    expect(verifySignature(signatureHeader(body.toString(), ['nope', 'old'], now / 1000), body, options).ok).toBe(true);
  });

  it.each([
    [undefined, 'missing'],
    ['t=1', 'malformed'],
    [signatureHeader('{"id":"evt_1"}', ['old'], now / 1000 - 301), 'expired'],
    [signatureHeader('{"id":"evt_2"}', ['old'], now / 1000), 'mismatch'],
  ])('refuses %s as %s', (header, reason) => {
    expect(verifySignature(header, body, options)).toEqual({ ok: false, reason });
  });

  it('refuses everything when no secret is configured', () => {
    expect(verifySignature(signatureHeader(body.toString(), ['old'], now / 1000), body, { ...options, secrets: [] })).toEqual({ ok: false, reason: 'no-secret' });
  });
});

describe('parseEvent', () => {
  it('orders microsecond times exactly', () => {
    expect(toEpochMicros('2022-03-02T16:52:01.180061Z') - toEpochMicros('2022-03-02T16:52:01.180060Z')).toBe(1);
    expect(toEpochMicros('2022-03-02T16:52:01Z')).toBe(Date.parse('2022-03-02T16:52:01Z') * 1000);
  });

  it('says what was expected and what arrived', () => {
    expect(parseEvent(Buffer.from('[]'))).toEqual({ ok: false, message: 'expected a JSON object, got an array' });
    expect(parseEvent(Buffer.from('{"id":"e","type":"t","createdTime":"soon"}'))).toEqual({ ok: false, message: 'expected "createdTime" to be an ISO-8601 date-time, got "soon"' });
  });
});

describe('classifyEvent', () => {
  const event = (type: string, object: Record<string, unknown>) => ({ id: 'e', type, createdTime: '2024-01-01T00:00:00Z', liveMode: false, object, previousAttributes: {} });

  it('reads the object kind from the shape where the type prefix is unreliable', () => {
    expect(classifyEvent(event('order.charge.refund.failed', { id: 'o1', items: [], state: 'complete', customerId: 'c1' })))
      .toMatchObject({ kind: 'order', objectId: 'o1', orderId: 'o1', customerId: 'c1' });
    expect(classifyEvent(event('order.charge.cancel.complete', { id: 'ch1', orderId: 'o1', state: 'capturable' })))
      .toMatchObject({ kind: 'charge', objectId: 'ch1', orderId: 'o1' });
    expect(classifyEvent(event('fulfillment_order.shipped', { id: '29016544906', fulfillmentOrderId: 'fo1', fulfillmentOrderUpstreamId: 'o1' })))
      .toMatchObject({ kind: 'fulfillment_order', objectId: 'fo1', orderId: 'o1', state: 'shipped' });
    expect(classifyEvent(event('fulfillment_cancellation.accepted', { id: 'ret_1', fulfillmentOrderId: 5774321009, state: 'accepted' })))
      .toMatchObject({ kind: 'fulfillment_cancellation', fulfillmentOrderId: '5774321009', orderId: null });
    expect(classifyEvent(event('refund.pending', { id: 're_1' }))).toBeNull();
  });
});

describe('memory event log', () => {
  it('records each id once and forgets the oldest past its bounds', async () => {
    let clock = 0;
    const log = createMemoryEventLog({ maxEntries: 2, ttlMs: 100, now: () => clock });
    expect(await log.recordIfNew('a')).toBe(true);
    expect(await log.recordIfNew('a')).toBe(false);
    await log.recordIfNew('b');
    await log.recordIfNew('c');
    expect(await log.recordIfNew('a')).toBe(true);
    clock = 500;
    expect(await log.recordIfNew('c')).toBe(true);
  });
});

describe('memory object state store', () => {
  it('never goes backwards, remembers the last state and spots the same event applied twice', async () => {
    const states = createMemoryObjectStateStore();
    expect(await states.apply('c:1', 10, 'pending', 'e1')).toEqual({ apply: true, previousState: null, duplicate: false });
    expect(await states.apply('c:1', 30, 'accepted', 'e2')).toEqual({ apply: true, previousState: 'pending', duplicate: false });
    expect(await states.apply('c:1', 30, 'accepted', 'e2')).toEqual({ apply: false, previousState: 'pending', duplicate: true });
    expect(await states.apply('c:1', 20, 'rejected', 'e3')).toEqual({ apply: false, previousState: 'accepted', duplicate: false });
    expect(await states.apply('c:1', 40, null, 'e4')).toEqual({ apply: true, previousState: 'accepted', duplicate: false });
  });
});
