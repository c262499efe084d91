// Reads the command line of `npm run bench` (`--quick` for the CI-sized run, `--only` to run some sections while working on them).

/** How big a run is and which sections it holds. */
export interface BenchOptions {
  /** The reduced run for CI: small durations and counts, under two minutes in all. */
  quick: boolean;
  /** Section keys to run (`1`, `2`, `3`, `3b`, `4`, `5`, `6`, `7a`, `7b`); undefined runs them all. */
  only: ReadonlySet<string> | undefined;
}

const SECTION_KEYS = new Set(['1', '2', '3', '3b', '4', '5', '6', '7a', '7b', '8']);

/**
 * Parses `argv` (without the node and script entries).
 *
 * @throws Error for an unknown argument or section, so a typo never silently runs the wrong thing.
 */
export function parseBenchArgs(argv: readonly string[]): BenchOptions {
  let quick = false;
  let only: Set<string> | undefined;
  for (const arg of argv) {
    if (arg === '--quick') {
      quick = true;
    } else if (arg.startsWith('--only=')) {
      only = new Set(arg.slice('--only='.length).split(',').map((key) => key.trim()));
      const unknown = [...only].filter((key) => !SECTION_KEYS.has(key));
      if (unknown.length > 0 || only.size === 0) throw new Error(`--only takes section keys among ${[...SECTION_KEYS].join(', ')}; got ${JSON.stringify(arg)}`);
    } else {
      throw new Error(`unknown argument ${JSON.stringify(arg)}; the options are --quick and --only=<sections, e.g. 3,3b>`);
    }
  }
  return { quick, only };
}
