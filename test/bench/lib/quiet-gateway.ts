// Starts `node dist/src/main.js` for a load benchmark: LOG_LEVEL=warn unless told otherwise (no line per operation to pipe and parse), on a port chosen here, ready once /healthz answers.
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

import { repositoryRoot } from './autocannon';
import { BenchmarkError } from './validate';

/** A gateway child process. */
export interface QuietGateway {
  url: string;
  /** Log lines it wrote at `error` level (or above), and the first few messages. */
  errors(): { count: number; samples: string[] };
  /** SIGTERM, then waits for the exit (SIGKILL after 15 s). */
  stop(): Promise<void>;
}

/**
 * Starts a gateway with `env` (and only PATH from this environment) and
 * resolves once `/healthz` answers 200. Its log lines are read here, not
 * shown: lines at `error` level and above are counted (see `errors()`), and
 * what is not JSON goes to this process's stderr.
 *
 * @throws BenchmarkError when it exits or is not healthy within 30 s.
 */
export async function startQuietGateway(env: Record<string, string>): Promise<QuietGateway> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [join(repositoryRoot(), 'dist', 'src', 'main.js')], {
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let count = 0;
  const samples: string[] = [];
  let buffered = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    buffered += chunk.toString('utf8');
    let newline = buffered.indexOf('\n');
    while (newline >= 0) {
      const line = buffered.slice(0, newline);
      buffered = buffered.slice(newline + 1);
      newline = buffered.indexOf('\n');
      let entry: { level?: unknown; msg?: unknown; err?: { message?: unknown } };
      try {
        entry = JSON.parse(line) as typeof entry;
      } catch {
        process.stderr.write(`${line}\n`);
        continue;
      }
      if (entry.level !== 'error' && entry.level !== 'fatal') continue;
      count += 1;
      if (samples.length < 3) samples.push(`${String(entry.msg)}: ${String(entry.err?.message ?? '')}`);
    }
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new BenchmarkError(`gateway on port ${port} exited before it was healthy`);
    const healthy = await fetch(`${url}/healthz`).then((response) => response.ok, () => false);
    if (healthy) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new BenchmarkError(`gateway on port ${port} not healthy within 30 s`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    errors: () => ({ count, samples: [...samples] }),
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

// Private: a free TCP port on loopback.
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
