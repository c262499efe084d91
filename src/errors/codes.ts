// The error codes a client can see in extensions.code: exactly the runtime contract's list.

/** Every `extensions.code` the gateway emits. */
export enum ErrorCode {
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  NOT_FOUND = 'NOT_FOUND',
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  QUERY_TOO_COMPLEX = 'QUERY_TOO_COMPLEX',
  UPSTREAM_ERROR = 'UPSTREAM_ERROR',
  UPSTREAM_TIMEOUT = 'UPSTREAM_TIMEOUT',
  UPSTREAM_RATE_LIMITED = 'UPSTREAM_RATE_LIMITED',
  INTERNAL = 'INTERNAL',
}
