// The upstream rate budget through the whole gateway: a burst queues under the limit; past the wait bound it fails with UPSTREAM_RATE_LIMITED.
import { executeText } from '../helpers/graphql-client';
import { simListAll } from '../helpers/simulator-http';
import { type Stack, startStack } from '../helpers/start-stack';

describe('upstream rate budget', () => {
  let stack: Stack;
  let chargeIds: string[];

  beforeAll(async () => {
    stack = await startStack({ UPSTREAM_RATE_LIMIT: '5' });
    const orders = await simListAll<{ id: string; payment?: { charges?: Array<{ id: string }> } }>(stack.simulator, '/orders');
    chargeIds = orders.flatMap((order) => order.payment?.charges ?? []).map((charge) => charge.id).slice(0, 16);
  });

  afterAll(async () => {
    await stack.stop();
  });

  it('keeps a burst of 16 queries under 5 calls per second and refuses what cannot wait', async () => {
    await new Promise((resolve) => setTimeout(resolve, 1200));
    stack.simulator.requestLog.clear();
    // Sixteen separate requests: each charge(id) is one GET /charges/{id}.
    const results = await Promise.all(chargeIds.map((id) => executeText<{ charge: { id: string } | null }>(stack.url, 'query($id: ID!) { charge(id: $id) { id } }', { id })));
    const served = results.filter((result) => result.data?.charge?.id !== undefined);
    const refused = results.filter((result) => result.errors?.[0]?.extensions?.code === 'UPSTREAM_RATE_LIMITED');
    expect(served.length + refused.length).toBe(16);
    expect(served.length).toBeGreaterThanOrEqual(10);
    expect(refused.length).toBeGreaterThanOrEqual(1);
    expect(refused[0]?.errors?.[0]?.message).toBe('This gateway\'s upstream request budget is exhausted; try again shortly');

    const arrivals = stack.simulator.requestLog.entries().map((entry) => Date.parse(entry.time)).sort((a, b) => a - b);
    expect(arrivals).toHaveLength(served.length);
    for (const [index, start] of arrivals.entries()) {
      const inWindow = arrivals.slice(index).filter((time) => time < start + 1000).length;
      expect(inWindow).toBeLessThanOrEqual(5);
    }
  });
});
