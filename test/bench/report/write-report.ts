// Renders BENCHMARKS.md: how and where the run happened, then one section per benchmark.
import type { MachineInfo } from '../lib/machine';
import { num, table } from '../lib/markdown';

/** One benchmark's part of the report. */
export interface ReportSection {
  title: string;
  body: string;
}

/** Everything the report says about the run itself. */
export interface RunDescription {
  quick: boolean;
  machine: MachineInfo;
  startedAt: Date;
  seconds: number;
  /** Where each process ran, in words. */
  placement: string;
}

/** The whole Markdown document. */
export function renderReport(run: RunDescription, sections: readonly ReportSection[]): string {
  const { machine } = run;
  return [
    '# Benchmarks',
    '',
    run.quick
      ? '> Quick (CI smoke) run: small durations and counts. The full run (`npm run bench`) writes BENCHMARKS.md.'
      : '> Written by `npm run bench` (every number below comes from this one run). Do not edit by hand.',
    '',
    '## How to reproduce',
    '',
    '```sh',
    'npm ci',
    'npm run bench              # full run, writes BENCHMARKS.md',
    'npm run bench -- --quick   # CI smoke run (< 2 minutes): prints the same tables (and writes them to $TMPDIR/BENCHMARKS.quick.md)',
    '```',
    '',
    '`npm run bench` builds (`tsc`) and runs `node dist/test/bench/run.js`, which starts every server and client as its own',
    'child process (`child_process.spawn` with an IPC channel) on 127.0.0.1 and stops them all at the end. The sources are in',
    '`test/bench/`: `naive/` (the naive gateway), `rest/` (the hand-written endpoint), `servers/` and `clients/` (the child',
    'processes), `benchmarks/` (one file per benchmark). A benchmark fails the run (exit code 1, no BENCHMARKS.md written)',
    'on any error answer, failed upstream call, dropped or doubled push, or a number that is not a positive finite value.',
    '',
    '## Machine and run',
    '',
    table(['', ''], [
      ['date', run.startedAt.toISOString()],
      ['CPU', `${machine.cores} × ${machine.cpuModel}`],
      ['memory', `${num(machine.memoryGiB, 1)} GiB`],
      ['Node.js', machine.node],
      ['OS', machine.os],
      ['open-file limit (soft/hard)', machine.openFileLimit],
      ['mode', run.quick ? 'quick' : 'full'],
      ['run time', `${num(run.seconds)} s (build excluded)`],
      ['process placement', run.placement],
    ]),
    '',
    ...sections.flatMap((section) => [`## ${section.title}`, '', section.body, '']),
  ].join('\n');
}
