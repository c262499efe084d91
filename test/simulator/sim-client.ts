// A tiny HTTP client for simulator tests: GET with the test key, JSON body as unknown.

import type { Simulator } from '../../src/simulator/create-simulator';

/** The key the simulator accepts by default. */
export const TEST_KEY = 'sk_test_simulator';

/** A response with its JSON body parsed (undefined when empty). */
export interface SimResponse {
  status: number;
  headers: Headers;
  body: unknown;
}

/** Sends a request to the simulator with `Authorization: Bearer <key>` unless `auth` is false. */
export async function call(
  sim: Simulator,
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: string; auth?: boolean | string } = {},
): Promise<SimResponse> {
  const key = typeof init.auth === 'string' ? init.auth : TEST_KEY;
  const response = await fetch(`${sim.url}${path}`, {
    method: init.method ?? 'GET',
    headers: { ...(init.auth === false ? {} : { authorization: `Bearer ${key}` }), ...(init.headers ?? {}) },
    ...(init.body !== undefined ? { body: init.body } : {}),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text === '' ? undefined : (JSON.parse(text) as unknown) };
}

/** A list page as upstream sends it. */
export interface Page<T> {
  hasMore: boolean;
  data: T[];
}

/** GETs a list page, failing the test on a non-200. */
export async function getPage<T extends { id: string }>(sim: Simulator, path: string): Promise<Page<T>> {
  const res = await call(sim, path);
  if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body as Page<T>;
}

/** Every object of a list, following `startingAfter` with limit 100 until `hasMore` is false. */
export async function listAll<T extends { id: string }>(sim: Simulator, path: string): Promise<{ objects: T[]; pages: number }> {
  const objects: T[] = [];
  let pages = 0;
  let after: string | undefined;
  for (;;) {
    const sep = path.includes('?') ? '&' : '?';
    const page = await getPage<T>(sim, `${path}${sep}limit=100${after === undefined ? '' : `&startingAfter=${encodeURIComponent(after)}`}`);
    pages += 1;
    objects.push(...page.data);
    const last = page.data[page.data.length - 1];
    if (!page.hasMore || last === undefined) return { objects, pages };
    after = last.id;
  }
}

const ERROR_TYPES: Readonly<Record<number, string>> = { 400: 'bad_request', 404: 'not_found', 409: 'conflict' };

/** Asserts `res` is upstream's error format: status, its type, and one error with `code` and `parameter`. */
export function expectUpstreamError(res: SimResponse, status: number, code: string, parameter: string): void {
  expect(res.status).toBe(status);
  expect(res.body).toEqual({ type: ERROR_TYPES[status], errors: [{ code, parameter, message: expect.any(String) }] });
}
