// Who is calling, as a discriminated union, and the one scoping rule: a customer sees only their own orders.

/** The caller of one request or subscription. */
export type Viewer =
  | { readonly kind: 'admin'; readonly subject: string; readonly expiresAt?: number }
  | { readonly kind: 'customer'; readonly subject: string; readonly customerId: string; readonly expiresAt?: number };

/** The development viewer when AUTH_JWT_SECRET is unset. `expiresAt` (ms) is the token's `exp`. */
export const DEVELOPMENT_ADMIN: Viewer = Object.freeze({ kind: 'admin', subject: 'development-admin' });

/** True when the viewer may see an order owned by `customerId` (null: a guest order, admins only). */
export function canSeeOrder(viewer: Viewer, customerId: string | null | undefined): boolean {
  return viewer.kind === 'admin' || (customerId != null && customerId === viewer.customerId);
}

/** A key that is equal for viewers who see exactly the same data: loaders may be shared within it, never across. */
export function scopeKey(viewer: Viewer): string {
  return viewer.kind === 'admin' ? 'admin' : `customer:${viewer.customerId}`;
}
