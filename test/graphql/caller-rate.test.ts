// The caller rate on in-memory buckets and Jest's fake clock: the charge up front, THROTTLED with the bucket, the refill, the refund to the actual cost, exemptions, and its configuration.
import type { GraphQLSchema } from 'graphql';

import type { Viewer } from '../../src/auth/viewer';
import { ConfigError, loadConfig } from '../../src/config';
import { type Admission, createAdmission } from '../../src/graphql/admission';
import { AdmissionError } from '../../src/graphql/admission-error';
import { buildGatewaySchema } from '../../src/graphql/build-schema';
import { type ChargeTarget, createCallerRate } from '../../src/graphql/caller-rate';
import { callerKey } from '../../src/graphql/context';
import { createMemoryCostBuckets } from '../../src/graphql/cost-bucket';

const CUSTOMER: Viewer = { kind: 'customer', subject: 'user-1', customerId: 'c1' };
const ADMIN: Viewer = { kind: 'admin', subject: 'ops-1' };
/** 2 + 100 × (nodes 1 + fulfillmentOrders 1) = 202 points, 2 + n × 2 once it returned n orders. */
const PAGE = '{ orders(first: 100) { nodes { id fulfillmentOrders { id } } } }';
/** No paged list: its actual cost is its requested cost, 3. */
const ONE_ORDER = '{ order(id: "1") { id fulfillmentOrders { id items { id } } } }';

let schema: GraphQLSchema;
let admission: Admission;
beforeAll(async () => {
  schema = await buildGatewaySchema();
  admission = createAdmission(schema, { limits: { maxCost: 3000, maxDepth: 10, maxAliases: 20, maxNodes: 1000 }, production: true, maxQueryBytes: 65_536, maxIdLength: 128 });
});

beforeEach(() => {
  jest.useFakeTimers();
});

afterEach(() => {
  jest.useRealTimers();
});

function target(query: string, viewer: Viewer = CUSTOMER, caller = `sub:${viewer.subject}`): ChargeTarget {
  return { viewer, caller, admitted: admission.admit({ query }, 'http'), charge: undefined, actualCost: undefined };
}

async function refusalOf(run: Promise<unknown>): Promise<AdmissionError> {
  const outcome = await run.then(() => undefined, (error: unknown) => error);
  if (outcome instanceof AdmissionError) return outcome;
  throw new Error(`expected a refusal, got ${String(outcome)}`);
}

const rateOf = (limit: number, perSecond: number, chargeAdmins = false) => createCallerRate(schema, { buckets: createMemoryCostBuckets({ limit, perSecond }), chargeAdmins });

describe('Charge', () => {
  it('charges the requested cost up front and refuses THROTTLED, taking nothing, once the bucket holds less', async () => {
    const rate = rateOf(1_000, 100);
    for (let index = 1; index <= 4; index += 1) {
      const operation = target(PAGE);
      await rate.charge(operation);
      expect(operation.charge).toEqual({ points: 202, throttleStatus: { maximumAvailable: 1_000, currentlyAvailable: 1_000 - 202 * index, restoreRate: 100 } });
    }
    const refused = target(PAGE);
    const refusal = await refusalOf(rate.charge(refused));
    expect(refusal.code).toBe('THROTTLED');
    expect(refusal.status).toBe(429);
    expect(refusal.message).toMatch(/costs 202 points and this caller has 192 of 1000 left, restored at 100 per second; retry in 1 s/);
    // 10 points short at 100 per second: 0.1 s, said as a whole second.
    expect(refusal.extensions).toMatchObject({
      code: 'THROTTLED',
      retryAfterSeconds: 1,
      cost: { requestedQueryCost: 202, throttleStatus: { maximumAvailable: 1_000, currentlyAvailable: 192, restoreRate: 100 } },
    });
    expect(refused.charge).toBeUndefined();
    // The refusal took nothing: 0.1 s later exactly enough has flowed back.
    await jest.advanceTimersByTimeAsync(99);
    await expect(rate.charge(target(PAGE))).rejects.toBeInstanceOf(AdmissionError);
    await jest.advanceTimersByTimeAsync(1);
    const admitted = target(PAGE);
    await rate.charge(admitted);
    expect(admitted.charge?.throttleStatus.currentlyAvailable).toBe(0);
  });

  it('refills at the restore rate up to the limit, never past it', async () => {
    const rate = rateOf(1_000, 100);
    for (let index = 0; index < 4; index += 1) await rate.charge(target(PAGE));
    await jest.advanceTimersByTimeAsync(5_000);
    const after5s = target(ONE_ORDER);
    await rate.charge(after5s);
    // 192 + 500 = 692, less the 3 just charged.
    expect(after5s.charge?.throttleStatus.currentlyAvailable).toBe(689);
    await jest.advanceTimersByTimeAsync(60_000);
    const afterAMinute = target(ONE_ORDER);
    await rate.charge(afterAMinute);
    expect(afterAMinute.charge?.throttleStatus.currentlyAvailable).toBe(997);
  });

  it('keeps one bucket per caller', async () => {
    const rate = rateOf(300, 1);
    await rate.charge(target(PAGE, CUSTOMER, 'sub:user-1'));
    await expect(rate.charge(target(PAGE, CUSTOMER, 'sub:user-1'))).rejects.toMatchObject({ code: 'THROTTLED' });
    const other = target(PAGE, { kind: 'customer', subject: 'user-2', customerId: 'c2' });
    await rate.charge(other);
    expect(other.charge?.throttleStatus.currentlyAvailable).toBe(98);
  });

  it('exempts admins, and charges them too with CALLER_COST_ADMINS=on', async () => {
    const exempt = rateOf(300, 1);
    for (let index = 0; index < 5; index += 1) {
      const operation = target(PAGE, ADMIN);
      await exempt.charge(operation);
      expect(operation.charge).toBeUndefined();
    }
    const charged = rateOf(300, 1, true);
    await charged.charge(target(PAGE, ADMIN));
    await expect(charged.charge(target(PAGE, ADMIN))).rejects.toMatchObject({ code: 'THROTTLED' });
  });

  it('charges nothing with the caller rate off (CALLER_COST_LIMIT=0)', async () => {
    const off = createCallerRate(schema, { buckets: undefined, chargeAdmins: true });
    for (let index = 0; index < 50; index += 1) {
      const operation = target(PAGE);
      await off.charge(operation);
      expect(operation.charge).toBeUndefined();
    }
  });
});

