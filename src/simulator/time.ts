// Time helpers: upstream's whole-second and microsecond timestamp forms, and a sort key for both.

/** An instant as upstream writes resource times: ISO-8601 UTC, whole seconds, `Z` (`2022-07-01T18:30:44Z`). */
export function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/**
 * An instant as upstream writes event times: six fractional digits (`2022-03-02T16:52:01.180061Z`).
 * `micros` (0–999) refines the millisecond, since JavaScript clocks stop at milliseconds.
 */
export function isoMicros(ms: number, micros: number): string {
  const base = new Date(ms).toISOString(); // …SS.mmmZ
  return `${base.slice(0, 23)}${String(micros % 1000).padStart(3, '0')}Z`;
}

/**
 * A string that sorts like the instant, whatever the precision of the ISO text:
 * `…44Z`, `…44.622Z` and `…44.180061Z` become `…44.000000`, `…44.622000`, `…44.180061`.
 * Plain string comparison of the raw forms would put `…44Z` after `…44.5Z`.
 */
export function timeSortKey(iso: string): string {
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d+))?Z$/.exec(iso);
  if (match === null) return iso;
  const fraction = (match[2] ?? '').padEnd(9, '0').slice(0, 9);
  return `${match[1] ?? ''}.${fraction}`;
}

/** One minute in milliseconds. */
export const MINUTE = 60_000;
/** One hour in milliseconds. */
export const HOUR = 60 * MINUTE;
/** One day in milliseconds. */
export const DAY = 24 * HOUR;
