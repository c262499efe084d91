// GraphQL errors with a typed extensions.code, one class per failure kind a client can see.
import { GraphQLError } from 'graphql';

import { ErrorCode } from './codes';

/** Base class: a GraphQLError whose `extensions.code` is one of {@link ErrorCode}. */
export class GatewayGraphQLError extends GraphQLError {
  constructor(message: string, readonly code: ErrorCode, extensions: Record<string, unknown> = {}) {
    super(message, { extensions: { ...extensions, code } });
  }
}

/** The object does not exist, or the caller may not see it (both read the same). */
export class NotFoundError extends GatewayGraphQLError {
  constructor(kind: string, id: string) {
    super(`${kind} '${id}' was not found`, ErrorCode.NOT_FOUND);
  }
}

/** An argument the client sent is invalid; `argument` names it. */
export class BadUserInputError extends GatewayGraphQLError {
  constructor(message: string, argument?: string) {
    super(message, ErrorCode.BAD_USER_INPUT, argument === undefined ? {} : { argument });
  }
}

/** A subscription's afterEventId is not held (expired or never seen) or names an event the caller may not see. */
export class EventCursorExpiredError extends GatewayGraphQLError {
  constructor() {
    super('afterEventId is no longer held or was never seen: re-read with a query, then subscribe again without it', ErrorCode.EVENT_CURSOR_EXPIRED);
  }
}
