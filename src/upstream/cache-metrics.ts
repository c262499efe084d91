// Turns what the shared cache reports into metrics and log lines.
import type { Logger } from '../logger';
import type { GatewayMetrics } from '../metrics/metrics';
import type { CacheObserver } from './shared-cache';

/** The observer the gateway hands its shared cache: lookups, invalidations and evictions counted; loss and return of trust logged. */
export function cacheObserver(metrics: GatewayMetrics, logger: Logger): CacheObserver {
  return {
    onRead(kind, hits, misses, bypassed) {
      if (hits > 0) metrics.cacheLookups.inc({ kind, result: 'hit' }, hits);
      if (misses > 0) metrics.cacheLookups.inc({ kind, result: bypassed ? 'bypass' : 'miss' }, misses);
    },
    onInvalidate(origin, scopes, ok) {
      metrics.cacheInvalidations.inc({ origin, outcome: ok ? 'ok' : 'failed' }, scopes);
    },
    onEvict(count) {
      metrics.cacheEvictions.inc(count);
    },
    onStateChange(state, reason) {
      if (state === 'bypassed') logger.warn({ reason }, 'shared cache bypassed: every read goes upstream until Redis answers and the cache is flushed');
      else logger.info({ reason }, 'shared cache in use again');
    },
  };
}
