// Reads the simulator directly over REST, to compute expected answers independently of the gateway.
import type { Simulator } from '../../src/simulator/create-simulator';

/** GETs a simulator path with the test key; throws on non-2xx. */
export async function simGet<T>(simulator: Simulator, path: string, apiKey = 'sk_test_simulator'): Promise<T> {
  const response = await fetch(`${simulator.url}${path}`, { headers: { authorization: `Bearer ${apiKey}` } });
  if (!response.ok) throw new Error(`simulator GET ${path} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

/** Every object of a simulator list, following hasMore. */
export async function simListAll<T extends { id: string | number }>(simulator: Simulator, path: string, apiKey?: string): Promise<T[]> {
  const all: T[] = [];
  let after: string | undefined;
  for (;;) {
    const separator = path.includes('?') ? '&' : '?';
    const page = await simGet<{ hasMore?: boolean; data: T[] }>(simulator, `${path}${separator}limit=100${after === undefined ? '' : `&startingAfter=${encodeURIComponent(after)}`}`, apiKey);
    all.push(...page.data);
    const last = page.data[page.data.length - 1];
    if (page.hasMore !== true || last === undefined) return all;
    after = String(last.id);
  }
}
