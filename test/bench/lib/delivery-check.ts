// Reads a delivery check from a client child and fails the benchmark on any lost, doubled or unexpected push.
import { isRecord, numberField } from './ipc-protocol';
import { BenchmarkError } from './validate';

/** Pushes expected and what arrived (see `clients/subscription-pool.ts`). */
export interface DeliveryCounts {
  subscriptions: number;
  expected: number;
  delivered: number;
  missing: number;
  duplicated: number;
  unexpected: number;
  failures: number;
}

/**
 * Narrows a `verify` reply and requires every expected push exactly once and nothing else.
 *
 * @throws BenchmarkError naming the counts and the first problems otherwise.
 */
export function requireExactDelivery(reply: unknown, what: string): DeliveryCounts {
  const counts: DeliveryCounts = {
    subscriptions: numberField(reply, 'subscriptions'),
    expected: numberField(reply, 'expected'),
    delivered: numberField(reply, 'delivered'),
    missing: numberField(reply, 'missing'),
    duplicated: numberField(reply, 'duplicated'),
    unexpected: numberField(reply, 'unexpected'),
    failures: numberField(reply, 'failures'),
  };
  const examples = isRecord(reply) && Array.isArray(reply['examples']) ? reply['examples'].map(String) : [];
  if (counts.missing + counts.duplicated + counts.unexpected + counts.failures > 0 || counts.delivered !== counts.expected || counts.expected === 0) {
    throw new BenchmarkError(`${what}: ${JSON.stringify(counts)}; ${examples.join('; ')}`);
  }
  return counts;
}
