// Guards every number and count before it may enter a results table: a benchmark that measured nothing fails loudly.

/** A benchmark failed: an error, a dropped message, or a number that cannot be right. */
export class BenchmarkError extends Error {
  override readonly name = 'BenchmarkError';
}

/**
 * Returns `value` when it is a finite number greater than zero.
 *
 * @throws BenchmarkError naming `what` for NaN, infinities, zero and negatives.
 */
export function requirePositive(value: number, what: string): number {
  if (!Number.isFinite(value) || value <= 0) throw new BenchmarkError(`${what} must be a positive number, got ${String(value)}`);
  return value;
}

/**
 * Returns `value` when it is a finite number (of any sign).
 *
 * @throws BenchmarkError naming `what` for NaN or an infinity.
 */
export function requireFinite(value: number, what: string): number {
  if (!Number.isFinite(value)) throw new BenchmarkError(`${what} must be a finite number, got ${String(value)}`);
  return value;
}

/**
 * Returns `value` when it is a finite number of zero or more.
 *
 * @throws BenchmarkError naming `what` otherwise.
 */
export function requireNonNegative(value: number, what: string): number {
  if (!Number.isFinite(value) || value < 0) throw new BenchmarkError(`${what} must be a number ≥ 0, got ${String(value)}`);
  return value;
}

/**
 * Checks that a count is exactly what was expected (messages sent = messages received).
 *
 * @throws BenchmarkError naming `what`, the expected and the actual count.
 */
export function requireCount(actual: number, expected: number, what: string): void {
  if (actual !== expected) throw new BenchmarkError(`${what}: expected ${expected}, got ${actual}`);
}

/**
 * Checks a condition that a benchmark's result depends on.
 *
 * @throws BenchmarkError with `message` when `condition` is false.
 */
export function requireThat(condition: boolean, message: string): asserts condition {
  if (!condition) throw new BenchmarkError(message);
}

/** The message of anything thrown. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
