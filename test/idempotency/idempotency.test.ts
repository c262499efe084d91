import { createMemoryIdempotencyStore } from '../../src/idempotency/idempotency-store';
import { fingerprintOf, runIdempotent } from '../../src/idempotency/run-idempotent';

type Result = { created: unknown; userErrors: Array<{ field: string[] | null; code: string; message: string }> };

describe('runIdempotent', () => {
  const scope = { callerId: 'admin', mutation: 'm' };

  it('runs once per key and input, concurrently too, and refuses another input', async () => {
    const store = createMemoryIdempotencyStore<Result>();
    let writes = 0;
    const perform = async () => {
      writes += 1;
      await new Promise((resolve) => setTimeout(resolve, 10));
      return { created: { id: `x${writes}` }, userErrors: [] };
    };
    const [a, b] = await Promise.all([runIdempotent(store, scope, 'k', { n: 1 }, perform), runIdempotent(store, scope, 'k', { n: 1 }, perform)]);
    const c = await runIdempotent(store, scope, 'k', { n: 1 }, perform);
    expect([a.created, b.created, c.created]).toEqual([{ id: 'x1' }, { id: 'x1' }, { id: 'x1' }]);
    const reused = await runIdempotent(store, scope, 'k', { n: 2 }, perform);
    expect(reused.userErrors[0]?.code).toBe('idempotency_key_reused');
    expect(writes).toBe(1);
    await runIdempotent(store, { ...scope, callerId: 'someone-else' }, 'k', { n: 1 }, perform);
    expect(writes).toBe(2);
  });

  it('lets a key be retried after the first attempt threw', async () => {
    const store = createMemoryIdempotencyStore<Result>();
    await expect(runIdempotent(store, scope, 'k', {}, async () => { throw new Error('upstream 503'); })).rejects.toThrow('upstream 503');
    const second = await runIdempotent(store, scope, 'k', {}, async () => ({ created: 1, userErrors: [] }));
    expect(second.created).toBe(1);
  });

  it('fingerprints ignore key order, nulls and the key itself', () => {
    expect(fingerprintOf({ a: 1, b: [1, 2], idempotencyKey: 'x', c: null })).toBe(fingerprintOf({ b: [1, 2], a: 1 }));
    expect(fingerprintOf({ a: 1 })).not.toBe(fingerprintOf({ a: 2 }));
  });
});
