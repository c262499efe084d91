// Counts the upstream calls one operation makes, for extensions.cost.upstreamCalls.
import type { UpstreamClient } from '../upstream/client';

/** A client that counts every call made through it, and the count. */
export interface CountingClient {
  client: UpstreamClient;
  count(): number;
}

/** Wraps `client`; the wrapper is per operation, the pooled connections stay shared. */
export function countCalls(client: UpstreamClient): CountingClient {
  let calls = 0;
  return {
    count: () => calls,
    client: {
      get: (collection, id, context) => {
        calls += 1;
        return client.get(collection, id, context);
      },
      list: (collection, query, context) => {
        calls += 1;
        return client.list(collection, query, context);
      },
      create: (collection, body, context, options) => {
        calls += 1;
        return client.create(collection, body, context, options);
      },
      close: () => client.close(),
    },
  };
}
