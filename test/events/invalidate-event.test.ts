// The receiver's invalidation step: which cached graphs each event the gateway receives invalidates (from the simulator's real events), and that it runs before the 202.
import { createLogger } from '../../src/logger';
import { createMemoryEventLog } from '../../src/events/event-log';
import { createMemoryEventQueue } from '../../src/events/event-queue';
import { classifyEvent } from '../../src/events/classify-event';
import { createEventInvalidation, scopesOfEvent } from '../../src/events/invalidate-event';
import type { Ownership } from '../../src/events/ownership';
import type { UpstreamEvent } from '../../src/events/parse-event';
import { receiveWebhook } from '../../src/events/receiver';
import { type Simulator, createSimulator } from '../../src/simulator/create-simulator';
import type { SimEvent } from '../../src/simulator/wire-types';
import type { CacheScope, SharedCache } from '../../src/upstream/shared-cache';
import { cancellableUnits, fileCancellation } from '../helpers/cancellable-units';
import { signatureHeader } from '../helpers/sign-webhook';

const logger = createLogger('silent');

/** The event as the gateway's receiver parses it. */
const asReceived = (event: SimEvent): UpstreamEvent => {
  const wire = JSON.parse(JSON.stringify(event)) as { id: string; type: string; createdTime: string; data: { object: Record<string, unknown>; previousAttributes?: Record<string, unknown> } };
  return { id: wire.id, type: wire.type, createdTime: wire.createdTime, liveMode: false, object: wire.data.object, previousAttributes: wire.data.previousAttributes ?? {} };
};

/** An invalidator that records what it was asked. */
function recordingCache(): Pick<SharedCache, 'enabled' | 'invalidate'> & { asked: CacheScope[][] } {
  const asked: CacheScope[][] = [];
  return { enabled: true, asked, invalidate: async (scopes) => { asked.push([...scopes]); } };
}

const ownershipOf = (orderOf: (fulfillmentOrderId: string) => Promise<string | null>): Ownership => ({
  orderOfFulfillmentOrder: (fulfillmentOrderId) => orderOf(fulfillmentOrderId),
  customerOfOrder: async () => null,
  rememberCustomer: () => undefined,
});

