// Maps each upstream object at most once, however many paths of the graph reach it.

/**
 * Wraps a mapper so the same upstream object (by identity) always yields the
 * same mapped object. Upstream objects live in per-request loaders, so the
 * WeakMap never carries anything across requests longer than they live.
 */
export function memoByObject<Raw extends object, Mapped>(mapper: (raw: Raw) => Mapped): (raw: Raw) => Mapped {
  const cache = new WeakMap<Raw, Mapped>();
  return (raw) => {
    let mapped = cache.get(raw);
    if (mapped === undefined) {
      mapped = mapper(raw);
      cache.set(raw, mapped);
    }
    return mapped;
  };
}
