// The replay-log seam: every published message kept in publication order with its position, so a subscriber can resume after an event id.
import type { GatewayEventMessage, UnpositionedMessage } from './topics';

/** One published message as the log holds it: the topics it went to and the message with its position. */
export interface ReplayEntry {
  readonly topics: readonly string[];
  readonly message: GatewayEventMessage;
}

/** What {@link ReplayLog.publish} did. */
export interface PublishReceipt {
  /** The message's position (its earlier one when it was recorded already). */
  position: string;
  /** False when a message with this event id was recorded already: nothing was published again. */
  published: boolean;
}

/**
 * Publishes messages and keeps them for replay. Memory for one instance; a
 * Redis stream for several, where recording and publishing are one atomic
 * step, so that every instance sees the same positions in the same order as
 * its live subscribers receive them.
 */
export interface ReplayLog {
  /**
   * Records the message, then publishes it on `topics` with its position.
   * Idempotent per event id: a message recorded already is neither recorded
   * nor published again (a retried or taken-over processing pushes once).
   * Rejects when the log cannot be reached; nothing was published then.
   */
  publish(topics: readonly string[], message: UnpositionedMessage): Promise<PublishReceipt>;
  /** The entry of `eventId`, or `undefined` when the log does not hold it (never seen, or expired). */
  find(eventId: string): Promise<ReplayEntry | undefined>;
  /** Up to `limit` entries after `position`, oldest first; fewer means none are left right now. */
  readAfter(position: string, limit: number): Promise<ReplayEntry[]>;
}

/**
 * Orders two positions: negative when `a` comes first. Positions read like
 * Redis stream ids, `<milliseconds>-<sequence>`; the memory log uses `0-<n>`.
 */
export function comparePositions(a: string, b: string): number {
  const [aHigh, aLow] = splitPosition(a);
  const [bHigh, bLow] = splitPosition(b);
  return aHigh === bHigh ? aLow - bLow : aHigh - bHigh;
}

function splitPosition(position: string): [number, number] {
  const dash = position.indexOf('-');
  return dash === -1 ? [Number(position), 0] : [Number(position.slice(0, dash)), Number(position.slice(dash + 1))];
}
