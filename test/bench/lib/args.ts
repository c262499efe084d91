// Reads the command line of `npm run bench` (`--quick` for the CI-sized run).

/** How big a run is. */
export interface BenchOptions {
  /** The reduced run for CI: small durations and counts, under two minutes in all. */
  quick: boolean;
}

/**
 * Parses `argv` (without the node and script entries).
 *
 * @throws Error for an unknown argument, so a typo never silently runs the full suite.
 */
export function parseBenchArgs(argv: readonly string[]): BenchOptions {
  let quick = false;
  for (const arg of argv) {
    if (arg === '--quick') quick = true;
    else throw new Error(`unknown argument ${JSON.stringify(arg)}; the only option is --quick`);
  }
  return { quick };
}
