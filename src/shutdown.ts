// Stops the process's parts once, in reverse start order, within a grace period: exit 0 when all stopped in time, 1 only when the grace ran out.
import type { Logger } from './logger';

/** A started part of the process and the way to stop it. */
export interface StoppablePart {
  /** Named in the logs, e.g. when the grace runs out while it is still stopping. */
  readonly name: string;
  /** Stops the part; `remainingMs` is what is left of the grace period when its turn comes. */
  stop(remainingMs: number): Promise<void>;
}

/** Settings of {@link createShutdown}. */
export interface ShutdownOptions {
  /** The whole shutdown must end within this (SHUTDOWN_GRACE_MS). */
  graceMs: number;
  logger: Logger;
  /** Ends the process: `process.exit` in production, a recorder in tests. */
  exit: (code: number) => void;
}

/** The process's one shutdown. */
export interface Shutdown {
  /** Registers a part that has started; parts stop in the reverse order of registration. */
  add(part: StoppablePart): void;
  /**
   * Begins the shutdown on the first call and resolves with the exit code once
   * it is decided (and passed to `exit`). Later calls (a second Ctrl-C, SIGTERM
   * after SIGINT) are logged and change nothing: they return the same promise.
   */
  begin(reason: string): Promise<number>;
  /** Whether `begin` was called. */
  readonly begun: boolean;
}

/**
 * Creates the shutdown. Each part stops after the one registered after it has
 * stopped (the gateway drains while the upstream it calls still answers). A
 * part whose stop rejects is logged and the others still stop: only running
 * out of time makes the exit code non-zero, as the runtime contract says.
 */
export function createShutdown(options: ShutdownOptions): Shutdown {
  const { graceMs, logger, exit } = options;
  const parts: StoppablePart[] = [];
  let begun: Promise<number> | undefined;

  const run = async (reason: string): Promise<number> => {
    const started = performance.now();
    const remaining = (): number => Math.max(0, graceMs - (performance.now() - started));
    let current = 'nothing';
    let deadline: NodeJS.Timeout | undefined;
    // Armed before anything else runs, so that nothing below can keep the process from ending.
    const outOfTime = new Promise<number>((resolve) => {
      deadline = setTimeout(() => {
        quietly(() => logger.error({ graceMs, stillStopping: current }, 'shutdown grace ran out; exiting'));
        resolve(1);
      }, graceMs);
    });
    quietly(() => logger.info({ reason, graceMs }, 'shutting down'));
    const stopAll = (async (): Promise<number> => {
      for (const part of [...parts].reverse()) {
        current = part.name;
        const partStarted = performance.now();
        try {
          await part.stop(remaining());
          quietly(() => logger.debug({ part: part.name, durationMs: Math.round(performance.now() - partStarted) }, 'stopped'));
        } catch (error) {
          quietly(() => logger.error({ err: error, part: part.name }, 'a part failed to stop; stopping the others'));
        }
      }
      quietly(() => logger.info({ durationMs: Math.round(performance.now() - started) }, 'stopped; exiting'));
      return 0;
    })();
    const code = await Promise.race([stopAll, outOfTime]);
    clearTimeout(deadline);
    exit(code);
    return code;
  };

  return {
    add(part) {
      parts.push(part);
    },
    begin(reason) {
      if (begun !== undefined) {
        quietly(() => logger.info({ reason }, 'already shutting down; the first request goes on'));
        return begun;
      }
      begun = run(reason);
      return begun;
    },
    get begun() {
      return begun !== undefined;
    },
  };
}

/**
 * Writes a log line, or nothing when it cannot be written. A process whose
 * stdout reader went away (a log collector that died) gets EPIPE on every
 * line; the shutdown must end it all the same.
 */
export function quietly(write: () => void): void {
  try {
    write();
  } catch {
    // nowhere left to report it
  }
}
