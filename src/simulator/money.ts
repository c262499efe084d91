// Money arithmetic in integer minor units, so sums of seeded amounts add up exactly.

// Zero-decimal currencies among those the seed uses; everything else has cents.
const ZERO_DECIMAL = new Set(['JPY', 'KRW']);

/** Decimal places of a currency's minor unit (JPY 0, USD 2). */
export function fractionDigits(currency: string): number {
  return ZERO_DECIMAL.has(currency) ? 0 : 2;
}

/** Minor units (cents) to the major-unit number upstream sends (`2701` → `27.01`). */
export function toMajor(minor: number, currency: string): number {
  const factor = 10 ** fractionDigits(currency);
  return Math.round(minor) / factor;
}

/** A major-unit amount to integer minor units (`27.01` → `2701`), rounding away float noise. */
export function toMinor(major: number, currency: string): number {
  return Math.round(major * 10 ** fractionDigits(currency));
}

/**
 * The minor amount for units `[fromUnit, fromUnit + units)` of a line worth `totalMinor`
 * over `quantity` units, by cumulative rounding: the pieces for units 0..q always sum
 * to exactly `totalMinor`, whatever order or grouping they are taken in.
 */
export function unitsShareMinor(totalMinor: number, quantity: number, fromUnit: number, units: number): number {
  if (quantity <= 0) return 0;
  const upTo = (n: number): number => Math.round((totalMinor * n) / quantity);
  return upTo(fromUnit + units) - upTo(fromUnit);
}

/**
 * Splits `totalMinor` across parts in proportion to `weights`, putting the rounding
 * on the last part, so the parts sum to exactly `totalMinor`.
 */
export function splitByWeights(totalMinor: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum <= 0) return weights.map((_w, i) => (i === weights.length - 1 ? totalMinor : 0));
  let given = 0;
  return weights.map((w, i) => {
    if (i === weights.length - 1) return totalMinor - given;
    const part = Math.round((totalMinor * w) / sum);
    given += part;
    return part;
  });
}
