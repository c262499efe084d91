// Compiled plans cost bounded memory: after 10,000 distinct operations the heap holds about what it held after 100 (the plan cache is bounded, graphql-jit keeps nothing per compilation).
import 'reflect-metadata';

import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

import { type GraphQLSchema, getOperationAST, parse } from 'graphql';

import { buildGatewaySchema } from '../../src/graphql/build-schema';
import { CompiledExecutor } from '../../src/graphql/execute';

const MB = 1024 * 1024;

// Jest runs without --expose-gc; V8 exposes `gc` to contexts created once the flag is set.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

/** Heap in use after full collections, and the process's resident set. */
function settledMemory(): { heapUsed: number; rss: number } {
  for (let round = 0; round < 3; round += 1) collectGarbage();
  const { heapUsed, rss } = process.memoryUsage();
  return { heapUsed, rss };
}

let schema: GraphQLSchema;

beforeAll(async () => {
  schema = await buildGatewaySchema();
});

describe('distinct operations', () => {
  it('leave the heap within a few MB of where 100 left it, however many arrive', async () => {
    const executor = new CompiledExecutor(schema);
    // Enough of a context for Query.orders: an empty page, no upstream.
    const context = { loaders: { orderPage: async () => ({ hasMore: false, data: [] }) } };
    let sent = 0;
    const runUntil = async (total: number): Promise<void> => {
      for (; sent < total; sent += 1) {
        // Each a distinct document text, so each is compiled anew; the shape of an ordinary small query.
        const document = parse(`query Op${sent} { orders(first: 2) { nodes { id state currency } pageInfo { hasNextPage endCursor } } }`);
        const operation = getOperationAST(document);
        if (operation === null || operation === undefined) throw new Error('no operation');
        const result = await executor.run({ document, operation, operationName: `Op${sent}`, variables: {}, queryHash: `distinct-${sent}`, context });
        if (result.errors !== undefined) throw new Error(`operation ${sent} failed: ${result.errors[0]?.message ?? ''}`);
      }
    };

    await runUntil(100);
    const after100 = settledMemory();
    await runUntil(2_000);
    const after2000 = settledMemory();
    await runUntil(10_000);
    const after10000 = settledMemory();

    expect(executor.statistics()).toMatchObject({ compiled: 10_000, cached: 0 });
    expect(executor.statistics().plans).toBeLessThanOrEqual(1_000);
    if (process.env.PLAN_MEMORY_REPORT !== undefined) {
      process.stdout.write(`${JSON.stringify({ after100, after2000, after10000, plans: executor.statistics().plans })}\n`);
    }
    // Growth from 100 to 10,000 is the cache filling up to its bound; from 2,000 on it is full, so nothing more may stay.
    expect((after10000.heapUsed - after100.heapUsed) / MB).toBeLessThan(8);
    expect((after10000.heapUsed - after2000.heapUsed) / MB).toBeLessThan(1.5);
  }, 60_000);
});
