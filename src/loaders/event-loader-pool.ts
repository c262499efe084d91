// Loaders per pushed event: every subscriber of one event (in one scope) shares them, so 1,000 subscribers cost one upstream load.
import { type Viewer, scopeKey } from '../auth/viewer';
import { createLoaders, type Loaders } from './create-loaders';
import type { UpstreamClient } from '../upstream/client';
import type { SharedCache } from '../upstream/shared-cache';

/** The caller that loads for pushed events spend the upstream budget as (see `CallContext.caller`). */
export const EVENTS_CALLER = 'events';

/** Hands out the loaders of one event. */
export interface EventLoaderPool {
  /**
   * The loaders for `eventId` as seen by `viewer`: shared by viewers who see
   * the same data, never across scopes. Created on first use, fresh for the
   * event, dropped `ttlMs` later.
   */
  forEvent(eventId: string, viewer: Viewer): Loaders;
  /** Drops everything (shutdown). */
  clear(): void;
}

/** Settings of {@link createEventLoaderPool}. */
export interface EventLoaderPoolOptions {
  fetchConcurrency: number;
  /** How long an event's loaders live after their creation. Defaults to 10_000. */
  ttlMs?: number;
  /**
   * The shared cache the loaders read through. Safe for pushes: an event is
   * published only after it invalidated what it concerns, and an event's
   * loaders are made on its first push, so they read what followed it.
   */
  cache?: SharedCache | undefined;
}

export function createEventLoaderPool(upstream: UpstreamClient, { fetchConcurrency, ttlMs = 10_000, cache }: EventLoaderPoolOptions): EventLoaderPool {
  const pool = new Map<string, Loaders>();
  const timers = new Set<NodeJS.Timeout>();
  return {
    forEvent(eventId, viewer) {
      const key = `${scopeKey(viewer)}\u0000${eventId}`;
      let loaders = pool.get(key);
      if (loaders === undefined) {
        // Pushed events spend the upstream budget as one caller of their own, in turn with the clients' queries.
        loaders = createLoaders(upstream, { requestId: `event:${eventId}`, caller: EVENTS_CALLER }, { fetchConcurrency, viewer, cache });
        pool.set(key, loaders);
        const timer = setTimeout(() => {
          pool.delete(key);
          timers.delete(timer);
        }, ttlMs);
        timer.unref();
        timers.add(timer);
      }
      return loaders;
    },
    clear() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      pool.clear();
    },
  };
}
