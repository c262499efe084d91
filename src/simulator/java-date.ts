// Renders an ISO instant as the serialised Java OffsetDateTime object of seed 002 (§14 #1).

import type { JavaOffsetDateTime } from './wire-types';

const DAYS = ['SUNDAY', 'MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY'] as const;
const MONTHS = [
  'JANUARY', 'FEBRUARY', 'MARCH', 'APRIL', 'MAY', 'JUNE',
  'JULY', 'AUGUST', 'SEPTEMBER', 'OCTOBER', 'NOVEMBER', 'DECEMBER',
] as const;

/**
 * The Java-style date object for a UTC instant, with the same fields and key order
 * as upstream's example: `2018-04-25T20:36:00Z` gives year 2018, monthValue 4,
 * dayOfMonth 25, dayOfWeek `WEDNESDAY`, dayOfYear 115, month `APRIL`.
 *
 * @throws RangeError when `iso` is not a parseable instant.
 */
export function toJavaOffsetDateTime(iso: string): JavaOffsetDateTime {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new RangeError(`toJavaOffsetDateTime expects an ISO-8601 instant, got ${JSON.stringify(iso)}`);
  const d = new Date(ms);
  const startOfYear = Date.UTC(d.getUTCFullYear(), 0, 1);
  const dayOfYear = Math.floor((Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) - startOfYear) / 86_400_000) + 1;
  return {
    offset: {
      totalSeconds: 0,
      id: 'Z',
      rules: { fixedOffset: true, transitions: [], transitionRules: [] },
    },
    nano: d.getUTCMilliseconds() * 1_000_000,
    year: d.getUTCFullYear(),
    monthValue: d.getUTCMonth() + 1,
    dayOfMonth: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    dayOfWeek: DAYS[d.getUTCDay()] ?? 'MONDAY',
    dayOfYear,
    month: MONTHS[d.getUTCMonth()] ?? 'JANUARY',
  };
}
