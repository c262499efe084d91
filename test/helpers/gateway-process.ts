// Runs the real entry point (dist/src/main.js) as a child process, for multi-instance and crash tests.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The project root: the nearest folder up with package.json (this file runs from test/ and from dist/test/). */
const ROOT = (() => {
  let directory = __dirname;
  while (!existsSync(join(directory, 'package.json')) && dirname(directory) !== directory) directory = dirname(directory);
  return directory;
})();
const MAIN = join(ROOT, 'dist', 'src', 'main.js');

/** Builds dist/ when any source file is newer than the built entry point. */
export function ensureBuilt(): void {
  const builtAt = (() => {
    try {
      return statSync(MAIN).mtimeMs;
    } catch {
      return 0;
    }
  })();
  const newest = (directory: string): number => readdirSync(directory, { withFileTypes: true }).reduce((latest, entry) => {
    const path = join(directory, entry.name);
    return Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }, 0);
  if (newest(join(ROOT, 'src')) > builtAt) execFileSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(ROOT, 'tsconfig.json')], { stdio: 'inherit' });
}

/** A gateway child process. */
export interface GatewayProcess {
  url: string;
  child: ChildProcess;
  /** Every JSON log line it wrote. */
  logs: Array<Record<string, unknown>>;
  /** SIGTERM and wait for the exit. */
  stop(): Promise<void>;
  /** SIGKILL: no chance to finish anything. */
  kill(): Promise<void>;
}

/** Starts `node dist/src/main.js` with `env` and resolves once it listens. */
export function startGatewayProcess(env: Record<string, string>): Promise<GatewayProcess> {
  const child = spawn(process.execPath, [MAIN], {
    env: { PATH: process.env.PATH ?? '', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Array<Record<string, unknown>> = [];
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    let buffered = '';
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    child.stdout?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      let newline = buffered.indexOf('\n');
      while (newline !== -1) {
        const line = buffered.slice(0, newline);
        buffered = buffered.slice(newline + 1);
        newline = buffered.indexOf('\n');
        try {
          const entry = JSON.parse(line) as Record<string, unknown>;
          logs.push(entry);
          if (entry.msg === 'gateway listening' && typeof entry.url === 'string') {
            resolve({
              url: entry.url,
              child,
              logs,
              async stop() {
                if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
                await exited;
              },
              async kill() {
                if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
                await exited;
              },
            });
          }
        } catch {
          // not a log line
        }
      }
    });
    child.once('exit', (code) => reject(new Error(`gateway process exited with ${code} before listening: ${stderr}`)));
  });
}
