// Validates a webhook body into an UpstreamEvent, with messages that say what was expected and what arrived.

/** An upstream event envelope (§11.1), validated. */
export interface UpstreamEvent {
  id: string;
  type: string;
  /** ISO-8601 as upstream sent it (microseconds kept). */
  createdTime: string;
  liveMode: boolean;
  object: Record<string, unknown>;
  previousAttributes: Record<string, unknown>;
}

/** The outcome of parsing: an event, or a message for the 400 answer. */
export type ParsedEvent = { ok: true; event: UpstreamEvent } | { ok: false; message: string };

const describe = (value: unknown): string => (value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value);

/** Parses raw bytes; never throws. */
export function parseEvent(rawBody: Buffer): ParsedEvent {
  let body: unknown;
  try {
    body = JSON.parse(rawBody.toString('utf8'));
  } catch {
    return { ok: false, message: 'body is not valid JSON' };
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { ok: false, message: `expected a JSON object, got ${describe(body)}` };
  }
  const record = body as Record<string, unknown>;
  if (typeof record.id !== 'string' || record.id.trim() === '') {
    return { ok: false, message: `expected "id" to be a non-empty string, got ${describe(record.id)}` };
  }
  if (typeof record.type !== 'string' || record.type.trim() === '') {
    return { ok: false, message: `expected "type" to be a non-empty string, got ${describe(record.type)}` };
  }
  const createdTime = typeof record.createdTime === 'string' && !Number.isNaN(Date.parse(record.createdTime))
    ? record.createdTime
    : undefined;
  if (createdTime === undefined) {
    return { ok: false, message: `expected "createdTime" to be an ISO-8601 date-time, got ${JSON.stringify(record.createdTime) ?? 'nothing'}` };
  }
  const data = typeof record.data === 'object' && record.data !== null ? (record.data as Record<string, unknown>) : {};
  const object = typeof data.object === 'object' && data.object !== null && !Array.isArray(data.object) ? (data.object as Record<string, unknown>) : {};
  const previous = typeof data.previousAttributes === 'object' && data.previousAttributes !== null ? (data.previousAttributes as Record<string, unknown>) : {};
  return {
    ok: true,
    event: { id: record.id, type: record.type, createdTime, liveMode: record.liveMode === true, object, previousAttributes: previous },
  };
}

/** Microseconds since the epoch of an ISO time with up to 9 fractional digits, for exact ordering. */
export function toEpochMicros(iso: string): number {
  const match = /\.(\d+)Z$/.exec(iso);
  const wholeSeconds = Date.parse(match === null ? iso : iso.replace(/\.\d+Z$/, 'Z'));
  const fraction = match?.[1] === undefined ? 0 : Number(match[1].slice(0, 6).padEnd(6, '0'));
  return wholeSeconds * 1000 + fraction;
}
