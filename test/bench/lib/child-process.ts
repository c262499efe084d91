// Starts a compiled benchmark script as a child process with an IPC channel, and sends it commands.
import { type ChildProcess, spawn } from 'node:child_process';

import { asChildMessage, type CommandMessage } from './ipc-protocol';
import { BenchmarkError } from './validate';

/** How to start a child. */
export interface ChildOptions {
  /** A label for messages, e.g. `gateway`. */
  name: string;
  /** The compiled script, e.g. `dist/test/bench/servers/gateway-server.js`. */
  script: string;
  /** JSON-safe parameters, passed as one argument. */
  params?: unknown;
  /** Extra node flags, e.g. `--expose-gc` or `--cpu-prof`. */
  nodeFlags?: readonly string[];
  /** CPU list for `taskset -c` (e.g. `0`); unset runs unpinned. */
  cpus?: string;
  /** Variables added to this process's environment for the child, e.g. `NODE_ENV`. */
  env?: Record<string, string>;
  /** How long to wait for the `ready` message; default 60 s. */
  readyTimeoutMs?: number;
}

/** A running child. */
export interface ChildHandle {
  readonly name: string;
  readonly pid: number;
  /** What the child reported when ready (URLs and such). */
  readonly info: Record<string, unknown>;
  /**
   * Runs a command in the child and resolves with its result.
   *
   * @throws BenchmarkError when the child answers with an error, exits, or does not answer within `timeoutMs` (default 120 s).
   */
  command(command: string, params?: unknown, timeoutMs?: number): Promise<unknown>;
  /** Asks the child to stop, then waits for it to exit (killed by its pid after 10 s). */
  stop(): Promise<void>;
}

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

/**
 * Spawns `node [flags] script params` (under `taskset` when `cpus` is set),
 * with stdout and stderr inherited, and resolves once the child sent `ready`.
 *
 * @throws BenchmarkError when the child exits or stays silent before it is ready.
 */
export async function launchChild(options: ChildOptions): Promise<ChildHandle> {
  const nodeArgs = [...(options.nodeFlags ?? []), options.script, JSON.stringify(options.params ?? {})];
  const [file, args] = options.cpus === undefined
    ? [process.execPath, nodeArgs]
    : ['taskset', ['-c', options.cpus, process.execPath, ...nodeArgs]];
  const child: ChildProcess = spawn(file, args, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], env: { ...process.env, ...options.env } });
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let exited = false;

  const failAll = (reason: string): void => {
    for (const [id, entry] of pending) {
      clearTimeout(entry.timer);
      entry.reject(new BenchmarkError(`${options.name}: ${reason}`));
      pending.delete(id);
    }
  };
  const exitedPromise = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exited = true;
      failAll(`exited (code ${String(code)}, signal ${String(signal)}) with a command pending`);
      resolve();
    });
  });

  const info = await new Promise<Record<string, unknown>>((resolve, reject) => {
    const timer = setTimeout(() => reject(new BenchmarkError(`${options.name} was not ready within ${options.readyTimeoutMs ?? 60_000} ms`)), options.readyTimeoutMs ?? 60_000);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(new BenchmarkError(`${options.name} could not start: ${error.message}`));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new BenchmarkError(`${options.name} exited with code ${String(code)} before it was ready`));
    });
    child.on('message', (raw: unknown) => {
      const message = asChildMessage(raw);
      if (message === undefined) return;
      if (message.kind === 'ready') {
        clearTimeout(timer);
        resolve(message.info);
        return;
      }
      const entry = pending.get(message.id);
      if (entry === undefined) return;
      pending.delete(message.id);
      clearTimeout(entry.timer);
      if (message.ok) entry.resolve(message.result);
      else entry.reject(new BenchmarkError(`${options.name}: ${message.error}`));
    });
  }).catch((error: unknown) => {
    if (!exited && child.pid !== undefined) process.kill(child.pid, 'SIGKILL');
    throw error;
  });

  const pid = child.pid;
  if (pid === undefined) throw new BenchmarkError(`${options.name} has no pid`);

  return {
    name: options.name,
    pid,
    info,
    command(command, params, timeoutMs = 120_000) {
      if (exited) return Promise.reject(new BenchmarkError(`${options.name} has exited; cannot run ${command}`));
      const id = nextId;
      nextId += 1;
      return new Promise<unknown>((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(new BenchmarkError(`${options.name}: ${command} got no answer within ${timeoutMs} ms`));
        }, timeoutMs);
        pending.set(id, { resolve, reject, timer });
        const message: CommandMessage = { kind: 'command', id, command, params: params ?? null };
        child.send(message);
      });
    },
    async stop() {
      if (exited) return;
      const killer = setTimeout(() => {
        if (!exited) process.kill(pid, 'SIGKILL');
      }, 10_000);
      try {
        child.send({ kind: 'command', id: 0, command: 'stop', params: null } satisfies CommandMessage);
      } catch {
        // The channel is already closed: the exit below still happens.
      }
      await exitedPromise;
      clearTimeout(killer);
    },
  };
}

/** Stops every child given, in reverse order, even when one of them fails to stop. */
export async function stopAll(children: ReadonlyArray<ChildHandle | undefined>): Promise<void> {
  for (const child of [...children].reverse()) {
    if (child !== undefined) await child.stop().catch(() => undefined);
  }
}
