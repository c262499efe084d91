// The order page as each server under test is asked for it: the GraphQL query for the gateways, GET /order-page for REST.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { isRecord } from './ipc-protocol';
import { BenchmarkError } from './validate';

/** Which implementation a server is. */
export type TargetKind = 'gateway' | 'naive' | 'rest';

/** A server under test. */
export interface Target {
  kind: TargetKind;
  /** Base URL. */
  url: string;
}

/** One HTTP request, as fetch and autocannon both need it. */
export interface PageRequest {
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  body: string | undefined;
}

/** The order-page query text (`test/operations/order-page.graphql`), found from `test/bench/lib` and `dist/test/bench/lib`. */
export function orderPageQuery(): string {
  for (const up of [['..', '..'], ['..', '..', '..', '..', 'test']]) {
    try {
      return readFileSync(join(__dirname, ...up, 'operations', 'order-page.graphql'), 'utf8');
    } catch {
      // try the next depth
    }
  }
  throw new BenchmarkError('test/operations/order-page.graphql not found');
}

/** The request for a page of `first` orders on `target`. */
export function pageRequest(target: Target, first: number): PageRequest {
  if (target.kind === 'rest') return { method: 'GET', url: `${target.url}/order-page?first=${first}`, headers: {}, body: undefined };
  return {
    method: 'POST',
    url: `${target.url}/graphql`,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: orderPageQuery(), variables: { first } }),
  };
}

/**
 * Fetches a page and returns its `data`, after checking the status, the
 * absence of `errors` and that it holds `first` orders.
 *
 * @throws BenchmarkError naming the target for anything else.
 */
export async function fetchPage(target: Target, first: number): Promise<unknown> {
  const request = pageRequest(target, first);
  const response = await fetch(request.url, { method: request.method, headers: request.headers, ...(request.body === undefined ? {} : { body: request.body }) });
  const text = await response.text();
  if (response.status !== 200) throw new BenchmarkError(`${target.kind} answered ${response.status}: ${text.slice(0, 300)}`);
  const body: unknown = JSON.parse(text);
  if (!isRecord(body) || body['errors'] !== undefined) throw new BenchmarkError(`${target.kind} answered with errors: ${text.slice(0, 300)}`);
  const orders = isRecord(body['data']) ? body['data']['orders'] : undefined;
  const nodes = isRecord(orders) ? orders['nodes'] : undefined;
  if (!Array.isArray(nodes) || nodes.length !== first) {
    throw new BenchmarkError(`${target.kind} returned ${Array.isArray(nodes) ? nodes.length : 'no'} orders for first: ${first}`);
  }
  return body['data'];
}
