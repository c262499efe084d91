// Percentiles and latency summaries of measured samples (milliseconds).
import { requireNonNegative, requireThat } from './validate';

/** Latency percentiles of one series, in milliseconds. */
export interface LatencySummary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/**
 * The nearest-rank percentile of ascending `sorted` values.
 *
 * @throws BenchmarkError when there are no samples.
 */
export function percentile(sorted: readonly number[], p: number): number {
  requireThat(sorted.length > 0, 'no samples: a benchmark produced nothing');
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] as number;
}

/**
 * Summarises samples; every sample must be a finite number ≥ 0.
 *
 * @throws BenchmarkError naming `what` for an empty series or an invalid sample.
 */
export function summarise(samples: readonly number[], what: string): LatencySummary {
  requireThat(samples.length > 0, `${what}: no samples`);
  for (const sample of samples) requireNonNegative(sample, `${what} sample`);
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] as number,
  };
}
