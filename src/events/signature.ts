// Verifies the DigitalRiver-Signature header: HMAC-SHA256 over "<t>.<raw body>", any configured secret, within tolerance.
import { createHmac, timingSafeEqual } from 'node:crypto';

/** Why a signature was refused; every case answers 401. */
export type SignatureVerdict =
  | { ok: true; timestamp: number }
  | { ok: false; reason: 'missing' | 'malformed' | 'expired' | 'mismatch' | 'no-secret' };

/** Settings of {@link verifySignature}. */
export interface SignatureOptions {
  /** Every active signing secret (rotation: old and new both valid). */
  secrets: readonly string[];
  /** Max distance of `t` from now, in seconds. */
  toleranceSeconds: number;
  /** Current time in ms; injectable for tests. */
  now?: number;
}

/**
 * Checks `header` (`t=<unix seconds>,v0=<hex>[,v0=<hex>…]`) against the raw
 * body bytes. One `v0` matching one secret suffices; comparisons are
 * timing-safe.
 */
export function verifySignature(header: string | undefined, rawBody: Buffer, options: SignatureOptions): SignatureVerdict {
  if (options.secrets.length === 0) return { ok: false, reason: 'no-secret' };
  if (header === undefined || header.trim() === '') return { ok: false, reason: 'missing' };
  let timestamp: number | undefined;
  const signatures: Buffer[] = [];
  for (const part of header.split(',')) {
    const separator = part.indexOf('=');
    if (separator === -1) continue;
    const key = part.slice(0, separator).trim();
    const value = part.slice(separator + 1).trim();
    if (key === 't' && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    else if (key === 'v0' && /^[0-9a-fA-F]{64}$/.test(value)) signatures.push(Buffer.from(value, 'hex'));
  }
  if (timestamp === undefined || signatures.length === 0) return { ok: false, reason: 'malformed' };
  const nowSeconds = (options.now ?? Date.now()) / 1000;
  if (Math.abs(nowSeconds - timestamp) > options.toleranceSeconds) return { ok: false, reason: 'expired' };
  const prefix = Buffer.from(`${timestamp}.`, 'utf8');
  for (const secret of options.secrets) {
    const expected = createHmac('sha256', secret).update(prefix).update(rawBody).digest();
    if (signatures.some((candidate) => timingSafeEqual(candidate, expected))) return { ok: true, timestamp };
  }
  return { ok: false, reason: 'mismatch' };
}
