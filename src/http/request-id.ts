// Picks the id of an incoming request: the caller's x-request-id when it is safe to echo, else a new UUID.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{8,64}$/;

/** The request id to log, echo and send upstream as `upstream-id`. */
export function requestIdOf(request: IncomingMessage): string {
  const given = request.headers['x-request-id'];
  return typeof given === 'string' && SAFE_REQUEST_ID.test(given) ? given : randomUUID();
}

/** The end customer's IP: the right-most `forwarded: for=` entry (upstream's convention), else the socket peer. */
export function clientIpOf(request: IncomingMessage): string | undefined {
  const forwarded = request.headers.forwarded;
  if (typeof forwarded === 'string') {
    const entries = [...forwarded.matchAll(/for="?\[?([^\]";,\s]+)/gi)];
    const last = entries[entries.length - 1]?.[1];
    if (last !== undefined) return last;
  }
  return request.socket.remoteAddress ?? undefined;
}
