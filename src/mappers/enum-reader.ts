// Reads upstream states into the contract's enums without allocating per read: each distinct upstream spelling is converted once and remembered.
import { fromUpstream } from '../schema/enums/from-upstream';

/** Spellings remembered per enum: upstream states form a short closed list; past this, values are converted on every read. */
const MAX_SPELLINGS = 64;

/**
 * A reader for one enum with {@link fromUpstream}'s meaning (unknown values
 * read as UNKNOWN and are reported once), minus its cost per read: it upper-
 * cases the value, a new string every time, and an order page reads about a
 * thousand states.
 */
export function enumReader<E extends Record<string, string>>(enumName: string, values: E): (raw: string | undefined) => E[keyof E] {
  const known = new Map<string, E[keyof E]>();
  return (raw) => {
    if (raw === undefined) return fromUpstream(enumName, values, raw);
    let value = known.get(raw);
    if (value === undefined) {
      value = fromUpstream(enumName, values, raw);
      if (known.size < MAX_SPELLINGS) known.set(raw, value);
    }
    return value;
  };
}
