// The real process (node dist/src/main.js) on SIGTERM and SIGINT in every mode: drains, closes WebSockets with 1001, exits 0 within seconds.
import { type AddressInfo, type Server, type Socket, connect, createServer } from 'node:net';

import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

import { type EntryProcess, type ProcessExit, ensureBuilt, processGroupAlive, startGatewayProcess, startNpmStart, startSimulatorProcess } from '../helpers/gateway-process';
import { type GraphQLResult, executeText } from '../helpers/graphql-client';
import { deleteKeys, describeWithRedis, uniquePrefix } from '../helpers/redis';
import { eventually } from '../helpers/ws-client';

// Generous against a busy machine: before the fix every stop took the whole 10 s grace and exited 1.
const PROMPT_EXIT_MS = 3_000;
const SUBSCRIPTION = 'subscription { fulfillmentCancellationUpdated { eventId } }';
const ORDERS = '{ orders(first: 1) { nodes { id } } }';

type OrdersAnswer = GraphQLResult<{ orders: { nodes: Array<{ id: string }> } }> & { status: number };

/** What these tests read from each run, for the closing note. */
const measured: string[] = [];

/** The embedded simulator's URL, as the gateway logs it at start. */
function embeddedSimulatorUrl(gateway: EntryProcess): string {
  const line = gateway.logs.find((entry) => typeof entry.simulator === 'string');
  if (line === undefined) throw new Error('the gateway did not log its embedded simulator');
  return line.simulator as string;
}

/** Waits until the gateway answers a query with data: it serves. */
async function serves(gateway: EntryProcess): Promise<void> {
  const health = await fetch(`${gateway.url}/healthz`);
  expect(health.status).toBe(200);
  const answer = await executeText<{ orders: { nodes: Array<{ id: string }> } }>(gateway.url, ORDERS);
  expect(answer.data?.orders.nodes).toHaveLength(1);
}

/**
 * Starts a GraphQL query whose upstream call the simulator holds for `delayMs`;
 * resolves once upstream holds it, with the answer still to come (wrapped: an
 * async function would otherwise wait for it).
 */
