// Wire-to-contract value rules the hand-written REST endpoint and the naive gateway share: ids, counts, enums, times, cursors.

/** An upstream id (sometimes a number) as a string. */
export function idOf(value: unknown): string {
  return typeof value === 'number' ? String(value) : String(value ?? '');
}

/** An optional id as a string, or null. */
export function optionalIdOf(value: unknown): string | null {
  return value === undefined || value === null ? null : idOf(value);
}

/** A count that may arrive as a numeric string; 0 when absent. */
export function countOf(value: unknown): number {
  if (typeof value === 'number') return Number.isFinite(value) ? Math.trunc(value) : 0;
  if (typeof value === 'string' && /^-?\d+$/.test(value.trim())) return Number(value.trim());
  return 0;
}

/** A lower_snake_case upstream state as the contract's UPPER_SNAKE_CASE value, `UNKNOWN` outside `known`. */
export function enumOf(raw: unknown, known: ReadonlySet<string>): string {
  const value = typeof raw === 'string' ? raw.toUpperCase() : '';
  return known.has(value) ? value : 'UNKNOWN';
}

/** The contract's enums on the order page. */
export const ORDER_STATES: ReadonlySet<string> = new Set(['PENDING_PAYMENT', 'IN_REVIEW', 'ACCEPTED', 'BLOCKED', 'CANCELLED', 'FULFILLED', 'COMPLETE', 'RETURNED', 'DISPUTE']);
export const FULFILLMENT_ORDER_STATES: ReadonlySet<string> = new Set(['PENDING', 'SHIPPED', 'CANCELLED']);
export const FULFILLMENT_ORDER_ITEM_STATES: ReadonlySet<string> = new Set(['PENDING', 'BACKORDERED', 'SHIPPED', 'CANCELLED']);
export const CANCELLATION_STATES: ReadonlySet<string> = new Set(['PENDING', 'ACCEPTED', 'REJECTED']);

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;

/**
 * An upstream time as ISO-8601 UTC: ISO strings (kept when already UTC) or the
 * Java OffsetDateTime object some cancellations carry; null when unreadable.
 */
export function isoTimeOf(value: unknown): string | null {
  if (typeof value === 'string') {
    if (ISO_UTC.test(value)) return value;
    const parsed = new Date(value);
    return Number.isNaN(parsed.getTime()) || !/^\d{4}-\d{2}-\d{2}T/.test(value) ? null : parsed.toISOString();
  }
  if (typeof value !== 'object' || value === null) return null;
  const java = value as Record<string, unknown>;
  const part = (key: string): number => (typeof java[key] === 'number' ? (java[key] as number) : 0);
  if (![java['year'], java['monthValue'], java['dayOfMonth']].every((v) => Number.isInteger(v))) return null;
  const offset = typeof java['offset'] === 'object' && java['offset'] !== null ? (java['offset'] as Record<string, unknown>) : {};
  const offsetSeconds = typeof offset['totalSeconds'] === 'number' ? offset['totalSeconds'] : 0;
  const local = Date.UTC(part('year'), part('monthValue') - 1, part('dayOfMonth'), part('hour'), part('minute'), part('second'), Math.floor(part('nano') / 1e6));
  const utc = new Date(local - offsetSeconds * 1000);
  return Number.isNaN(utc.getTime()) ? null : utc.toISOString().replace('.000Z', 'Z');
}

/** The contract's opaque cursor of an object id (`base64url("v1:" + id)`). */
export function cursorOf(id: string): string {
  return Buffer.from(`v1:${id}`, 'utf8').toString('base64url');
}

/** A plain JSON object, or an empty one. */
export function recordOf(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** An array of JSON objects (non-objects dropped), or an empty array. */
export function recordsOf(value: unknown): Array<Record<string, unknown>> {
  return Array.isArray(value) ? value.filter((item): item is Record<string, unknown> => typeof item === 'object' && item !== null && !Array.isArray(item)) : [];
}
