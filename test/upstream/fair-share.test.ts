// Fair share of the in-memory rate budget, on Jest's fake clock: callers served in turn, FIFO within one, the per-call wait bound, the share that keeps a token free, and the off switch.
import { createUpstreamClient } from '../../src/upstream/client';
import { UpstreamRateLimitedError } from '../../src/upstream/errors';
import { type AcquireOptions, INTERNAL_CALLER, type MemoryRateBudgetOptions, type RateBudget, createMemoryRateBudget } from '../../src/upstream/rate-budget';
import { budgetRecorder } from '../helpers/budget-recorder';
import { errorBody, startFakeUpstream } from './fake-upstream';

/** A recorder whose `ask` goes to `budget`. */
function recorder(budget: RateBudget) {
  const recorded = budgetRecorder();
  const ask = (caller: string, count: number): void => recorded.ask(budget, caller, count);
  return { ask, outcomes: recorded.outcomes, grants: recorded.grants };
}

const budgetOf = (rate: number, options: MemoryRateBudgetOptions = {}): RateBudget => createMemoryRateBudget(rate, { marginMs: 0, ...options });

beforeEach(() => {
  jest.useFakeTimers();
});

afterEach(() => {
  jest.useRealTimers();
});

describe('Turns', () => {
  it('serves a caller who asks once within 3 slots of another caller\'s 200 queued calls', async () => {
    // callerShare 1: turns alone, no token kept free, so the slot count is the whole story.
    const { ask, grants } = recorder(budgetOf(10, { callerShare: 1 }));
    ask('A', 200);
    await jest.advanceTimersByTimeAsync(0);
    expect(grants()).toHaveLength(10);
    ask('B', 1);
    await jest.advanceTimersByTimeAsync(1_000);
    const afterBurst = grants().slice(10);
    const slot = afterBurst.findIndex((grant) => grant.caller === 'B');
    expect(slot).toBeGreaterThanOrEqual(0);
    expect(slot).toBeLessThan(3);
    expect(afterBurst[slot]).toMatchObject({ at: 1_000 });
  });

  it('takes turns between every waiting caller, one token each', async () => {
    const { ask, grants } = recorder(budgetOf(3, { callerShare: 1, maxWaitMs: 10_000 }));
    ask('A', 3);
    await jest.advanceTimersByTimeAsync(0);
    ask('A', 20);
    ask('B', 20);
    ask('C', 20);
    await jest.advanceTimersByTimeAsync(1_000);
    expect(grants().slice(3).map((grant) => grant.caller)).toEqual(['A', 'B', 'C']);
    await jest.advanceTimersByTimeAsync(1_000);
    expect(grants().slice(6).map((grant) => grant.caller)).toEqual(['A', 'B', 'C']);
  });

  it('serves the gateway\'s own calls (webhook processing) before any client\'s turn, however many clients wait', async () => {
    const { ask, grants } = recorder(budgetOf(3, { callerShare: 1, maxWaitMs: 10_000 }));
    ask('A', 3);
    await jest.advanceTimersByTimeAsync(0);
    for (const caller of ['A', 'B', 'C', 'D', 'E', 'F']) ask(caller, 5);
    ask(INTERNAL_CALLER, 2);
    await jest.advanceTimersByTimeAsync(1_000);
    expect(grants().slice(3).map((grant) => grant.caller)).toEqual([INTERNAL_CALLER, INTERNAL_CALLER, 'A']);
    await jest.advanceTimersByTimeAsync(1_000);
    expect(grants().slice(6).map((grant) => grant.caller)).toEqual(['B', 'C', 'D']);
  });

  it('keeps each caller\'s own calls first in, first out', async () => {
    const { ask, grants } = recorder(budgetOf(4, { callerShare: 1, maxWaitMs: 10_000 }));
    ask('A', 12);
    ask('B', 6);
    await jest.advanceTimersByTimeAsync(5_000);
    for (const caller of ['A', 'B']) {
      const order = grants().filter((grant) => grant.caller === caller).map((grant) => grant.index);
      expect(order).toEqual([...order].sort((x, y) => x - y));
    }
    expect(grants()).toHaveLength(18);
  });

  it('still refuses every call that waited its 2 s, each from the moment it asked', async () => {
    const { ask, outcomes } = recorder(budgetOf(10, { callerShare: 1 }));
    ask('A', 200);
    await jest.advanceTimersByTimeAsync(500);
    ask('B', 1);
    await jest.advanceTimersByTimeAsync(3_000);
    expect(outcomes).toHaveLength(201);
    const refused = outcomes.filter((outcome) => !outcome.granted);
    // 10 at once, 10 a window later (B's among them), 10 more at 2 s when A's first waiters give up at the same moment.
    expect(refused.length).toBeGreaterThanOrEqual(200 - 30);
    for (const outcome of refused) expect(outcome.waitedMs).toBe(2_000);
    expect(outcomes.find((outcome) => outcome.caller === 'B')).toMatchObject({ granted: true, at: 1_000, waitedMs: 500 });
  });

  it('lets an aborted waiter leave its caller\'s line without costing the others their turn', async () => {
    const budget = budgetOf(1, { callerShare: 1, maxWaitMs: 10_000 });
    await budget.acquire({ caller: 'A' });
    const controller = new AbortController();
    const aborted = budget.acquire({ caller: 'A', signal: controller.signal }).catch((error: unknown) => error);
    const order: string[] = [];
    void budget.acquire({ caller: 'A' }).then(() => order.push('A'));
    void budget.acquire({ caller: 'B' }).then(() => order.push('B'));
    controller.abort(new Error('caller gave up'));
    expect(await aborted).toEqual(new Error('caller gave up'));
    await jest.advanceTimersByTimeAsync(1_000);
    // A's remaining call had A's turn.
    expect(order).toEqual(['A']);
    await jest.advanceTimersByTimeAsync(1_000);
    expect(order).toEqual(['A', 'B']);
  });
});

