// What both mutations share: shape checks before any upstream call, and the write whose 4xx becomes user errors.
import { userError, userErrorsFromUpstream } from '../errors/user-errors';
import type { MutationRecord } from './resolver-context';
import type { UserError } from '../schema/payloads/user-error.type';

/** Longest idempotency key accepted (a UUID is 36). */
export const MAX_IDEMPOTENCY_KEY_LENGTH = 255;
/** Most items one mutation may carry. */
export const MAX_MUTATION_ITEMS = 100;

/** Checks what needs no upstream state; returns the user errors found (empty when fine). */
export function checkMutationShape<T>(
  idempotencyKey: string | null | undefined,
  items: readonly T[],
  checkItem: (item: T, index: number) => UserError[],
): UserError[] {
  const errors: UserError[] = [];
  if (idempotencyKey != null && (idempotencyKey.trim() === '' || idempotencyKey.length > MAX_IDEMPOTENCY_KEY_LENGTH)) {
    errors.push(userError(['idempotencyKey'], 'invalid_parameter', `idempotencyKey must be 1 to ${MAX_IDEMPOTENCY_KEY_LENGTH} characters`));
  }
  if (items.length === 0) errors.push(userError(['items'], 'missing_parameter', 'items must contain at least one item'));
  if (items.length > MAX_MUTATION_ITEMS) errors.push(userError(['items'], 'invalid_parameter', `items accepts at most ${MAX_MUTATION_ITEMS} entries`));
  items.forEach((item, index) => errors.push(...checkItem(item, index)));
  return errors;
}

/**
 * Runs the upstream write: its result is the record's `created`; an upstream
 * 4xx becomes the record's user errors; anything else (5xx, timeout) is thrown
 * to surface as a top-level error.
 */
export async function writeOrUserErrors(write: () => Promise<unknown>): Promise<MutationRecord> {
  try {
    return { created: await write(), userErrors: [] };
  } catch (error) {
    const fromUpstream = userErrorsFromUpstream(error);
    if (fromUpstream === null) throw error;
    return { created: null, userErrors: fromUpstream };
  }
}
