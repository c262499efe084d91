// Runs autocannon as its own process (`node_modules/.bin/autocannon --json`) and checks its JSON result.
import { execFile } from 'node:child_process';
import { join } from 'node:path';

import { isRecord, numberField } from './ipc-protocol';
import type { PageRequest } from './order-page';
import { BenchmarkError, requirePositive } from './validate';

/** Load shape: fixed connections for a fixed time (or a fixed number of requests). */
export interface LoadOptions {
  connections: number;
  durationSeconds: number;
  /** Send exactly this many requests instead of running for `durationSeconds` (warm-ups). */
  amount?: number;
  /** CPU list for `taskset -c`; unset runs unpinned. */
  cpus?: string;
}

/** What one run measured. */
export interface LoadResult {
  /** 2xx responses in all. */
  requests: number;
  /** Requests sent, those still unanswered when the run ended included. */
  sent: number;
  requestsPerSecond: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  /** The command line, for the report. */
  command: string;
}

/** The repository root, from `test/bench/lib` or `dist/test/bench/lib`. */
export function repositoryRoot(): string {
  const parts = __dirname.split(/[\\/]/);
  const distAt = parts.lastIndexOf('dist');
  return distAt >= 0 ? parts.slice(0, distAt).join('/') : join(__dirname, '..', '..', '..');
}

/** autocannon's arguments for `request`. */
export function autocannonArgs(request: PageRequest, options: LoadOptions): string[] {
  const length = options.amount === undefined ? ['-d', String(options.durationSeconds)] : ['-a', String(options.amount)];
  const args = ['--json', '-n', '-c', String(options.connections), ...length, '-m', request.method];
  for (const [name, value] of Object.entries(request.headers)) args.push('-H', `${name}=${value}`);
  if (request.body !== undefined) args.push('-b', request.body);
  args.push(request.url);
  return args;
}

/**
 * Runs the load and returns its figures.
 *
 * @throws BenchmarkError when autocannon fails, or reports any error, timeout or non-2xx answer, or no request at all.
 */
export async function runLoad(request: PageRequest, options: LoadOptions): Promise<LoadResult> {
  const binary = join(repositoryRoot(), 'node_modules', '.bin', 'autocannon');
  const args = autocannonArgs(request, options);
  const [file, fileArgs] = options.cpus === undefined ? [binary, args] : ['taskset', ['-c', options.cpus, binary, ...args]];
  const stdout = await new Promise<string>((resolve, reject) => {
    execFile(file, fileArgs, { maxBuffer: 64 * 1024 * 1024, timeout: (options.durationSeconds + 120) * 1000 }, (error, out, err) => {
      if (error !== null) reject(new BenchmarkError(`autocannon failed: ${error.message} ${err.slice(0, 500)}`));
      else resolve(out);
    });
  });
  const result: unknown = JSON.parse(stdout);
  if (!isRecord(result)) throw new BenchmarkError('autocannon printed no JSON object');
  const errors = numberField(result, 'errors');
  const timeouts = numberField(result, 'timeouts');
  const non2xx = numberField(result, 'non2xx');
  if (errors + timeouts + non2xx > 0) {
    throw new BenchmarkError(`autocannon against ${request.url}: ${errors} errors, ${timeouts} timeouts, ${non2xx} non-2xx answers`);
  }
  const requests = numberField(result['requests'], 'total');
  const ok = numberField(result, '2xx');
  if (ok !== requests) throw new BenchmarkError(`autocannon against ${request.url}: ${ok} 2xx of ${requests} requests`);
  const shown = (value: string): string => (/^[\w./:=?&-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`);
  return {
    requests: requirePositive(requests, 'requests'),
    sent: requirePositive(numberField(result['requests'], 'sent'), 'requests sent'),
    requestsPerSecond: requirePositive(requests / numberField(result, 'duration'), 'requests per second'),
    latencyP50Ms: requirePositive(numberField(result['latency'], 'p50'), 'latency p50'),
    latencyP99Ms: requirePositive(numberField(result['latency'], 'p99'), 'latency p99'),
    command: ['autocannon', ...args.map((arg) => (arg.length > 80 ? '<order-page body>' : shown(arg)))].join(' '),
  };
}
