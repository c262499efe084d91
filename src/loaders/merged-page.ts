// One page of a list that upstream serves as several streams (one per group of scoping ids), merged newest first as upstream lists them.
import { UpstreamProtocolError } from '../upstream/errors';
import { UPSTREAM_PAGE_LIMIT } from '../upstream/paginate';
import type { UpstreamDateTime, UpstreamPage, UpstreamQuery } from '../upstream/types';

/** What a listed object must carry to be merged: its id (the cursor) and its creation time (the order). */
export interface Listed {
  id: string | number;
  createdTime?: UpstreamDateTime | undefined;
}

/** What {@link mergedPage} reads. */
export interface MergedPageRequest<T extends Listed> {
  /** Fetches one upstream page of a stream's query (`limit` and `startingAfter` set). */
  fetch(query: UpstreamQuery): Promise<UpstreamPage<T>>;
  /** One query per stream, each with all its filters; their results must not overlap. */
  streams: readonly UpstreamQuery[];
  /** Items wanted, 1 to 100. */
  limit: number;
  /** The id the page starts after, in every stream (upstream places a cursor in the whole collection). */
  startingAfter: string | undefined;
  /** Items for which this is false are skipped and do not count towards `limit`. */
  keep(item: T): boolean;
  /** Awaited before every fetch round after the first; a rejection stops the page with no further call. */
  beforeNextRound?: (() => Promise<void>) | undefined;
}

/** Rounds of fetches only a broken upstream needs; past it the page fails instead of looping. */
const MAX_ROUNDS = 1_000;

interface Stream<T> {
  query: UpstreamQuery;
  buffer: T[];
  after: string | undefined;
  more: boolean;
}

/**
 * Returns the first `limit` kept items after `startingAfter` over all
 * streams, newest first, and `hasMore` when any stream holds more. Every page
 * is full until the last, so `hasMore` always comes with items (and so with
 * an end cursor).
 *
 * Each round fetches, from every stream that has run dry but has more, as
 * many items as the page still lacks; with one stream and nothing skipped
 * that is exactly one call per page. Items are merged by creation time, then
 * id, both descending: upstream lists newest first (§1.9) and documents no
 * order for one instant; the simulator breaks such ties by id as done here.
 * Only with several streams (a customer with over 100 orders) could a tie
 * between two streams be ordered otherwise than upstream would.
 */
export async function mergedPage<T extends Listed>(request: MergedPageRequest<T>): Promise<UpstreamPage<T>> {
  const { limit } = request;
  const streams: Array<Stream<T>> = request.streams.map((query) => ({ query, buffer: [], after: request.startingAfter, more: true }));
  const emitted = new Set<string>();
  const data: T[] = [];
  for (let round = 0; data.length < limit; round += 1) {
    const dry = streams.filter((stream) => stream.buffer.length === 0 && stream.more);
    if (dry.length === 0 && streams.every((stream) => stream.buffer.length === 0)) break;
    if (dry.length > 0) {
      if (round >= MAX_ROUNDS) throw new UpstreamProtocolError({ method: 'GET', path: 'list' }, `more than ${MAX_ROUNDS} rounds for one page`);
      if (round > 0) await request.beforeNextRound?.();
      const wanted = Math.min(UPSTREAM_PAGE_LIMIT, Math.max(1, limit - data.length));
      await Promise.all(dry.map((stream) => refill(request, stream, wanted)));
    }
    // Take the newest head while no stream that may hold a newer item is dry.
    while (data.length < limit) {
      let newest: Stream<T> | undefined;
      let blocked = false;
      for (const stream of streams) {
        const head = stream.buffer[0];
        if (head === undefined) {
          blocked ||= stream.more;
          continue;
        }
        if (newest === undefined || listedBefore(head, newest.buffer[0] as T)) newest = stream;
      }
      if (blocked || newest === undefined) break;
      const item = newest.buffer.shift() as T;
      // A stream overlap would be upstream's fault; one object is still listed once.
      if (emitted.has(String(item.id))) continue;
      emitted.add(String(item.id));
      data.push(item);
    }
  }
  return { hasMore: streams.some((stream) => stream.buffer.length > 0 || stream.more), data };
}

// Private: fetches the next items of one stream into its buffer, skipping what is not kept.
async function refill<T extends Listed>(request: MergedPageRequest<T>, stream: Stream<T>, wanted: number): Promise<void> {
  const page = await request.fetch({ ...stream.query, limit: wanted, startingAfter: stream.after });
  const last = page.data[page.data.length - 1];
  if (page.hasMore && last === undefined) throw new UpstreamProtocolError({ method: 'GET', path: 'list' }, 'hasMore is true on an empty page');
  stream.more = page.hasMore;
  if (last !== undefined) stream.after = String(last.id);
  for (const item of page.data) if (request.keep(item)) stream.buffer.push(item);
}

// Private: true when upstream lists `a` before `b` (newer; for one instant, the greater id).
function listedBefore(a: Listed, b: Listed): boolean {
  const [aMs, aNanos] = timeKey(a.createdTime);
  const [bMs, bNanos] = timeKey(b.createdTime);
  if (aMs !== bMs) return aMs > bMs;
  if (aNanos !== bNanos) return aNanos > bNanos;
  return String(a.id) > String(b.id);
}

/**
 * A creation time as [whole seconds in ms, nanoseconds], so microsecond
 * stamps compare exactly; an unreadable or absent time sorts last.
 */
function timeKey(value: UpstreamDateTime | undefined): [number, number] {
  if (typeof value === 'string') {
    const fraction = /\.(\d+)/.exec(value)?.[1] ?? '';
    const ms = Date.parse(value.replace(/\.\d+/, ''));
    return Number.isNaN(ms) ? [Number.NEGATIVE_INFINITY, 0] : [ms, Number(fraction.padEnd(9, '0').slice(0, 9))];
  }
  if (value === undefined) return [Number.NEGATIVE_INFINITY, 0];
  // Seed 002's Java OffsetDateTime object (quirk 1).
  const local = Date.UTC(value.year, value.monthValue - 1, value.dayOfMonth, value.hour ?? 0, value.minute ?? 0, value.second ?? 0);
  const ms = local - (value.offset?.totalSeconds ?? 0) * 1000;
  return Number.isNaN(ms) ? [Number.NEGATIVE_INFINITY, 0] : [ms, value.nano ?? 0];
}
