// Resuming after an event id on the in-memory log: replay then live, no gap and none twice while events keep coming, expired and foreign cursors.
import { ErrorCode } from '../../src/errors/codes';
import { EventCursorExpiredError } from '../../src/errors/graphql-errors';
import { createMemoryPubSub } from '../../src/pubsub/memory-pubsub';
import { createMemoryReplayLog } from '../../src/pubsub/memory-replay-log';
import type { PubSub } from '../../src/pubsub/pubsub';
import type { ReplayLog } from '../../src/pubsub/replay-log';
import { subscribeResumable } from '../../src/pubsub/resumable-stream';
import type { GatewayEventMessage, UnpositionedMessage } from '../../src/pubsub/topics';

const TOPIC = 'order:1';

function message(eventId: string, customerId = 'c1'): UnpositionedMessage {
  return { eventId, type: 'order.accepted', occurredAt: '2025-01-01T00:00:00.000Z', orderId: '1', customerId, cancellation: null, fulfillmentOrderId: null, order: null };
}

/** A log whose reads wait for `release()`; `snapshot` says whether a read sees what was published while it waited. */
function gatedLog(inner: ReplayLog, snapshot: 'before' | 'after') {
  let gate: Promise<void> = Promise.resolve();
  let open = (): void => undefined;
  let reads = 0;
  const log: ReplayLog = {
    publish: (topics, m) => inner.publish(topics, m),
    find: (eventId) => inner.find(eventId),
    async readAfter(position, limit) {
      reads += 1;
      const early = inner.readAfter(position, limit);
      await gate;
      return snapshot === 'before' ? early : inner.readAfter(position, limit);
    },
  };
  return {
    log,
    reads: () => reads,
    hold() {
      gate = new Promise((resolve) => { open = resolve; });
    },
    release() {
      open();
      gate = Promise.resolve();
    },
  };
}

async function take(stream: AsyncIterator<GatewayEventMessage>, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let index = 0; index < count; index += 1) {
    const next = await stream.next();
    if (next.done === true) break;
    ids.push(next.value.eventId);
  }
  return ids;
}

/** True when nothing more is ready within a few turns of the event loop. */
async function idle(stream: AsyncIterator<GatewayEventMessage>): Promise<boolean> {
  const pending = stream.next().then(() => false);
  return Promise.race([pending, new Promise<boolean>((resolve) => setTimeout(() => resolve(true), 30))]);
}

describe('Replay', () => {
  let pubsub: PubSub;
  let log: ReplayLog;

  beforeEach(() => {
    pubsub = createMemoryPubSub();
    log = createMemoryReplayLog(pubsub, { maxEntries: 1000 });
  });

  it('yields the messages after the cursor on its topic that the filter takes, in order, then live ones', async () => {
    await log.publish([TOPIC], message('e0'));
    await log.publish([TOPIC], message('e1'));
    await log.publish(['order:2'], message('other-order'));
    await log.publish([TOPIC], message('theirs', 'c2'));
    await log.publish([TOPIC], message('e2'));
    const stream = await subscribeResumable(pubsub, TOPIC, { log, afterEventId: 'e0', canSeeCursor: () => true, accept: (m) => m.customerId === 'c1' });
    expect(await take(stream, 2)).toEqual(['e1', 'e2']);
    await log.publish([TOPIC], message('e3'));
    expect(await take(stream, 1)).toEqual(['e3']);
    await stream.return?.();
    expect(pubsub.listenerCount()).toBe(0);
  });

  it('reads a long replay a page at a time, in order', async () => {
    await log.publish([TOPIC], message('cursor'));
    const expected = Array.from({ length: 450 }, (_, index) => `e${index}`);
    for (const id of expected) await log.publish([TOPIC], message(id));
    const gated = gatedLog(log, 'after');
    const stream = await subscribeResumable(pubsub, TOPIC, { log: gated.log, afterEventId: 'cursor', canSeeCursor: () => true, pageSize: 200 });
    expect(await take(stream, 450)).toEqual(expected);
    expect(gated.reads()).toBe(3);
    expect(await idle(stream)).toBe(true);
  });

  it.each(['before', 'after'] as const)('delivers a message published while the replay read is in flight exactly once (read snapshot %s it)', async (snapshot) => {
    await log.publish([TOPIC], message('cursor'));
    await log.publish([TOPIC], message('missed'));
    const gated = gatedLog(log, snapshot);
    gated.hold();
    const opened = subscribeResumable(pubsub, TOPIC, { log: gated.log, afterEventId: 'cursor', canSeeCursor: () => true });
    const stream = await opened;
    const first = take(stream, 3);
    await log.publish([TOPIC], message('during'));
    gated.release();
    await log.publish([TOPIC], message('after'));
    expect(await first).toEqual(['missed', 'during', 'after']);
    expect(await idle(stream)).toBe(true);
  });

  it('reads the log again when more live messages came during a read than it holds, and loses none', async () => {
    await log.publish([TOPIC], message('cursor'));
    const gated = gatedLog(log, 'before');
    gated.hold();
    const stream = await subscribeResumable(pubsub, TOPIC, { log: gated.log, afterEventId: 'cursor', canSeeCursor: () => true, maxQueued: 2 });
    const all = take(stream, 5);
    for (const id of ['d1', 'd2', 'd3', 'd4', 'd5']) await log.publish([TOPIC], message(id));
    gated.release();
    expect(await all).toEqual(['d1', 'd2', 'd3', 'd4', 'd5']);
    expect(gated.reads()).toBe(2);
    expect(await idle(stream)).toBe(true);
  });

  it('is listening before it returns, so a message published while the cursor is checked is delivered', async () => {
    await log.publish([TOPIC], message('cursor'));
    const opened = subscribeResumable(pubsub, TOPIC, { log, afterEventId: 'cursor', canSeeCursor: () => true });
    await log.publish([TOPIC], message('right-away'));
    expect(await take(await opened, 1)).toEqual(['right-away']);
  });
});

