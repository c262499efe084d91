// Runs the simulator's delayed background work (decisions, settlements, webhook retries) and cancels all of it on stop.

/** A task scheduled with `Scheduler.after`; pass it to `cancel`. */
export type ScheduledTask = symbol;

/**
 * A set of timers that can be cancelled together.
 *
 * Background work must never outlive `sim.stop()`: a timer left behind would keep a
 * test process alive and act on a store nobody reads any more. Every delayed task
 * of the simulator therefore goes through one scheduler, and `stop()` clears them.
 * A task that throws (or rejects) does not crash the process; its error is kept in
 * `errors`, because the simulator has no logger to report it to.
 */
export class Scheduler {
  /** Errors thrown by tasks, oldest first; tests assert it stays empty. */
  readonly errors: unknown[] = [];
  private readonly timers = new Map<ScheduledTask, NodeJS.Timeout>();
  private stopped = false;

  /** Whether `stop()` was called; tasks check it before acting after an await. */
  get isStopped(): boolean {
    return this.stopped;
  }

  /** How many tasks are waiting to run. */
  get pending(): number {
    return this.timers.size;
  }

  /**
   * Runs `task` after `ms` milliseconds (0 still waits for a later turn of the event loop).
   * After `stop()` nothing is scheduled and the returned handle is inert.
   */
  after(ms: number, task: () => void | Promise<void>): ScheduledTask {
    const handle: ScheduledTask = Symbol('task');
    if (this.stopped) return handle;
    const timer = setTimeout(() => {
      this.timers.delete(handle);
      this.run(task);
    }, ms);
    this.timers.set(handle, timer);
    return handle;
  }

  /** Cancels a task that has not run yet; returns whether it was still waiting. */
  cancel(handle: ScheduledTask): boolean {
    const timer = this.timers.get(handle);
    if (timer === undefined) return false;
    clearTimeout(timer);
    this.timers.delete(handle);
    return true;
  }

  /** Cancels every waiting task and refuses new ones. */
  stop(): void {
    this.stopped = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  // Private: runs a task, keeping whatever it throws or rejects with.
  private run(task: () => void | Promise<void>): void {
    try {
      const result = task();
      if (result instanceof Promise) result.catch((error: unknown) => this.errors.push(error));
    } catch (error: unknown) {
      this.errors.push(error);
    }
  }
}
