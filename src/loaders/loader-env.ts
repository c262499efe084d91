// What every loader factory of one operation shares: the client, the call context, the scope guard, the shared cache, limits and the observers.
import type { BatchLoadFn } from 'dataloader';

import type { CallContext, UpstreamClient } from '../upstream/client';
import type { SharedCache } from '../upstream/shared-cache';
import type { ScopeGuard } from './scope-guard';

/** The environment of one operation's loaders. */
export interface LoaderEnv {
  client: UpstreamClient;
  context: CallContext;
  /** The scoping rule; read lazily because it needs the order loader it guards. */
  guard: () => ScopeGuard;
  /** Bound on concurrent single-object calls. */
  concurrency: number;
  /** Observes every batch (metrics: DataLoader batch sizes). */
  onBatch?: ((loader: string, size: number) => void) | undefined;
  /** The cross-request cache each batch asks before calling upstream; absent: every key is fetched. */
  cache?: SharedCache | undefined;
  /** Told how many cached answers a batch used (extensions.cost.cacheHits). */
  onCacheHits?: ((count: number) => void) | undefined;
}

/** Wraps a batch function so each batch is reported under `name` before it runs. */
export function observed<K, V>(env: LoaderEnv, name: string, batch: BatchLoadFn<K, V>): BatchLoadFn<K, V> {
  if (env.onBatch === undefined) return batch;
  const report = env.onBatch;
  return (keys) => {
    report(name, keys.length);
    return batch(keys);
  };
}
