// Runs the real built entry points (dist/src/main.js, dist/src/simulator/main.js) as child processes, for multi-instance, crash and shutdown tests.
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
const SIMULATOR_MAIN = join(ROOT, 'dist', 'src', 'simulator', 'main.js');

/**
 * Builds dist/ with the project's own build (`npm run build`) when any source
 * file is newer than the built entry point (a fresh clone, or sources edited
 * since the last build). tsc emits even when it reports type errors; those are
 * printed, and only a build that left the entry point stale fails the calling test.
 */
export function ensureBuilt(): void {
  const builtAt = (): number => {
    try {
      return statSync(MAIN).mtimeMs;
    } catch {
      return 0;
    }
  };
  const newest = (directory: string): number => readdirSync(directory, { withFileTypes: true }).reduce((latest, entry) => {
    const path = join(directory, entry.name);
    return Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }, 0);
  const sources = newest(join(ROOT, 'src'));
  if (sources <= builtAt()) return;
  try {
    execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' });
  } catch (error) {
    if (builtAt() < sources) throw error;
  }
}

/** How a child process ended: an exit code, or the signal that killed it. */
export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** A built entry point running as a child process. */
export interface EntryProcess {
  url: string;
  child: ChildProcess;
  /** Every JSON log line it wrote to stdout. */
  logs: Array<Record<string, unknown>>;
  /** Resolves once the process has exited. */
  exited: Promise<ProcessExit>;
  /** Sends `signal` (default SIGTERM) and resolves with the exit and the milliseconds from the signal to the exit. */
  terminate(signal?: NodeJS.Signals): Promise<ProcessExit & { ms: number }>;
  /** SIGTERM and wait for the exit. */
  stop(): Promise<void>;
  /** SIGKILL: no chance to finish anything. */
  kill(): Promise<void>;
}

/** A gateway child process. */
export type GatewayProcess = EntryProcess;

const GATEWAY_DEFAULTS = { PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info' };
const gatewayUrl = (entry: Record<string, unknown>): string | undefined => (entry.msg === 'gateway listening' && typeof entry.url === 'string' ? entry.url : undefined);

/** Starts `node dist/src/main.js` with `env` and resolves once it listens. */
export function startGatewayProcess(env: Record<string, string>): Promise<GatewayProcess> {
  return startEntry(process.execPath, [MAIN], { ...GATEWAY_DEFAULTS, ...env }, gatewayUrl);
}

/**
 * Starts `npm start` as a terminal would: in a process group of its own, so
 * that `terminate` signals the whole group (npm, and whatever npm started)
 * like Ctrl-C does. Resolves once the gateway listens.
 */
export function startNpmStart(env: Record<string, string>): Promise<GatewayProcess> {
  return startEntry('npm', ['start', '--silent'], { ...GATEWAY_DEFAULTS, ...env }, gatewayUrl, { processGroup: true });
}

/** Starts `node dist/src/simulator/main.js` (`npm run simulator`) with `env` and resolves once it listens. */
export function startSimulatorProcess(env: Record<string, string> = {}): Promise<EntryProcess> {
  return startEntry(process.execPath, [SIMULATOR_MAIN], { SIMULATOR_PORT: '0', ...env }, (entry) => (entry.service === 'dr-simulator' && typeof entry.url === 'string' ? entry.url : undefined));
}

/** Whether any process of the group led by `pid` is still alive. */
export function processGroupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

// Private: spawns `command` and resolves once a stdout JSON line yields the URL it serves.
function startEntry(command: string, args: string[], env: Record<string, string>, listeningAt: (entry: Record<string, unknown>) => string | undefined, options: { processGroup?: boolean } = {}): Promise<EntryProcess> {
  const child = spawn(command, args, { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'], cwd: ROOT, detached: options.processGroup === true });
  const logs: Array<Record<string, unknown>> = [];
  const exited = new Promise<ProcessExit>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const running = (): boolean => child.exitCode === null && child.signalCode === null;
  const terminate = async (signal: NodeJS.Signals = 'SIGTERM'): Promise<ProcessExit & { ms: number }> => {
    const sent = performance.now();
    if (running()) {
      if (options.processGroup === true && child.pid !== undefined) process.kill(-child.pid, signal);
      else child.kill(signal);
    }
    const exit = await exited;
    return { ...exit, ms: Math.round(performance.now() - sent) };
  };
  return new Promise((resolve, reject) => {
    let buffered = '';
    let stderr = '';
    let other = '';
    child.stderr?.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    child.stdout?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      let newline = buffered.indexOf('\n');
      while (newline !== -1) {
        const line = buffered.slice(0, newline);
        buffered = buffered.slice(newline + 1);
        newline = buffered.indexOf('\n');
        let entry: Record<string, unknown>;
        try {
          entry = JSON.parse(line) as Record<string, unknown>;
        } catch {
          other += `${line}\n`; // not a log line: build output, for the error below
          continue;
        }
        logs.push(entry);
        const url = listeningAt(entry);
        if (url !== undefined) {
          resolve({
            url,
            child,
            logs,
            exited,
            terminate,
            async stop() {
              await terminate('SIGTERM');
            },
            async kill() {
              await terminate('SIGKILL');
            },
          });
        }
      }
    });
    child.once('exit', (code) => reject(new Error(`${[command, ...args].join(' ')} exited with ${code} before listening: ${stderr}${other}`)));
  });
}
