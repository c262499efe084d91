// The admission: every refusal with its contract code, limits counted with fragments expanded, and time linear in the document whatever its fragments do.
import type { GraphQLSchema } from 'graphql';

import { type AdmissionOptions, createAdmission } from '../../src/graphql/admission';
import { AdmissionError } from '../../src/graphql/admission-error';
import { createAllowlist, sha256 } from '../../src/graphql/allowlist';
import { buildGatewaySchema } from '../../src/graphql/build-schema';

let schema: GraphQLSchema;
beforeAll(async () => {
  schema = await buildGatewaySchema();
});

const OPTIONS: AdmissionOptions = {
  limits: { maxCost: 3000, maxDepth: 10, maxAliases: 20, maxNodes: 1000 },
  production: true,
  maxQueryBytes: 65_536,
  maxIdLength: 128,
};

/** The refusal `admit` throws, or fails the test when it admits. */
function refusalOf(run: () => unknown): AdmissionError {
  try {
    run();
  } catch (error) {
    if (error instanceof AdmissionError) return error;
    throw error;
  }
  throw new Error('the document was admitted');
}

function fragmentChain(levels: number): string {
  const parts = ['query Chain { ...F0 }'];
  for (let level = 0; level < levels; level += 1) parts.push(`fragment F${level} on Query { ...F${level + 1} ...F${level + 1} }`);
  parts.push(`fragment F${levels} on Query { orders(first: 1) { nodes { id } } }`);
  return parts.join('\n');
}

describe('Refusals', () => {
  it('names each limit with QUERY_TOO_COMPLEX, the document size with 413', () => {
    const admission = createAdmission(schema, { ...OPTIONS, limits: { ...OPTIONS.limits, maxNodes: 30 } });
    const cases: Array<[string, RegExp, number]> = [
      [`{ ${'orders(first: 1) { nodes { id state } } '.repeat(11)} }`, /at most 30 are allowed/, 400],
      [`{ ${Array.from({ length: 21 }, (_, index) => `a${index}: __typename`).join(' ')} }`, /21 aliases/, 400],
      [`{ fulfillmentOrder(id: "1") { ${'order { fulfillmentOrders { '.repeat(5)} id ${'} } '.repeat(5)} } }`, /12 levels deep/, 400],
      [`{ __typename } #${'x'.repeat(70_000)}`, /bytes; at most 65536/, 413],
    ];
    const repeats = createAdmission(schema, OPTIONS);
    for (const [query, message, status] of cases) {
      const refusal = refusalOf(() => admission.admit({ query }, 'http'));
      expect(refusal.code).toBe('QUERY_TOO_COMPLEX');
      expect(refusal.message).toMatch(message);
      expect(refusal.status).toBe(status);
    }
    expect(refusalOf(() => repeats.admit({ query: `{ ${'orders(first: 1) { nodes { id } } '.repeat(11)} }` }, 'http')).message).toMatch(/"orders" 11 times in one selection set; at most 10/);
  });

  it('refuses parse and validation errors, bad variables and long IDs with BAD_USER_INPUT', () => {
    const admission = createAdmission(schema, OPTIONS);
    const cases: Array<[string, Record<string, unknown>, RegExp]> = [
      ['{ orders(first: 1) {', {}, /Syntax Error/],
      ['{ orders(first: 1) { nodes { idd } } }', {}, /Cannot query field "idd" on type "Order"\.$/],
      ['{ __schema { types { name } } }', {}, /introspection has been disabled/],
      ['query O($id: ID!) { order(id: $id) { id } }', {}, /Variable "\$id" of required type "ID!" was not provided/],
      ['query O($id: ID!) { order(id: $id) { id } }', { id: 'x'.repeat(129) }, /variable "\$id" is 129 characters long; at most 128/],
      [`{ order(id: "${'x'.repeat(129)}") { id } }`, {}, /argument "id" is 129 characters long/],
      ['mutation M($input: CreateFulfillmentCancellationInput!) { createFulfillmentCancellation(input: $input) { userErrors { code } } }',
        { input: { fulfillmentOrderId: 'x'.repeat(200), items: [{ fulfillmentOrderItemId: '1', quantity: 1 }] } }, /variable "\$input" is 200 characters/],
      ['subscription { orderUpdated(id: "1") { eventId } }', {}, /not served over plain HTTP/],
      ['query A { __typename } query B { __typename }', {}, /name the one to run/],
    ];
    for (const [query, variables, message] of cases) {
      const refusal = refusalOf(() => admission.admit({ query, variables }, 'http'));
      expect(refusal.code).toBe('BAD_USER_INPUT');
      expect(refusal.message).toMatch(message);
    }
    // Suggestions reveal the schema: none in production, kept in development.
    expect(refusalOf(() => admission.admit({ query: '{ order(id: "1") { stat } }' }, 'http')).message).not.toMatch(/Did you mean/);
    const development = createAdmission(schema, { ...OPTIONS, production: false });
    expect(refusalOf(() => development.admit({ query: '{ order(id: "1") { stat } }' }, 'http')).message).toMatch(/Did you mean "state"/);
  });

  it('refuses what the allowlist does not hold with FORBIDDEN, on every transport', () => {
    const listed = 'query Listed { __typename }';
    const admission = createAdmission(schema, { ...OPTIONS, allowlist: createAllowlist([{ id: sha256(listed), body: listed, name: 'Listed' }]) });
    expect(admission.admit({ query: listed }, 'websocket').operationName).toBe('Listed');
    for (const transport of ['http', 'websocket', 'sse'] as const) {
      const refusal = refusalOf(() => admission.admit({ query: 'query Other { __typename }' }, transport));
      expect(refusal.code).toBe('FORBIDDEN');
      expect(refusal.status).toBe(403);
    }
  });

  it('admits subscriptions on the WebSocket and reports what an operation costs', () => {
    const admission = createAdmission(schema, OPTIONS);
    expect(admission.admit({ query: 'subscription { orderUpdated(id: "1") { eventId } }' }, 'websocket').operation.operation).toBe('subscription');
    const page = admission.admit({ query: 'query P($n: Int) { orders(first: $n) { nodes { id fulfillmentOrders { id } } } }', variables: { n: 50 } }, 'http');
    // nodes is an object (1) holding a list of objects (1): 2 + 50 × 2.
    expect(page.cost).toEqual({ requestedQueryCost: 2 + 50 * 2, depth: 4, aliases: 0, nodes: 5 });
  });
});

