// Builds upstream webhook events for the benchmarks: unique ids and a strictly increasing microsecond createdTime.
import { randomUUID } from 'node:crypto';

/** An upstream event body, ready to be serialised and signed. */
export interface WebhookEvent {
  id: string;
  type: string;
  createdTime: string;
  liveMode: false;
  data: { object: Record<string, unknown>; previousAttributes?: Record<string, unknown> };
}

/** Hands out strictly increasing microsecond timestamps, never behind the wall clock. */
export class MicrosClock {
  private last = 0;

  /** The next timestamp, in microseconds since the epoch. */
  next(): number {
    this.last = Math.max(this.last + 1, Date.now() * 1000);
    return this.last;
  }
}

/** ISO-8601 UTC with six fractional digits (upstream's precision) for a microsecond timestamp. */
export function isoMicros(micros: number): string {
  const millis = Math.floor(micros / 1000);
  const extra = String(micros % 1000).padStart(3, '0');
  return new Date(millis).toISOString().replace('Z', `${extra}Z`);
}

/** An event about `object` at `micros`, with a fresh id unless one is given. */
export function webhookEvent(type: string, object: Record<string, unknown>, micros: number, id: string = randomUUID()): WebhookEvent {
  return { id, type, createdTime: isoMicros(micros), liveMode: false, data: { object } };
}
