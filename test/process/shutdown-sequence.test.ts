// The shutdown sequence on fake timers: reverse start order, exit 0 in time, 1 only when the grace runs out, one shutdown however many signals.
import { createLogger } from '../../src/logger';
import { type Shutdown, type StoppablePart, createShutdown } from '../../src/shutdown';

interface Recorder {
  shutdown: Shutdown;
  exits: number[];
  lines: Array<Record<string, unknown>>;
}

function recorder(graceMs: number): Recorder {
  const exits: number[] = [];
  const lines: Array<Record<string, unknown>> = [];
  const logger = createLogger('info', { write: (line: string) => { lines.push(JSON.parse(line) as Record<string, unknown>); } });
  return { shutdown: createShutdown({ graceMs, logger, exit: (code) => exits.push(code) }), exits, lines };
}

/** A part whose stop takes `ms` of (fake) time and records when it began and with how much grace left. */
function part(name: string, ms: number, log: string[]): StoppablePart {
  return {
    name,
    stop: (remainingMs) => {
      log.push(`${name} stops with ${remainingMs} ms left`);
      return new Promise((resolve) => setTimeout(resolve, ms));
    },
  };
}

describe('shutdown', () => {
  beforeEach(() => {
    jest.useFakeTimers();
  });

  afterEach(() => {
    jest.useRealTimers();
  });

  it('stops parts in reverse start order, each after the previous one finished, then exits 0', async () => {
    const { shutdown, exits } = recorder(10_000);
    const log: string[] = [];
    shutdown.add(part('simulator', 10, log));
    shutdown.add(part('gateway', 300, log));
    const code = shutdown.begin('SIGTERM');
    await jest.advanceTimersByTimeAsync(299);
    expect(log).toEqual(['gateway stops with 10000 ms left']);
    await jest.advanceTimersByTimeAsync(11);
    await expect(code).resolves.toBe(0);
    expect(log).toEqual(['gateway stops with 10000 ms left', 'simulator stops with 9700 ms left']);
    expect(exits).toEqual([0]);
  });

  it('exits 1 exactly when the grace runs out, naming the part still stopping', async () => {
    const { shutdown, exits, lines } = recorder(1_000);
    shutdown.add({ name: 'gateway', stop: () => new Promise(() => undefined) });
    void shutdown.begin('SIGINT');
    await jest.advanceTimersByTimeAsync(999);
    expect(exits).toEqual([]);
    await jest.advanceTimersByTimeAsync(1);
    expect(exits).toEqual([1]);
    expect(lines.at(-1)).toMatchObject({ level: 'error', stillStopping: 'gateway', graceMs: 1_000 });
  });

  it('goes on stopping the other parts when one fails to stop, and still exits 0', async () => {
    const { shutdown, exits, lines } = recorder(10_000);
    const log: string[] = [];
    shutdown.add(part('simulator', 0, log));
    shutdown.add({ name: 'gateway', stop: () => Promise.reject(new Error('socket already closed')) });
    void shutdown.begin('SIGTERM');
    await jest.advanceTimersByTimeAsync(0);
    expect(log).toEqual(['simulator stops with 10000 ms left']);
    expect(exits).toEqual([0]);
    expect(lines.filter((line) => line.level === 'error')).toEqual([expect.objectContaining({ part: 'gateway' })]);
  });

  it('runs once: a second signal during the shutdown neither restarts it nor changes the exit', async () => {
    const { shutdown, exits, lines } = recorder(10_000);
    let stops = 0;
    shutdown.add({ name: 'gateway', stop: () => { stops += 1; return new Promise((resolve) => setTimeout(resolve, 500)); } });
    const first = shutdown.begin('SIGINT');
    await jest.advanceTimersByTimeAsync(100);
    const second = shutdown.begin('SIGTERM');
    expect(second).toBe(first);
    expect(shutdown.begun).toBe(true);
    await jest.advanceTimersByTimeAsync(400);
    await expect(second).resolves.toBe(0);
    expect(stops).toBe(1);
    expect(exits).toEqual([0]);
    expect(lines.map((line) => line.msg)).toContain('already shutting down; the first request goes on');
  });

  it('still stops and exits when its log lines cannot be written (stdout gone)', async () => {
    const exits: number[] = [];
    const broken = createLogger('info', { write: () => { throw Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }); } });
    const shutdown = createShutdown({ graceMs: 1_000, logger: broken, exit: (code) => exits.push(code) });
    let stopped = false;
    shutdown.add({ name: 'gateway', stop: async () => { stopped = true; } });
    const second = (): Promise<number> => shutdown.begin('SIGINT');
    await Promise.all([shutdown.begin('SIGTERM'), second(), jest.advanceTimersByTimeAsync(0)]);
    expect(stopped).toBe(true);
    expect(exits).toEqual([0]);
  });

  it('leaves no timer behind once it exits in time', async () => {
    const { shutdown } = recorder(10_000);
    shutdown.add(part('gateway', 5, []));
    await Promise.all([shutdown.begin('SIGTERM'), jest.advanceTimersByTimeAsync(5)]);
    expect(jest.getTimerCount()).toBe(0);
  });
});
