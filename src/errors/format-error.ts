// The one mapper from anything a resolver throws to the error a client sees; it never throws itself.
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';

import {
  UpstreamConnectionError,
  UpstreamError,
  UpstreamProtocolError,
  UpstreamRateLimitedError,
  UpstreamTimeoutError,
} from '../upstream/errors';
import { ErrorCode } from './codes';
import { GatewayGraphQLError } from './graphql-errors';

/** Apollo's request-level codes and the contract code each becomes. */
const REQUEST_ERROR_CODES: Readonly<Record<string, ErrorCode | 'KEEP'>> = {
  GRAPHQL_PARSE_FAILED: ErrorCode.BAD_USER_INPUT,
  GRAPHQL_VALIDATION_FAILED: ErrorCode.BAD_USER_INPUT,
  BAD_USER_INPUT: ErrorCode.BAD_USER_INPUT,
  BAD_REQUEST: ErrorCode.BAD_USER_INPUT,
  OPERATION_RESOLUTION_FAILURE: ErrorCode.BAD_USER_INPUT,
  // The APQ protocol needs these two verbatim: clients resend the full query on them.
  PERSISTED_QUERY_NOT_FOUND: 'KEEP',
  PERSISTED_QUERY_NOT_SUPPORTED: 'KEEP',
};

const CONTRACT_CODES = new Set<string>(Object.values(ErrorCode));

/** Options of {@link createErrorFormatter}. */
export interface ErrorFormatterOptions {
  /** Outside production an unexpected error keeps its message (never its stack). */
  production: boolean;
  /** Receives every unexpected error, to log it with its stack. */
  onUnexpected: (error: unknown) => void;
}

/**
 * Creates Apollo's `formatError`. Upstream failures keep upstream's `type`
 * and `errors[]` under `extensions.upstream`; anything unexpected becomes
 * `INTERNAL`.
 */
export function createErrorFormatter(options: ErrorFormatterOptions) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    try {
      return formatOne(formatted, unwrapResolverError(error), options);
    } catch (formatterFailure) {
      options.onUnexpected(formatterFailure);
      return { message: 'Internal server error', extensions: { code: ErrorCode.INTERNAL } };
    }
  };
}

function formatOne(formatted: GraphQLFormattedError, original: unknown, options: ErrorFormatterOptions): GraphQLFormattedError {
  const base = { message: formatted.message, locations: formatted.locations, path: formatted.path };
  // `http` tells Apollo the status; it is not for the client (transports other than Apollo's do not strip it).
  const { http, ...extensions } = formatted.extensions ?? {};
  if (original instanceof GatewayGraphQLError) {
    return { ...base, extensions: { ...extensions, code: original.code } };
  }
  if (original instanceof UpstreamRateLimitedError && original.source === 'budget') {
    return {
      ...base,
      message: 'This gateway\'s upstream request budget is exhausted; try again shortly',
      extensions: { code: ErrorCode.UPSTREAM_RATE_LIMITED, retryAfterSeconds: 1 },
    };
  }
  if (original instanceof UpstreamRateLimitedError) {
    return {
      ...base,
      message: 'The upstream API is rate limiting this gateway; try again shortly',
      extensions: {
        code: ErrorCode.UPSTREAM_RATE_LIMITED,
        retryAfterSeconds: original.retryAfterSeconds ?? null,
        upstream: { status: 429, type: 'too_many_requests', errors: original.errors },
      },
    };
  }
  if (original instanceof UpstreamTimeoutError) {
    return { ...base, message: original.message, extensions: { code: ErrorCode.UPSTREAM_TIMEOUT } };
  }
  if (original instanceof UpstreamError) {
    return {
      ...base,
      message: original.message,
      extensions: {
        code: ErrorCode.UPSTREAM_ERROR,
        upstream: { status: original.status, type: original.type ?? null, errors: original.errors, requestId: original.info.upstreamRequestId ?? null },
      },
    };
  }
  if (original instanceof UpstreamConnectionError || original instanceof UpstreamProtocolError) {
    return { ...base, message: original.message, extensions: { code: ErrorCode.UPSTREAM_ERROR } };
  }
  const apolloCode = typeof formatted.extensions?.code === 'string' ? formatted.extensions.code : undefined;
  const requestCode = apolloCode === undefined ? undefined : REQUEST_ERROR_CODES[apolloCode];
  if (apolloCode !== undefined && requestCode !== undefined) {
    return { ...base, extensions: { ...extensions, code: requestCode === 'KEEP' ? apolloCode : requestCode } };
  }
  if (apolloCode !== undefined && CONTRACT_CODES.has(apolloCode)) {
    return { ...base, extensions: { ...extensions, code: apolloCode } };
  }
  // Apollo's own protocol refusals without a code (a persisted-query hash that does not match its query, an unsupported APQ version) are the client's.
  if ((apolloCode === undefined || apolloCode === 'INTERNAL_SERVER_ERROR') && isClientStatus(original instanceof GraphQLError ? original.extensions.http : http)) {
    return { ...base, extensions: { ...extensions, code: ErrorCode.BAD_USER_INPUT } };
  }
  options.onUnexpected(original);
  return {
    ...base,
    message: options.production ? 'Internal server error' : formatted.message,
    extensions: { code: ErrorCode.INTERNAL },
  };
}

/** True for an Apollo `http` extension whose status is 4xx. */
function isClientStatus(http: unknown): boolean {
  const status = typeof http === 'object' && http !== null ? (http as { status?: unknown }).status : undefined;
  return typeof status === 'number' && status >= 400 && status < 500;
}
