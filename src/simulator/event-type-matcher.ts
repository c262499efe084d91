// Matches event types against the patterns `GET /events?type=` and webhook `types` accept.

/**
 * A predicate for an event type pattern: an exact name, `*` for everything, or a
 * wildcard group where `order.*` matches every type under `order.` (`order.accepted`,
 * `order.charge.capture.complete`) but not `order` itself.
 */
export function typeMatcher(pattern: string): (type: string) => boolean {
  if (pattern === '*') return () => true;
  if (pattern.endsWith('.*')) {
    const prefix = pattern.slice(0, -1);
    return (type) => type.startsWith(prefix);
  }
  return (type) => type === pattern;
}

/** Whether any of the patterns matches the type. */
export function matchesAnyType(patterns: readonly string[], type: string): boolean {
  return patterns.some((pattern) => typeMatcher(pattern)(type));
}