describe('Expired cursors', () => {
  it.each([
    ['never seen', 'no-such-event', () => true],
    ['another caller\'s', 'cursor', () => false],
  ])('refuses a cursor %s with EVENT_CURSOR_EXPIRED before anything is delivered, leaving no listener', async (_name, afterEventId, canSeeCursor) => {
    const pubsub = createMemoryPubSub();
    const log = createMemoryReplayLog(pubsub);
    await log.publish([TOPIC], message('cursor'));
    await log.publish([TOPIC], message('later'));
    const opened = subscribeResumable(pubsub, TOPIC, { log, afterEventId, canSeeCursor });
    await expect(opened).rejects.toBeInstanceOf(EventCursorExpiredError);
    await expect(opened).rejects.toMatchObject({ extensions: { code: ErrorCode.EVENT_CURSOR_EXPIRED } });
    expect(pubsub.listenerCount()).toBe(0);
  });

  it('refuses a cursor the memory log no longer holds once more than maxEntries came after it', async () => {
    const pubsub = createMemoryPubSub();
    const log = createMemoryReplayLog(pubsub, { maxEntries: 3 });
    await log.publish([TOPIC], message('cursor'));
    for (const id of ['a', 'b']) await log.publish([TOPIC], message(id));
    // Three held: the cursor still resumes.
    expect(await take(await subscribeResumable(pubsub, TOPIC, { log, afterEventId: 'cursor', canSeeCursor: () => true }), 2)).toEqual(['a', 'b']);
    await log.publish([TOPIC], message('c'));
    await expect(subscribeResumable(pubsub, TOPIC, { log, afterEventId: 'cursor', canSeeCursor: () => true })).rejects.toBeInstanceOf(EventCursorExpiredError);
    expect(await take(await subscribeResumable(pubsub, TOPIC, { log, afterEventId: 'a', canSeeCursor: () => true }), 2)).toEqual(['b', 'c']);
  });
});

describe('Memory replay log', () => {
  it('records and publishes an event id once, and reads past entries after trimming', async () => {
    const pubsub = createMemoryPubSub();
    const log = createMemoryReplayLog(pubsub, { maxEntries: 2_000 });
    const received: string[] = [];
    pubsub.subscribe(TOPIC, (m) => received.push(`${m.eventId}@${m.position}`));
    expect(await log.publish([TOPIC], message('once'))).toEqual({ position: '0-1', published: true });
    expect(await log.publish([TOPIC], message('once'))).toEqual({ position: '0-1', published: false });
    expect(received).toEqual(['once@0-1']);
    // Past the compaction threshold the index arithmetic still finds every entry.
    for (let index = 0; index < 5_000; index += 1) await log.publish([TOPIC], message(`m${index}`));
    const cursor = await log.find('m3000');
    expect(cursor?.message.position).toBe('0-3002');
    expect((await log.readAfter(cursor!.message.position, 3)).map((entry) => entry.message.eventId)).toEqual(['m3001', 'm3002', 'm3003']);
    // The last 2,000 of 5,001 are held: m3000 onwards.
    expect(await log.find('m2999')).toBeUndefined();
    expect((await log.readAfter('0-1', 1)).map((entry) => entry.message.eventId)).toEqual(['m3000']);
  });
});
