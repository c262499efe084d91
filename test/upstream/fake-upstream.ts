// A real HTTP server standing in for upstream in the resilience tests: it records every request's arrival and answers as each test scripts.
import { type IncomingHttpHeaders, type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as the fake received it. */
export interface Hit {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  /** performance.now() when the request's headers arrived. */
  at: number;
}

/**
 * What the fake does with one request: answer (after `delayMs`, and not before
 * `until` settles, when given), or drop the connection after reading it.
 */
export type Reply =
  | { status: number; body?: string; headers?: Record<string, string>; delayMs?: number; until?: Promise<unknown> }
  | { destroy: true };

/** A started fake; `stop()` closes it and every open connection. */
export interface FakeUpstream {
  /** Base URL with a `/v1` prefix, like a real upstream behind a path. */
  baseUrl: string;
  port: number;
  hits: Hit[];
  /** Scripts the answers: `index` counts from 0 over every request this fake received. */
  reply: (hit: Hit, index: number) => Reply;
  stop(): Promise<void>;
}

/** Starts a fake upstream on 127.0.0.1 (port 0 = any free port); every request answers 200 `{"id":"x"}` until `reply` is replaced. */
export async function startFakeUpstream(port = 0): Promise<FakeUpstream> {
  const fake: FakeUpstream = {
    baseUrl: '',
    port: 0,
    hits: [],
    reply: () => ({ status: 200, body: '{"id":"x"}' }),
    stop: async () => undefined,
  };
  const pending = new Set<NodeJS.Timeout>();
  const server: Server = createServer((request, response) => {
    const hit: Hit = { method: request.method ?? '', url: request.url ?? '', headers: request.headers, at: performance.now() };
    const index = fake.hits.length;
    fake.hits.push(hit);
    request.resume();
    request.on('end', () => {
      const reply = fake.reply(hit, index);
      if ('destroy' in reply) {
        request.socket.destroy();
        return;
      }
      const answer = (): void => {
        const timer = setTimeout(() => {
          pending.delete(timer);
          if (response.destroyed) return;
          response.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
          response.end(reply.body ?? '{"id":"x"}');
        }, reply.delayMs ?? 0);
        pending.add(timer);
      };
      if (reply.until === undefined) answer();
      else void reply.until.then(answer, answer);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  fake.port = (server.address() as AddressInfo).port;
  fake.baseUrl = `http://127.0.0.1:${fake.port}/v1`;
  fake.stop = () => new Promise<void>((resolve) => {
    for (const timer of pending) clearTimeout(timer);
    server.closeAllConnections();
    server.close(() => resolve());
  });
  return fake;
}

/** An upstream error body in upstream's format (§1.8). */
export function errorBody(type: string, code = type): string {
  return JSON.stringify({ type, errors: [{ code, message: `${type} (fake)` }] });
}

/** A port on 127.0.0.1 with nothing listening on it (it was free a moment ago). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
