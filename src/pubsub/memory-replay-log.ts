// The replay log of one instance: the last EVENT_REPLAY_MAX published messages in memory, in front of the in-process pub/sub.
import type { PubSub } from './pubsub';
import type { ReplayEntry, ReplayLog } from './replay-log';

/** Settings of {@link createMemoryReplayLog}. */
export interface MemoryReplayLogOptions {
  /** Messages kept; the oldest go first (EVENT_REPLAY_MAX). Defaults to 10_000. */
  maxEntries?: number;
}

/**
 * Creates the log over `pubsub`. Positions are `0-<n>` from a process
 * sequence: a restart forgets every event, so a cursor from before it reads
 * as expired. Each entry costs the message itself (the event's object as
 * upstream sent it, typically 1–3 KB) plus an index slot.
 */
export function createMemoryReplayLog(pubsub: PubSub, { maxEntries = 10_000 }: MemoryReplayLogOptions = {}): ReplayLog {
  // Entries in position order from `head` on; the array is compacted once half of it is spent.
  let entries: ReplayEntry[] = [];
  let head = 0;
  let sequence = 0;
  const byEventId = new Map<string, ReplayEntry>();
  // Position n lives at index n - firstSequence of the live part.
  const sequenceOf = (entry: ReplayEntry): number => Number(entry.message.position.slice(2));

  const evictOldest = (): void => {
    const oldest = entries[head];
    if (oldest === undefined) return;
    byEventId.delete(oldest.message.eventId);
    head += 1;
    if (head > 1024 && head * 2 > entries.length) {
      entries = entries.slice(head);
      head = 0;
    }
  };

  return {
    async publish(topics, message) {
      const known = byEventId.get(message.eventId);
      if (known !== undefined) return { position: known.message.position, published: false };
      sequence += 1;
      const entry: ReplayEntry = { topics: [...topics], message: { ...message, position: `0-${sequence}` } };
      entries.push(entry);
      byEventId.set(message.eventId, entry);
      if (entries.length - head > maxEntries) evictOldest();
      // Recorded before it is published: a subscriber resuming meanwhile finds it in one place or the other.
      await pubsub.publish(entry.topics, entry.message);
      return { position: entry.message.position, published: true };
    },
    async find(eventId) {
      return byEventId.get(eventId);
    },
    async readAfter(position, limit) {
      const first = entries[head];
      if (first === undefined) return [];
      const after = Number(position.slice(2));
      const start = head + Math.max(0, after + 1 - sequenceOf(first));
      return entries.slice(start, Math.min(entries.length, start + limit));
    },
  };
}