describe('Refund', () => {
  const ordersData = (count: number) => ({ orders: { nodes: Array.from({ length: count }, (_, index) => ({ id: String(index), fulfillmentOrders: [] })) } });

  it('gives back what the pages did not hold: a customer with 3 orders who asked for 100 pays for 3', async () => {
    const rate = rateOf(1_000, 100);
    const operation = target(PAGE);
    await rate.charge(operation);
    expect(operation.charge?.throttleStatus.currentlyAvailable).toBe(798);
    await rate.settle(operation, ordersData(3));
    expect(operation.actualCost).toBe(2 + 3 * 2);
    expect(operation.charge?.throttleStatus.currentlyAvailable).toBe(1_000 - 8);
  });

  it('counts a page under any alias, nodes or edges, and a failed page as empty', async () => {
    const rate = rateOf(1_000, 100);
    const aliased = target('{ mine: orders(first: 50) { list: edges { node { id } } } failed: orders(first: 50) { nodes { id } } }');
    await rate.charge(aliased);
    // (2 + 50 × (edges 1 + node 1)) + (2 + 50 × 1) = 154.
    expect(aliased.charge?.points).toBe(154);
    await rate.settle(aliased, { mine: { list: [{ node: { id: '1' } }, { node: { id: '2' } }] }, failed: null });
    expect(aliased.actualCost).toBe((2 + 2 * 2) + 2);
  });

  it('refunds nothing where nothing was paged, and reports the actual cost of exempt callers too', async () => {
    const rate = rateOf(1_000, 100);
    const single = target(ONE_ORDER);
    await rate.charge(single);
    await rate.settle(single, { order: { id: '1', fulfillmentOrders: [] } });
    expect(single.actualCost).toBe(3);
    expect(single.charge?.throttleStatus.currentlyAvailable).toBe(997);
    const admin = target(PAGE, ADMIN);
    await rate.charge(admin);
    await rate.settle(admin, ordersData(100));
    expect(admin).toMatchObject({ actualCost: 202, charge: undefined });
  });
});

describe('Caller key', () => {
  it('is the token subject with auth, and the client IP without (every request is then the development admin)', () => {
    expect(callerKey({ authJwtSecret: 'secret' }, CUSTOMER, '10.0.0.1')).toBe('sub:user-1');
    expect(callerKey({ authJwtSecret: 'secret' }, ADMIN, undefined)).toBe('sub:ops-1');
    expect(callerKey({ authJwtSecret: undefined }, ADMIN, '10.0.0.1')).toBe('ip:10.0.0.1');
    expect(callerKey({ authJwtSecret: undefined }, ADMIN, '10.0.0.2')).toBe('ip:10.0.0.2');
  });
});

describe('Configuration', () => {
  it('defaults to a bucket of 6000 refilled at 1000 per second, admins exempt, fair share on', () => {
    expect(loadConfig({})).toMatchObject({ callerCostLimit: 6_000, callerCostPerSecond: 1_000, callerCostAdmins: false, upstreamFairShare: true });
    expect(loadConfig({ CALLER_COST_LIMIT: '0', CALLER_COST_PER_SECOND: '50', CALLER_COST_ADMINS: 'on', UPSTREAM_FAIR_SHARE: 'off' }))
      .toMatchObject({ callerCostLimit: 0, callerCostPerSecond: 50, callerCostAdmins: true, upstreamFairShare: false });
  });

  it('refuses a bucket smaller than the costliest admissible operation, and malformed values', () => {
    expect(() => loadConfig({ CALLER_COST_LIMIT: '2999' })).toThrow(new ConfigError('CALLER_COST_LIMIT (2999) must be at least QUERY_MAX_COST (3000), or 0 to turn the caller rate off'));
    expect(loadConfig({ CALLER_COST_LIMIT: '500', QUERY_MAX_COST: '500' })).toMatchObject({ callerCostLimit: 500 });
    expect(() => loadConfig({ CALLER_COST_PER_SECOND: '0' })).toThrow(/CALLER_COST_PER_SECOND must be between 1 and/);
    expect(() => loadConfig({ CALLER_COST_LIMIT: 'lots' })).toThrow(/CALLER_COST_LIMIT must be a whole number/);
    expect(() => loadConfig({ CALLER_COST_ADMINS: 'yes' })).toThrow('CALLER_COST_ADMINS must be on or off, got "yes"');
    expect(() => loadConfig({ UPSTREAM_FAIR_SHARE: '1' })).toThrow('UPSTREAM_FAIR_SHARE must be on or off, got "1"');
  });
});
