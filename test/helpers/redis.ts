// Redis test helpers: run a suite only when REDIS_URL is set (saying so otherwise), unique key prefixes, cleanup.
import Redis from 'ioredis';

/** `describe` when REDIS_URL is set; otherwise a skipped suite that says why. */
export function describeWithRedis(name: string, body: (redisUrl: string) => void): void {
  const redisUrl = process.env.REDIS_URL;
  if (redisUrl === undefined || redisUrl === '') {
    describe.skip(`${name} (skipped: REDIS_URL is not set; .ci/run sets it)`, () => {
      it('needs Redis', () => undefined);
    });
    console.warn(`[redis] skipped "${name}": REDIS_URL is not set`);
    return;
  }
  describe(name, () => body(redisUrl));
}

/** A key prefix no other test run uses. */
export function uniquePrefix(label: string): string {
  return `test:${label}:${process.pid}:${Date.now()}:`;
}

/** Deletes every key under `prefix`. */
export async function deleteKeys(redisUrl: string, prefix: string): Promise<void> {
  const redis = new Redis(redisUrl);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