describe('invalidation of the cache by events', () => {
  describe('Every event the simulator sends names the order whose graph it changes', () => {
    let simulator: Simulator;
    const events: SimEvent[] = [];
    let orderId: string;
    let fulfillmentOrderId: string;

    beforeAll(async () => {
      simulator = await createSimulator({ port: 0, fulfillerDelayMs: 60_000, settleDelayMs: 10 });
      simulator.store.onEvent((event) => events.push(event));
      const unit = cancellableUnits(simulator)[0]!;
      orderId = unit.orderId;
      fulfillmentOrderId = unit.fulfillmentOrderId;
      // A cancellation the fulfiller accepts (cancellation, fulfillment order, internal fulfillment and charge events) …
      const filed = await fileCancellation(simulator, unit);
      simulator.fulfiller.decideNow(filed, 'accept');
      // … and the charge settlements that follow.
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(events.length).toBeGreaterThanOrEqual(4);
    });

    afterAll(async () => {
      await simulator.stop();
    });

    it('invalidates the order\'s scope for each of them, and the fulfillment order\'s where it names one', () => {
      const seen = new Set<string>();
      for (const event of events) {
        const received = asReceived(event);
        const subject = classifyEvent(received);
        expect({ type: event.type, classified: subject !== null }).toEqual({ type: event.type, classified: true });
        const scopes = scopesOfEvent(received, subject, subject?.orderId ?? null);
        expect({ type: event.type, hasOrder: scopes.includes(`o:${orderId}`) }).toEqual({ type: event.type, hasOrder: true });
        if (subject?.fulfillmentOrderId !== null) expect(scopes).toContain(`fo:${fulfillmentOrderId}`);
        seen.add(event.type);
      }
      expect([...seen]).toEqual(expect.arrayContaining([
        'fulfillment_cancellation.created', 'fulfillment_cancellation.accepted', 'fulfillment_order.cancelled', 'fulfillment.created', 'order.charge.cancel.pending',
      ]));
    });
  });

  describe('Events that do not name their order', () => {
    const cancellation = { id: 'ret_1', fulfillmentOrderId: 'fo_1', state: 'accepted', items: [] };
    const event: UpstreamEvent = { id: 'evt_1', type: 'fulfillment_cancellation.accepted', createdTime: '2026-01-01T00:00:00.000000Z', liveMode: false, object: cancellation, previousAttributes: {} };

    it('look the order up through the fulfillment order and invalidate both', async () => {
      const cache = recordingCache();
      await createEventInvalidation({ cache, logger, ownership: ownershipOf(async () => '240011220336') })(event);
      expect(cache.asked).toEqual([['o:240011220336', 'fo:fo_1']]);
    });

    it('cost nothing with the cache off: no lookup, no invalidation', async () => {
      const cache = { ...recordingCache(), enabled: false };
      let lookups = 0;
      await createEventInvalidation({ cache, logger, ownership: ownershipOf(async () => {
        lookups += 1;
        return '240011220336';
      }) })(event);
      expect([lookups, cache.asked]).toEqual([0, []]);
    });

    it('still invalidate the fulfillment order when the lookup fails or takes too long', async () => {
      for (const orderOf of [() => Promise.reject(new Error('upstream down')), () => new Promise<string | null>(() => undefined)]) {
        const cache = recordingCache();
        await createEventInvalidation({ cache, logger, ownership: ownershipOf(orderOf), lookupTimeoutMs: 50 })(event);
        expect(cache.asked).toEqual([['fo:fo_1']]);
      }
    });
  });

  describe('Types the gateway does not use', () => {
    it('invalidate whatever order or source they name', () => {
      const refund: UpstreamEvent = { id: 'e', type: 'refund.complete', createdTime: '2026-01-01T00:00:00Z', liveMode: false, object: { id: 're_1', orderId: '240011220336' }, previousAttributes: {} };
      expect(scopesOfEvent(refund, classifyEvent(refund), null)).toEqual(['o:240011220336']);
      const source: UpstreamEvent = { ...refund, type: 'source.chargeable', object: { id: 'src_1' } };
      expect(scopesOfEvent(source, classifyEvent(source), null)).toEqual(['s:src_1']);
    });
  });

  describe('Receipt', () => {
    const secret = 'whsec_invalidate';
    const body = JSON.stringify({ id: 'evt_receipt', type: 'order.accepted', createdTime: '2026-01-01T00:00:00.000000Z', data: { object: { id: '240011220336', items: [] } } });
    const headers = () => ({ 'digitalriver-signature': signatureHeader(body, [secret]) });

    it('invalidates before the event is recorded in the queue', async () => {
      const steps: string[] = [];
      const queue = createMemoryEventQueue(logger);
      queue.start(async () => undefined);
      const enqueue = queue.enqueue.bind(queue);
      queue.enqueue = async (event) => {
        steps.push('enqueue');
        await enqueue(event);
      };
      const outcome = await receiveWebhook(Buffer.from(body), headers(), {
        secrets: [secret], toleranceSeconds: 300, eventLog: createMemoryEventLog(), queue,
        invalidate: async () => {
          await new Promise((resolve) => setTimeout(resolve, 20));
          steps.push('invalidate');
        },
      });
      expect(outcome.kind).toBe('accepted');
      expect(steps).toEqual(['invalidate', 'enqueue']);
      await queue.stop();
    });

    it('answers unavailable when the invalidation fails, and takes the redelivery as new', async () => {
      const queue = createMemoryEventQueue(logger);
      queue.start(async () => undefined);
      const eventLog = createMemoryEventLog();
      let failing = true;
      const deps = {
        secrets: [secret], toleranceSeconds: 300, eventLog, queue,
        invalidate: async () => {
          if (failing) throw new Error('redis unreachable');
        },
      };
      expect((await receiveWebhook(Buffer.from(body), headers(), deps)).kind).toBe('unavailable');
      failing = false;
      expect((await receiveWebhook(Buffer.from(body), headers(), deps)).kind).toBe('accepted');
      await queue.stop();
    });
  });
});
