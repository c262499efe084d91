// Signs webhook bodies: the one place that knows the DigitalRiver-Signature scheme.

import { createHmac } from 'node:crypto';

/** The header that carries the signature (§12.3). */
export const SIGNATURE_HEADER = 'DigitalRiver-Signature';

/**
 * The `DigitalRiver-Signature` value for one delivery attempt:
 * `t=<unix seconds>,v0=<hex>[,v0=<hex>…]`, one `v0=` per active secret, where each hex is
 * HMAC-SHA256(secret, `<t>.<raw body>`). Upstream does not publish its scheme (§12.3);
 * this is the one the gateway's runtime contract ("Webhooks in") verifies, and it lives
 * here alone so it can be swapped when the real format is known.
 *
 * @param rawBody exactly the bytes sent as the request body.
 * @param secrets the active signing secrets, in order (old and new during a rotation).
 * @param unixSeconds the attempt's timestamp; every attempt gets a fresh one (§12.2).
 */
export function signatureHeader(rawBody: string, secrets: readonly string[], unixSeconds: number): string {
  const signed = `${unixSeconds}.${rawBody}`;
  const signatures = secrets.map((secret) => `v0=${createHmac('sha256', secret).update(signed, 'utf8').digest('hex')}`);
  return [`t=${unixSeconds}`, ...signatures].join(',');
}
