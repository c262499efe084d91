// Mints development tokens (`npm run token -- --role customer --customer <id>`): HS256 with AUTH_JWT_SECRET.
import { SignJWT } from 'jose';

/** Claims of a token this gateway accepts. */
export interface TokenClaims {
  sub: string;
  role: 'admin' | 'customer' | string;
  customerId?: string;
}

/** Signs `claims` with `secret`, expiring after `expiresIn` (jose syntax, e.g. `1h`). */
export async function mintToken(secret: string, claims: TokenClaims, expiresIn: string | number = '1h'): Promise<string> {
  return new SignJWT({ role: claims.role, ...(claims.customerId === undefined ? {} : { customerId: claims.customerId }) })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(claims.sub)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(new TextEncoder().encode(secret));
}
