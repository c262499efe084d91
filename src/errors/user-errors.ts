// Turns mutation validation failures and upstream 4xx answers into UserError data.
import { UpstreamError, UpstreamRateLimitedError } from '../upstream/errors';

/**
 * A business failure of a mutation, as plain data. The GraphQL `UserError`
 * type (schema/payloads/user-error.type.ts) implements this shape; it is
 * declared here so that errors/ depends on nothing above it.
 */
export interface UserErrorData {
  /** Path to the input field at fault, or null when no field is. */
  field: string[] | null;
  code: string;
  message: string;
}

/** A user error for the input field at `field`. */
export function userError(field: ReadonlyArray<string | number> | null, code: string, message: string): UserErrorData {
  return { field: field === null ? null : field.map(String), code, message };
}

/**
 * Upstream's `parameter` (`items[0].quantity`, `orderId`) as a GraphQL input
 * path (`["items", "0", "quantity"]`); `null` when upstream named none.
 */
export function parameterToPath(parameter: string | undefined): string[] | null {
  if (parameter === undefined || parameter === '') return null;
  return parameter.split(/[.[\]]+/).filter((part) => part !== '');
}

/**
 * The user errors of an upstream 4xx answer (429 excluded: that is the
 * gateway's problem, not the user's), or `null` when the failure is not a 4xx
 * and must surface as a top-level error.
 */
export function userErrorsFromUpstream(error: unknown): UserErrorData[] | null {
  if (error instanceof UpstreamRateLimitedError || !(error instanceof UpstreamError) || error.status < 400 || error.status >= 500) return null;
  if (error.errors.length === 0) return [userError(null, error.type ?? `http_${error.status}`, error.message)];
  return error.errors.map((detail) => userError(
    parameterToPath(detail.parameter),
    detail.code ?? error.type ?? `http_${error.status}`,
    detail.message ?? error.message,
  ));
}