describe('Share', () => {
  it('gives a caller alone the whole rate', async () => {
    const { ask, grants } = recorder(budgetOf(10, { maxWaitMs: 5_000 }));
    ask('A', 30);
    await jest.advanceTimersByTimeAsync(2_000);
    expect(grants().map((grant) => grant.at)).toEqual([...Array(10).fill(0), ...Array(10).fill(1_000), ...Array(10).fill(2_000)]);
  });

  it('holds a bursting caller to 80% of the window while another is about, so the other\'s next call finds a token at once', async () => {
    const { ask, grants } = recorder(budgetOf(10));
    ask('A', 200);
    await jest.advanceTimersByTimeAsync(100);
    ask('B', 1);
    await jest.advanceTimersByTimeAsync(900);
    // The window came back at 1 s: A takes 8 of its 10 tokens, B one, and one stays free.
    const second = grants().filter((grant) => grant.at === 1_000);
    expect(second.filter((grant) => grant.caller === 'A')).toHaveLength(8);
    expect(second.filter((grant) => grant.caller === 'B')).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(100);
    // B's next query, with A's 181 calls still queued: granted with no time passing.
    ask('B', 1);
    await jest.advanceTimersByTimeAsync(0);
    expect(grants().filter((grant) => grant.caller === 'B').map((grant) => grant.waitedMs)).toEqual([900, 0]);
  });

  it('gives the whole rate back to the burst once the other caller has been quiet for 10 s', async () => {
    const { ask, grants } = recorder(budgetOf(10, { maxWaitMs: 60_000, maxQueue: 100_000 }));
    ask('B', 1);
    ask('A', 200);
    await jest.advanceTimersByTimeAsync(9_000);
    // B asked at 0: for 10 s A holds at most 8 of every window.
    for (let second = 1; second <= 9; second += 1) {
      expect(grants().filter((grant) => grant.caller === 'A' && grant.at === second * 1_000)).toHaveLength(8);
    }
    await jest.advanceTimersByTimeAsync(2_000);
    expect(grants().filter((grant) => grant.caller === 'A' && grant.at === 11_000)).toHaveLength(10);
  });
});

describe('UPSTREAM_FAIR_SHARE=off', () => {
  it('serves callers first come, first served: one call behind a burst waits for the whole burst', async () => {
    const { ask, outcomes } = recorder(budgetOf(10, { fairShare: false }));
    ask('A', 200);
    await jest.advanceTimersByTimeAsync(0);
    ask('B', 1);
    await jest.advanceTimersByTimeAsync(3_000);
    // 190 of A's calls were ahead of B's: B is never served within its 2 s.
    expect(outcomes.find((outcome) => outcome.caller === 'B')).toMatchObject({ granted: false, waitedMs: 2_000 });
  });
});

describe('Caller', () => {
  it('spends the caller of the call context on every attempt, retries included; a context without one spends the gateway\'s own', async () => {
    // Real sockets to a local server, so real timers here.
    jest.useRealTimers();
    const fake = await startFakeUpstream();
    const asked: Array<string | undefined> = [];
    const recording: RateBudget = { acquire: async (options?: AcquireOptions) => { asked.push(options?.caller); } };
    const client = createUpstreamClient({ baseUrl: fake.baseUrl, apiKey: 'sk_test', applicationId: 'gw/test', timeoutMs: 1_000, connections: 4, rateBudget: recording, retry: { random: () => 0 } });
    try {
      fake.reply = (_hit, index) => (index === 0 ? { status: 503, body: errorBody('service_unavailable') } : { status: 200 });
      await client.get('orders', '1', { requestId: 'r1', caller: 'sub:user-1' });
      await client.get('orders', '2', { requestId: 'r2' });
      expect(asked).toEqual(['sub:user-1', 'sub:user-1', undefined]);
    } finally {
      await client.close();
      await fake.stop();
    }
  });
});