async function inFlightQuery(gateway: EntryProcess, simulatorUrl: string, delayMs: number): Promise<{ answer: Promise<OrdersAnswer> }> {
  const armed = await fetch(`${simulatorUrl}/__sim/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ method: 'GET', pathPrefix: '/orders', delayMs, times: 1 }) });
  expect(armed.status).toBe(201);
  const answer: Promise<OrdersAnswer> = executeText(gateway.url, ORDERS);
  // The fault is used up once the gateway's call reached the simulator and waits there.
  for (let tries = 0; ; tries += 1) {
    const faults = (await (await fetch(`${simulatorUrl}/__sim/faults`)).json()) as unknown[];
    if (faults.length === 0) break;
    if (tries > 500) throw new Error('the query never reached upstream');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return { answer };
}

/** Opens a graphql-ws subscription and resolves once the gateway counts it; `closed` resolves with the socket's close code. */
async function openSubscription(gateway: EntryProcess): Promise<{ closed: Promise<number>; dispose: () => Promise<void> }> {
  let closedWith: (code: number) => void = () => undefined;
  const closed = new Promise<number>((resolve) => { closedWith = resolve; });
  const client = createClient({
    url: `${gateway.url.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    lazy: false,
    // The close at shutdown is what these tests wait for, not an error to print.
    onNonLazyError: () => undefined,
    on: { closed: (event) => closedWith((event as { code: number }).code) },
  });
  client.subscribe({ query: SUBSCRIPTION }, { next: () => undefined, error: () => undefined, complete: () => undefined });
  for (let tries = 0; ; tries += 1) {
    const metrics = await (await fetch(`${gateway.url}/metrics`)).text();
    if (/^gateway_subscriptions_open [1-9]/m.test(metrics)) break;
    if (tries > 500) throw new Error('the subscription never opened');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return { closed, dispose: () => client.dispose() as Promise<void> };
}

function record(mode: string, signal: string, exit: ProcessExit & { ms: number }, entry: EntryProcess): void {
  const stopped = entry.logs.find((line) => line.msg === 'stopped; exiting');
  const inside = typeof stopped?.durationMs === 'number' ? ` (stopping took ${stopped.durationMs} ms inside)` : '';
  measured.push(`${mode}: ${signal} → exit ${String(exit.code ?? exit.signal)} in ${exit.ms} ms${inside}`);
}

beforeAll(() => {
  // npm test runs after npm run build in CI; a fresh clone or edited sources get built here.
  ensureBuilt();
}, 120_000);

afterAll(() => {
  // The closing note's figures.
  process.stdout.write(`shutdown timings:\n  ${measured.join('\n  ')}\n`);
});

describe('embedded simulator (DR_API_BASE_URL unset)', () => {
  let gateway: EntryProcess | undefined;

  afterEach(async () => {
    await gateway?.kill();
    gateway = undefined;
  });

  it('exits 0 promptly on SIGTERM', async () => {
    gateway = await startGatewayProcess({ SIMULATOR_PORT: '0' });
    await eventually(() => gateway!.logs.some((entry) => entry.webhookId !== undefined), 5_000, 'webhook registration');
    await serves(gateway);

    const exit = await gateway.terminate('SIGTERM');
    record('embedded simulator', 'SIGTERM', exit, gateway);
    expect(exit).toMatchObject({ code: 0, signal: null });
    expect(exit.ms).toBeLessThan(PROMPT_EXIT_MS);
    expect(gateway.logs.map((entry) => entry.msg)).toContain('stopped; exiting');
  });

  it('on SIGINT finishes the request in flight, ignores a second SIGINT (npm forwards Ctrl-C once more) and exits 0', async () => {
    gateway = await startGatewayProcess({ SIMULATOR_PORT: '0' });
    await serves(gateway);
    const { answer } = await inFlightQuery(gateway, embeddedSimulatorUrl(gateway), 800);

    const exiting = gateway.terminate('SIGINT');
    await new Promise((resolve) => setTimeout(resolve, 200));
    gateway.child.kill('SIGINT');
    const [exit, finished] = await Promise.all([exiting, answer]);
    record('embedded simulator, request in flight, SIGINT twice', 'SIGINT', exit, gateway);

    expect(finished.status).toBe(200);
    expect(finished.data?.orders.nodes).toHaveLength(1);
    expect(exit).toMatchObject({ code: 0, signal: null });
    expect(exit.ms).toBeLessThan(PROMPT_EXIT_MS);
    expect(gateway.logs.map((entry) => entry.msg)).toContain('already shutting down; the first request goes on');
  });

  it('exits 0 promptly when nobody reads its logs any more (a log viewer piped after it, closed by the same Ctrl-C)', async () => {
    gateway = await startGatewayProcess({ SIMULATOR_PORT: '0' });
    await serves(gateway);
    gateway.child.stdout?.destroy();

    const exit = await gateway.terminate('SIGTERM');
    record('embedded simulator, stdout reader gone', 'SIGTERM', exit, gateway);
    expect(exit).toMatchObject({ code: 0, signal: null });
    expect(exit.ms).toBeLessThan(PROMPT_EXIT_MS);
  });

  it('exits 1 when the grace runs out, and not before', async () => {
    gateway = await startGatewayProcess({ SIMULATOR_PORT: '0', SHUTDOWN_GRACE_MS: '700' });
    await serves(gateway);
    const { answer } = await inFlightQuery(gateway, embeddedSimulatorUrl(gateway), 20_000);
    // Cut with the process: the client sees the connection close.
    const outcome = answer.then(() => 'answered', () => 'cut');

    const exit = await gateway.terminate('SIGTERM');
    record('embedded simulator, request held 20 s, SHUTDOWN_GRACE_MS=700', 'SIGTERM', exit, gateway);
    expect(await outcome).toBe('cut');
    expect(exit).toMatchObject({ code: 1, signal: null });
    expect(exit.ms).toBeGreaterThanOrEqual(650);
    expect(gateway.logs.find((entry) => entry.msg === 'shutdown grace ran out; exiting')).toMatchObject({ graceMs: 700, stillStopping: 'gateway' });
  });
});

describe('npm start, stopped with Ctrl-C', () => {
  let started: EntryProcess | undefined;

  afterEach(() => {
    const pid = started?.child.pid;
    if (pid !== undefined && processGroupAlive(pid)) process.kill(-pid, 'SIGKILL');
    started = undefined;
  });

  it('exits 0 within a second or two, npm included, and leaves no process behind', async () => {
    started = await startNpmStart({ SIMULATOR_PORT: '0' });
    await serves(started);

    // A terminal's Ctrl-C: SIGINT to the whole process group (npm forwards it once more to its child).
    const exit = await started.terminate('SIGINT');
    record('npm start (embedded simulator), Ctrl-C to the process group', 'SIGINT', exit, started);
    expect(exit).toMatchObject({ code: 0, signal: null });
    expect(exit.ms).toBeLessThan(PROMPT_EXIT_MS);
    await eventually(() => !processGroupAlive(started!.child.pid!), 1_000, 'every process of the group to end');
  }, 120_000); // npm start builds first: seconds when dist/ is current, longer after edits
});

describe('plain (DR_API_BASE_URL: a separately started simulator)', () => {
  let simulator: EntryProcess;
  let gateway: EntryProcess | undefined;

  beforeAll(async () => {
    simulator = await startSimulatorProcess();
  });

  afterEach(async () => {
    await gateway?.kill();
    gateway = undefined;
  });

  afterAll(async () => {
    await simulator?.kill();
  });

  it('closes an open subscription with 1001, finishes the request in flight and exits 0 on SIGTERM', async () => {
    gateway = await startGatewayProcess({ DR_API_BASE_URL: simulator.url, DR_API_KEY: 'sk_test_simulator' });
    await serves(gateway);
    const subscription = await openSubscription(gateway);
    const { answer } = await inFlightQuery(gateway, simulator.url, 600);

    const [exit, finished, closeCode] = await Promise.all([gateway.terminate('SIGTERM'), answer, subscription.closed]);
    record('plain, subscription open and request in flight', 'SIGTERM', exit, gateway);
    await subscription.dispose();

    expect(closeCode).toBe(1001);
    expect(finished.status).toBe(200);
    expect(finished.data?.orders.nodes).toHaveLength(1);
    expect(exit).toMatchObject({ code: 0, signal: null });
    expect(exit.ms).toBeLessThan(PROMPT_EXIT_MS);
  });

  it('stops the simulator process (npm run simulator) with exit 0 too, even on a second signal', async () => {
    const standalone = await startSimulatorProcess();
    const exiting = standalone.terminate('SIGINT');
    standalone.child.kill('SIGTERM');
    const exit = await exiting;
    record('simulator process', 'SIGINT then SIGTERM', exit, standalone);
    expect(exit).toMatchObject({ code: 0, signal: null });
    expect(exit.ms).toBeLessThan(PROMPT_EXIT_MS);
  });
});

describeWithRedis('Redis (REDIS_URL set)', (redisUrl) => {
  const prefix = uniquePrefix('shutdown');
  let gateway: EntryProcess | undefined;

  afterEach(async () => {
    await gateway?.kill();
    gateway = undefined;
  });

  afterAll(async () => {
    await deleteKeys(redisUrl, prefix);
  });

  it('closes an open subscription with 1001 and exits 0 on SIGTERM', async () => {
    gateway = await startGatewayProcess({ SIMULATOR_PORT: '0', REDIS_URL: redisUrl, REDIS_KEY_PREFIX: prefix });
    await serves(gateway);
    const subscription = await openSubscription(gateway);

    const [exit, closeCode] = await Promise.all([gateway.terminate('SIGTERM'), subscription.closed]);
    record('Redis', 'SIGTERM', exit, gateway);
    await subscription.dispose();

    expect(closeCode).toBe(1001);
    expect(exit).toMatchObject({ code: 0, signal: null });
    expect(exit.ms).toBeLessThan(PROMPT_EXIT_MS);
  });

  it('exits 0 on SIGINT too', async () => {
    gateway = await startGatewayProcess({ SIMULATOR_PORT: '0', REDIS_URL: redisUrl, REDIS_KEY_PREFIX: prefix });
    await serves(gateway);
    const exit = await gateway.terminate('SIGINT');
    record('Redis', 'SIGINT', exit, gateway);
    expect(exit).toMatchObject({ code: 0, signal: null });
    expect(exit.ms).toBeLessThan(PROMPT_EXIT_MS);
  });

  it('exits 0 promptly when Redis went away before the signal', async () => {
    const proxy = await redisProxy(redisUrl);
    try {
      gateway = await startGatewayProcess({ SIMULATOR_PORT: '0', REDIS_URL: proxy.url, REDIS_KEY_PREFIX: prefix });
      await serves(gateway);
      await proxy.cut();
      await eventually(() => gateway!.logs.some((entry) => entry.msg === 'redis connection error'), 5_000, 'the gateway to notice');

      const exit = await gateway.terminate('SIGTERM');
      record('Redis unreachable', 'SIGTERM', exit, gateway);
      expect(exit).toMatchObject({ code: 0, signal: null });
      expect(exit.ms).toBeLessThan(PROMPT_EXIT_MS);
    } finally {
      await proxy.cut();
    }
  });
});

/** A TCP proxy in front of Redis whose `cut()` refuses new connections and drops the open ones: Redis "goes away". */
async function redisProxy(redisUrl: string): Promise<{ url: string; cut: () => Promise<void> }> {
  const target = new URL(redisUrl);
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(Number(target.port || 6379), target.hostname);
    client.pipe(upstream);
    upstream.pipe(client);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => undefined);
      socket.on('close', () => sockets.delete(socket));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  let cut: Promise<void> | undefined;
  return {
    url: `redis://127.0.0.1:${port}`,
    cut() {
      cut ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
      return cut;
    },
  };
}
