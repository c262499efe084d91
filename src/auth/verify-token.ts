// Turns an Authorization header into a Viewer: HS256 JWT (jose), exp honoured, roles admin and customer.
import { errors as joseErrors, jwtVerify } from 'jose';

import { ErrorCode } from '../errors/codes';
import { GatewayGraphQLError } from '../errors/graphql-errors';
import type { Viewer } from './viewer';

/** Missing, malformed, forged or expired credentials: HTTP 401. */
export class AuthenticationError extends GatewayGraphQLError {
  constructor(message: string) {
    super(message, ErrorCode.UNAUTHENTICATED, { http: { status: 401 } });
  }
}

/** A valid token whose claims do not allow any access (unknown role, customer without customerId): HTTP 403. */
export class ForbiddenError extends GatewayGraphQLError {
  constructor(message: string) {
    super(message, ErrorCode.FORBIDDEN, { http: { status: 403 } });
  }
}

/** A verifier bound to one secret. */
export type TokenVerifier = (authorization: string | undefined) => Promise<Viewer>;

/**
 * Creates the verifier for `secret`. Accepts only HS256, requires `sub` and
 * `exp`, and maps `role` (`admin` | `customer`, the latter with `customerId`)
 * to a Viewer. Never logs or echoes the token.
 */
export function createTokenVerifier(secret: string): TokenVerifier {
  const key = new TextEncoder().encode(secret);
  return async (authorization) => {
    if (authorization === undefined || authorization.trim() === '') {
      throw new AuthenticationError('an Authorization: Bearer <token> header is required');
    }
    const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    if (match === null) throw new AuthenticationError('the Authorization header must be "Bearer <token>"');
    let payload;
    try {
      ({ payload } = await jwtVerify(match[1] as string, key, { algorithms: ['HS256'], requiredClaims: ['sub', 'exp'] }));
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) throw new AuthenticationError('the token has expired');
      if (error instanceof joseErrors.JWTClaimValidationFailed) throw new AuthenticationError(`the token is missing or has an invalid "${error.claim}" claim`);
      throw new AuthenticationError('the token is not valid (bad signature, algorithm or format)');
    }
    const subject = payload.sub as string;
    const expiresAt = (payload.exp as number) * 1000;
    if (payload.role === 'admin') return { kind: 'admin', subject, expiresAt };
    if (payload.role === 'customer') {
      if (typeof payload.customerId !== 'string' || payload.customerId === '') {
        throw new ForbiddenError('a customer token must carry a customerId claim');
      }
      return { kind: 'customer', subject, customerId: payload.customerId, expiresAt };
    }
    throw new ForbiddenError(`role must be "admin" or "customer", got ${JSON.stringify(payload.role ?? null)}`);
  };
}
