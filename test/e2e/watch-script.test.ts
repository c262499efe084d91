// `npm run watch` as a newcomer runs it: acknowledged before anything is sent, reconnects through a dropped network and resumes with each missed push once; real failures named.
import { type ChildProcess, spawn } from 'node:child_process';
import { type AddressInfo, type Server, type Socket, connect, createServer } from 'node:net';
import { join } from 'node:path';

import { ensureBuilt } from '../helpers/gateway-process';
import { cancellationEvent, sendEvent } from '../helpers/sign-webhook';
import { simListAll } from '../helpers/simulator-http';
import { type Stack, startStack } from '../helpers/start-stack';
import { TEST_JWT_SECRET } from '../helpers/tokens';
import { eventually } from '../helpers/ws-client';

const SECRET = 'whsec_watch';
const SCRIPT = join(__dirname, '..', '..', 'dist', 'src', 'scripts', 'watch-cancellations.js');

interface RawCancellation { id: string; fulfillmentOrderId: string | number; upstreamId?: string | number; state: string; items: unknown[] }

/** A TCP relay in front of the gateway whose connections can be cut, as a tunnel or a lift cuts a phone's. */
async function startRelay(targetPort: number): Promise<{ port: number; cut(): void; stop(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((incoming) => {
    const outgoing = connect(targetPort, '127.0.0.1');
    for (const socket of [incoming, outgoing]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => undefined);
    }
    incoming.pipe(outgoing).pipe(incoming);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    cut: () => {
      for (const socket of sockets) socket.destroy();
    },
    stop: () => new Promise((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    }),
  };
}

/** Runs the built script and keeps its output. */
function runWatch(args: string[]): { child: ChildProcess; out: () => string; err: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, [SCRIPT, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk: Buffer) => { out += chunk.toString(); });
  child.stderr?.on('data', (chunk: Buffer) => { err += chunk.toString(); });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, out: () => out, err: () => err, exited };
}

describe('npm run watch', () => {
  jest.setTimeout(60_000);
  let stack: Stack;
  let target: RawCancellation & { orderId: string };
  let clock = Date.now() - 3_600_000;
  const running: ChildProcess[] = [];

  beforeAll(async () => {
    ensureBuilt();
    stack = await startStack({ DR_WEBHOOK_SECRET: SECRET });
    const cancellations = (await simListAll<RawCancellation>(stack.simulator, '/fulfillment-cancellations')).filter((c) => c.upstreamId !== undefined);
    target = { ...cancellations[0]!, orderId: String(cancellations[0]!.upstreamId) };
  });

  afterEach(() => {
    for (const child of running.splice(0)) child.kill('SIGKILL');
  });

  afterAll(async () => {
    await stack?.stop();
  });

  const send = async (): Promise<string> => {
    clock += 1_000;
    const event = cancellationEvent({ ...target, state: 'pending' }, 'fulfillment_cancellation.created', { createdTime: new Date(clock) });
    expect(await sendEvent(stack.url, event, [SECRET])).toBe(202);
    return event.id as string;
  };
  const occurrences = (text: string, id: string): number => text.split(`"eventId": "${id}"`).length - 1;

  it('prints "subscribed" once registered, and after a cut connection resumes with each missed push once, then live ones', async () => {
    const relay = await startRelay(stack.gateway.port);
    try {
      const watch = runWatch(['--order', target.orderId, '--url', `ws://127.0.0.1:${relay.port}/graphql`]);
      running.push(watch.child);
      await eventually(() => watch.out().includes('subscribed\n'), 10_000, 'the acknowledgement');
      // Sent the moment "subscribed" appears, as the README's walkthrough does: it must not be missed.
      const first = await send();
      await eventually(() => occurrences(watch.out(), first) === 1, 5_000, 'the first push');

      relay.cut();
      await eventually(() => stack.gateway.openSubscriptions() === 0, 5_000, 'the gateway to see the connection gone');
      const missed = [await send(), await send()];
      await eventually(() => watch.out().includes(`subscribed (resuming after ${first})`), 10_000, 'the resumed subscription');
      await eventually(() => missed.every((id) => occurrences(watch.out(), id) === 1), 5_000, 'the missed pushes');
      const live = await send();
      await eventually(() => occurrences(watch.out(), live) === 1, 5_000, 'a live push');
      await new Promise((resolve) => setTimeout(resolve, 300));
      const printed = [...watch.out().matchAll(/"eventId": "([^"]+)"/g)].map((match) => match[1]);
      expect(printed).toEqual([first, ...missed, live]);
      expect(watch.err()).toMatch(/reconnecting in \d+\.\d s to resume after/);
    } finally {
      await relay.stop();
    }
  });

  it('names a gateway that is not running with ECONNREFUSED and its URL, and exits 1', async () => {
    const relay = await startRelay(stack.gateway.port);
    const port = relay.port;
    await relay.stop();
    const watch = runWatch(['--url', `ws://127.0.0.1:${port}/graphql`]);
    running.push(watch.child);
    expect(await watch.exited).toBe(1);
    expect(watch.err()).toContain(`cannot reach the gateway at ws://127.0.0.1:${port}/graphql (ECONNREFUSED`);
    expect(watch.err()).not.toContain('{}');
  });

  it('names a refused token by its close code and reason, and exits 1', async () => {
    const secured = await startStack({ DR_WEBHOOK_SECRET: SECRET, AUTH_JWT_SECRET: TEST_JWT_SECRET });
    try {
      const watch = runWatch(['--url', `${secured.url.replace('http', 'ws')}/graphql`, '--token', 'not-a-jwt']);
      running.push(watch.child);
      expect(await watch.exited).toBe(1);
      expect(watch.err()).toMatch(/connection closed with 4403: Forbidden \(the gateway refused the credentials/);
    } finally {
      await secured.stop();
    }
  });

  it.each([
    [['--orderr', '1'], 'unknown option "--orderr"'],
    [['--order'], '--order needs a value'],
    [['--url', 'http://127.0.0.1:4000/graphql'], '--url must start with ws:// or wss://'],
  ])('answers bad options %j with the usage and exit 2', async (args, problem) => {
    const watch = runWatch(args);
    running.push(watch.child);
    expect(await watch.exited).toBe(2);
    expect(watch.err()).toContain(problem);
    expect(watch.err()).toContain('usage: npm run watch');
  });
});
