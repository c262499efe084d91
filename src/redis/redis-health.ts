// Watches Redis: a PING every few seconds feeds the round-trip metric and the readiness verdict.
import type { GatewayMetrics } from '../metrics/metrics';
import type { Logger } from '../logger';
import type { RedisConnections } from './redis-connection';

/** The last Redis verdict, kept fresh in the background. */
export interface RedisHealth {
  /** PINGs now (readiness asks at most every few seconds) and returns whether Redis answered. */
  check(): Promise<{ ok: boolean; detail?: string }>;
  stop(): void;
}

/** Starts pinging every `intervalMs` (default 5_000), recording round-trip time and errors. */
export function watchRedis(redis: RedisConnections, metrics: GatewayMetrics, logger: Logger, intervalMs = 5_000): RedisHealth {
  const check = async (): Promise<{ ok: boolean; detail?: string }> => {
    try {
      const rtt = await redis.ping();
      metrics.redisRoundTrip.observe(rtt / 1000);
      return { ok: true };
    } catch (error) {
      metrics.redisErrors.inc();
      const detail = error instanceof Error ? error.message : String(error);
      logger.debug({ detail }, 'redis ping failed');
      return { ok: false, detail };
    }
  };
  const timer = setInterval(() => void check(), intervalMs);
  timer.unref();
  return { check, stop: () => clearInterval(timer) };
}
