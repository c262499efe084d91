// Finds where two JSON values first differ, so a mismatch between servers names its path.

/**
 * The path of the first difference between two JSON values (`$.orders.nodes[3].state`),
 * or `undefined` when they are equal. Object key order is ignored.
 */
export function firstDifference(left: unknown, right: unknown, path = '$'): string | undefined {
  if (Object.is(left, right)) return undefined;
  if (Array.isArray(left) || Array.isArray(right)) {
    if (!Array.isArray(left) || !Array.isArray(right)) return `${path} (array vs ${Array.isArray(left) ? typeof right : typeof left})`;
    if (left.length !== right.length) return `${path} (length ${left.length} vs ${right.length})`;
    for (let index = 0; index < left.length; index += 1) {
      const found = firstDifference(left[index], right[index], `${path}[${index}]`);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (typeof left === 'object' && left !== null && typeof right === 'object' && right !== null) {
    const a = left as Record<string, unknown>;
    const b = right as Record<string, unknown>;
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const found = firstDifference(a[key], b[key], `${path}.${key}`);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  return `${path} (${JSON.stringify(left)} vs ${JSON.stringify(right)})`;
}
