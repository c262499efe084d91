// Renders result tables and numbers for BENCHMARKS.md.

/** A Markdown table; every row must have as many cells as the header. */
export function table(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  for (const row of rows) {
    if (row.length !== header.length) throw new Error(`table row has ${row.length} cells, header has ${header.length}`);
  }
  const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** A number with `digits` decimals and thousands separators. */
export function num(value: number, digits = 0): string {
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** A ratio such as `0.82×`. */
export function ratio(value: number, digits = 2): string {
  return `${num(value, digits)}×`;
}

/** `met` / `missed` against a target. */
export function verdict(met: boolean): string {
  return met ? '**met**' : '**missed**';
}
