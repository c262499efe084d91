// Token factories for tests: admin, customer, expired, forged and wrong-role tokens.
import { SignJWT } from 'jose';

import { mintToken } from '../../src/auth/mint-token';

export const TEST_JWT_SECRET = 'test-jwt-secret-that-is-long-enough-for-hs256';

export const adminToken = (): Promise<string> => mintToken(TEST_JWT_SECRET, { sub: 'ops-1', role: 'admin' });
export const customerToken = (customerId: string): Promise<string> => mintToken(TEST_JWT_SECRET, { sub: `user-${customerId}`, role: 'customer', customerId });
export const expiredToken = (): Promise<string> => mintToken(TEST_JWT_SECRET, { sub: 'ops-1', role: 'admin' }, Math.floor(Date.now() / 1000) - 60);
export const forgedToken = (): Promise<string> => mintToken('another-secret-entirely-another-secret', { sub: 'ops-1', role: 'admin' });
export const wrongRoleToken = (): Promise<string> => mintToken(TEST_JWT_SECRET, { sub: 'support-1', role: 'support' });
export const customerWithoutIdToken = (): Promise<string> => mintToken(TEST_JWT_SECRET, { sub: 'user-x', role: 'customer' });
/** A token without exp: refused, since every token must expire. */
export const noExpiryToken = (): Promise<string> => new SignJWT({ role: 'admin' }).setProtectedHeader({ alg: 'HS256' }).setSubject('ops-1')
  .sign(new TextEncoder().encode(TEST_JWT_SECRET));

export const bearer = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` });
