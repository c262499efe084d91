// Liveness and readiness: /healthz answers while the process serves; /readyz asks the upstream (cached briefly).
import type { UpstreamClient } from '../upstream/client';
import { newCallContext } from '../upstream/client';
import { UpstreamError } from '../upstream/errors';

/** One readiness verdict with what was checked. */
export interface Readiness {
  ready: boolean;
  checks: Record<string, { ok: boolean; detail?: string }>;
}

/** Settings of {@link createReadinessCheck}. */
export interface ReadinessOptions {
  /** How long a verdict is reused, so probes do not spend the upstream rate budget. Defaults to 5_000. */
  cacheMs?: number;
  /** Redis, when configured: checked on every probe (it is cheap and must be current). */
  redis?: { check(): Promise<{ ok: boolean; detail?: string }> } | undefined;
}

/**
 * Creates the readiness check: upstream is reachable when a one-item list
 * call answers (any answer but 5xx, a timeout or a refused connection; a 401
 * means reachable but misconfigured, and is reported as not ready).
 */
export function createReadinessCheck(upstream: UpstreamClient, { cacheMs = 5_000, redis }: ReadinessOptions = {}): () => Promise<Readiness> {
  let cached: { at: number; value: Promise<Readiness> } | undefined;
  const probe = async (): Promise<Readiness> => {
    try {
      await upstream.list('orders', { limit: 1 }, newCallContext());
      return { ready: true, checks: { upstream: { ok: true } } };
    } catch (error) {
      const detail = error instanceof UpstreamError ? `upstream answered ${error.status}` : error instanceof Error ? error.message : String(error);
      return { ready: false, checks: { upstream: { ok: false, detail } } };
    }
  };
  return async () => {
    const now = Date.now();
    if (cached === undefined || now - cached.at > cacheMs) cached = { at: now, value: probe() };
    const upstreamVerdict = await cached.value;
    if (redis === undefined) return upstreamVerdict;
    const redisVerdict = await redis.check();
    return { ready: upstreamVerdict.ready && redisVerdict.ok, checks: { ...upstreamVerdict.checks, redis: redisVerdict } };
  };
}