describe('Cost of admission', () => {
  it('measures a fragment once wherever it is spread: the cost equals the inline spelling', () => {
    const admission = createAdmission(schema, OPTIONS);
    const inline = admission.admit({ query: '{ orders(first: 20) { nodes { id fulfillments { id } charges { id } } } }' }, 'http');
    const spread = admission.admit({ query: 'fragment O on Order { fulfillments { id } charges { id } } { orders(first: 20) { nodes { id ...O } } }' }, 'http');
    expect(spread.cost).toEqual(inline.cost);
    expect(inline.cost.requestedQueryCost).toBe(2 + 20 * (1 + 25 + 1));
  });

  it('refuses a fragment chain in time linear in its text, not in its 2^n expansion', () => {
    const admission = createAdmission(schema, OPTIONS);
    const time = (levels: number): number => {
      const query = fragmentChain(levels);
      const started = performance.now();
      expect(refusalOf(() => admission.admit({ query }, 'http')).message).toMatch(/fields with its fragments expanded/);
      return performance.now() - started;
    };
    time(24);
    const short = Math.min(time(100), time(100), time(100));
    const long = Math.min(time(400), time(400), time(400));
    // 4× the text: linear is ~4×; the old walk doubled per level (3–7 s at 24 levels).
    expect(long).toBeLessThan(Math.max(short * 12, 30));
    expect(time(24)).toBeLessThan(50);
  });

  it('answers a document sent again from its remembered verdict', () => {
    const admission = createAdmission(schema, OPTIONS);
    const first = admission.document('{ __typename }');
    expect(admission.document('{ __typename }').document).toBe(first.document);
    const refusal = refusalOf(() => admission.document('{ nope }'));
    expect(refusalOf(() => admission.document('{ nope }'))).toBe(refusal);
  });
});
