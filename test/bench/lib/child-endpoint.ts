// The child side of the IPC channel: announces readiness, answers commands (cpu, memory, allocation, stop and the child's own).
import { type AllocationFigures, startAllocationMeter } from './allocation-meter';
import { asCommandMessage, type ReplyMessage } from './ipc-protocol';
import { messageOf } from './validate';

/** A command the child answers; its result must be JSON-safe. */
export type CommandHandler = (params: unknown) => Promise<unknown> | unknown;

/** What every child answers besides its own commands. */
export interface ChildEndpointOptions {
  /** Sent with `ready`: where the child serves. */
  info: Record<string, unknown>;
  /** The child's own commands by name. */
  commands?: Record<string, CommandHandler>;
  /** Releases the child's servers; run by `stop` before the process exits. */
  stop: () => Promise<void>;
}

/** CPU time of this process so far, in milliseconds (user + system). */
export function cpuMillis(): { userMs: number; systemMs: number; totalMs: number } {
  const usage = process.cpuUsage();
  return { userMs: usage.user / 1000, systemMs: usage.system / 1000, totalMs: (usage.user + usage.system) / 1000 };
}

/**
 * Memory of this process after a full garbage collection (when the process
 * runs with `--expose-gc`; `gc: false` in the answer otherwise), in bytes.
 */
export function memoryAfterGc(): { gc: boolean; rss: number; heapUsed: number; heapTotal: number; external: number; arrayBuffers: number } {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (collect !== undefined) {
    collect();
    collect();
  }
  const usage = process.memoryUsage();
  return { gc: collect !== undefined, rss: usage.rss, heapUsed: usage.heapUsed, heapTotal: usage.heapTotal, external: usage.external, arrayBuffers: usage.arrayBuffers };
}

/**
 * Sends `ready` and serves commands until `stop`. Built-in commands: `cpu`
 * (see {@link cpuMillis}), `memory` (see {@link memoryAfterGc}),
 * `allocationStart` and `allocationStop` (the heap allocation and garbage
 * collection between them: see {@link AllocationFigures}) and `stop` (runs
 * `options.stop`, answers, then exits 0). A command that throws is answered
 * with its message. Exits 1 when the orchestrator goes away.
 *
 * @throws Error when the process was not started with an IPC channel.
 */
export function serveCommands(options: ChildEndpointOptions): void {
  const send = process.send?.bind(process);
  if (send === undefined) throw new Error('this script is a benchmark child: start it through run.js (it needs an IPC channel)');
  let stopMeter: (() => AllocationFigures) | undefined;
  const handlers: Record<string, CommandHandler> = {
    cpu: () => cpuMillis(),
    memory: () => memoryAfterGc(),
    allocationStart: () => {
      if (stopMeter !== undefined) throw new Error('allocationStart: a measurement is already running');
      stopMeter = startAllocationMeter();
      return true;
    },
    allocationStop: () => {
      if (stopMeter === undefined) throw new Error('allocationStop: no measurement is running');
      const figures = stopMeter();
      stopMeter = undefined;
      return figures;
    },
    ...options.commands,
  };
  let stopping = false;
  process.on('message', (raw: unknown) => {
    const message = asCommandMessage(raw);
    if (message === undefined) return;
    if (message.command === 'stop') {
      if (stopping) return;
      stopping = true;
      void options.stop().catch(() => undefined).then(() => {
        process.disconnect();
        process.exit(0);
      });
      return;
    }
    const handler = handlers[message.command];
    void (async (): Promise<ReplyMessage> => {
      if (handler === undefined) return { kind: 'reply', id: message.id, ok: false, error: `unknown command ${message.command}` };
      try {
        return { kind: 'reply', id: message.id, ok: true, result: (await handler(message.params)) ?? null };
      } catch (error) {
        return { kind: 'reply', id: message.id, ok: false, error: messageOf(error) };
      }
    })().then((reply) => send(reply));
  });
  // The orchestrator died: nobody will stop this process otherwise.
  process.on('disconnect', () => {
    if (!stopping) process.exit(1);
  });
  send({ kind: 'ready', info: options.info });
}

/** The parameters JSON a child was started with (its last argument); `{}` when absent. */
export function childParams(): Record<string, unknown> {
  const raw = process.argv[process.argv.length - 1] ?? '{}';
  try {
    const parsed: unknown = JSON.parse(raw);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
