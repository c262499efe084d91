// Reads the simulator's event log over HTTP: what happened after a marker, oldest first, and waiting for it.

import type { Simulator } from '../../src/simulator/create-simulator';
import type { SimEvent } from '../../src/simulator/wire-types';
import { call, getPage } from './sim-client';

/** The id of the newest event, to mark "before the action". */
export async function newestEventId(sim: Simulator): Promise<string> {
  const page = await getPage<SimEvent>(sim, '/events?limit=1');
  const first = page.data[0];
  if (first === undefined) throw new Error('the event log is empty');
  return first.id;
}

/**
 * Every event newer than the marker, oldest first, read from `GET /events` (newest first,
 * following `startingAfter`). Throws if the marker never shows up.
 */
export async function eventsAfter(sim: Simulator, markerId: string): Promise<SimEvent[]> {
  const newer: SimEvent[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await getPage<SimEvent>(sim, `/events?limit=100${after === undefined ? '' : `&startingAfter=${after}`}`);
    for (const event of page.data) {
      if (event.id === markerId) return newer.reverse();
      newer.push(event);
    }
    const last = page.data[page.data.length - 1];
    if (!page.hasMore || last === undefined) throw new Error(`marker event ${markerId} not found`);
    after = last.id;
  }
}

/** Polls `eventsAfter` until `done(events)` holds; rejects after `timeoutMs` listing the types seen. */
export async function waitForEvents(sim: Simulator, markerId: string, done: (events: SimEvent[]) => boolean, timeoutMs = 5000): Promise<SimEvent[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const events = await eventsAfter(sim, markerId);
    if (done(events)) return events;
    if (Date.now() > deadline) throw new Error(`events not complete after ${timeoutMs} ms: ${events.map((e) => e.type).join(', ') || 'none'}`);
    await new Promise((resolve) => setTimeout(resolve, 15));
  }
}

/** Waits until nothing new happens for `quietMs`, then returns the events after the marker. */
export async function settledEventsAfter(sim: Simulator, markerId: string, quietMs = 150): Promise<SimEvent[]> {
  let count = -1;
  for (;;) {
    const events = await eventsAfter(sim, markerId);
    if (events.length === count) return events;
    count = events.length;
    await new Promise((resolve) => setTimeout(resolve, quietMs));
  }
}

/** POSTs a JSON body with the test key; extra headers (e.g. `idempotency-key`) merge in. */
export function postJson(sim: Simulator, path: string, body: unknown, headers: Record<string, string> = {}): ReturnType<typeof call> {
  return call(sim, path, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } });
}

/** What upstream emits, in order, when a cancellation of units of the bulk order is accepted: the units' share of the charge is cancelled. */
export const ACCEPTED_CANCELLATION_EVENTS: readonly string[] = [
  'fulfillment_cancellation.created',
  'fulfillment_cancellation.accepted',
  'fulfillment_order.cancelled',
  'fulfillment.created',
  'order.charge.cancel.pending',
  'order.charge.cancel.complete',
];
