// The intake benchmark's event mix: 85% new events, 10% duplicates of an earlier one, 5% out of order (older than what was applied).

/** What one planned delivery is. */
export type IntakeKind = 'new' | 'duplicate' | 'stale';

/** One planned delivery; a duplicate names the index of the new event it repeats. */
export type PlannedDelivery = { kind: 'new' } | { kind: 'stale' } | { kind: 'duplicate'; of: number };

/** How far back a duplicate reaches, so its original was answered long before. */
export const DUPLICATE_DISTANCE = 100;

/**
 * Plans `count` deliveries: in every 20, positions 5 and 15 are duplicates
 * (10%), position 10 is out of order (5%), the rest are new. A duplicate
 * repeats the nearest new event at least {@link DUPLICATE_DISTANCE} earlier;
 * before there is one, the slot is a new event instead.
 */
export function planIntake(count: number): PlannedDelivery[] {
  const plan: PlannedDelivery[] = [];
  for (let index = 0; index < count; index += 1) {
    const slot = index % 20;
    if (slot === 10 && index >= DUPLICATE_DISTANCE) {
      plan.push({ kind: 'stale' });
      continue;
    }
    if (slot === 5 || slot === 15) {
      let of = index - DUPLICATE_DISTANCE;
      while (of >= 0 && plan[of]?.kind !== 'new') of -= 1;
      if (of >= 0) {
        plan.push({ kind: 'duplicate', of });
        continue;
      }
    }
    plan.push({ kind: 'new' });
  }
  return plan;
}
