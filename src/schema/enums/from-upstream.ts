// Maps upstream lower_snake_case states onto the contract's UPPER_SNAKE_CASE enums, UNKNOWN for anything new.

/** Receives each unknown upstream value once per enum, so it can be logged once. */
export type UnknownValueListener = (enumName: string, value: string) => void;

let listener: UnknownValueListener = () => undefined;
const reported = new Set<string>();

/** Sets where unknown values are reported (the gateway points it at its logger at start). */
export function onUnknownEnumValue(next: UnknownValueListener): void {
  listener = next;
}

/**
 * Returns the enum value for an upstream state (`pending_payment` →
 * `PENDING_PAYMENT`), or `UNKNOWN` when the contract does not know it; an
 * unknown value is reported once per enum and value, never thrown.
 */
export function fromUpstream<E extends Record<string, string>>(enumName: string, values: E, raw: string | undefined): E[keyof E] {
  const key = (raw ?? '').toUpperCase();
  if (key !== 'UNKNOWN' && Object.prototype.hasOwnProperty.call(values, key)) return values[key] as E[keyof E];
  const reportKey = `${enumName}:${raw ?? ''}`;
  if (!reported.has(reportKey)) {
    reported.add(reportKey);
    listener(enumName, raw ?? '<missing>');
  }
  return values.UNKNOWN as E[keyof E];
}

/** The upstream spelling of an enum value (`PENDING_PAYMENT` → `pending_payment`), for filters. */
export function toUpstream(value: string): string {
  return value.toLowerCase();
}
