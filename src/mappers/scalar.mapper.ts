// Upstream scalars to GraphQL ones: times (ISO strings of any precision, or seed 002's Java OffsetDateTime object) to ISO-8601 UTC, ids to strings, counts to integers.
import { normaliseIsoDateTime } from '../schema/scalars/date-time.scalar';
import type { UpstreamDateTime, UpstreamJavaDateTime } from '../upstream/types';

/**
 * Returns the time as ISO-8601 UTC, or `null` when absent or unreadable.
 * `2018-04-25T20:36:00Z` is what the Java object of seed 002 becomes.
 */
export function toIsoDateTime(value: UpstreamDateTime | null | undefined): string | null {
  if (value == null) return null;
  if (typeof value === 'string') return normaliseIsoDateTime(value) ?? null;
  if (typeof value === 'object') return fromJavaDateTime(value);
  return null;
}

function fromJavaDateTime(value: UpstreamJavaDateTime): string | null {
  const { year, monthValue, dayOfMonth } = value;
  if (![year, monthValue, dayOfMonth].every((part) => Number.isInteger(part))) return null;
  const nano = Number.isInteger(value.nano) ? (value.nano as number) : 0;
  const localMillis = Date.UTC(year, monthValue - 1, dayOfMonth, value.hour ?? 0, value.minute ?? 0, value.second ?? 0, Math.floor(nano / 1e6));
  const offsetSeconds = value.offset?.totalSeconds ?? 0;
  const utc = new Date(localMillis - offsetSeconds * 1000);
  return Number.isNaN(utc.getTime()) ? null : utc.toISOString().replace('.000Z', 'Z');
}

/** An id that upstream may send as a number (quirk 8), as a string; never parsed. */
export function toId(value: string | number): string {
  return typeof value === 'string' ? value : String(value);
}

/** True when an upstream id, a string or a number (quirk 8), is `id`. */
export function sameId(value: string | number, id: string): boolean {
  return typeof value === 'string' ? value === id : String(value) === id;
}

/** As {@link toId}, for optional ids. */
export function toOptionalId(value: string | number | null | undefined): string | null {
  return value == null ? null : toId(value);
}

/** A count upstream may send as a numeric string (quirk 9); 0 when absent. */
export function toCount(value: number | string | null | undefined): number {
  if (typeof value === 'number') return Number.isFinite(value) ? Math.trunc(value) : 0;
  if (typeof value === 'string' && /^-?\d+$/.test(value.trim())) return Number(value.trim());
  return 0;
}
