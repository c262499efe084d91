// The pub/sub seam: resolvers and the webhook pipeline depend on this interface only, never on an implementation.
import type { GatewayEventMessage } from './topics';

/** Receives messages of one topic; must not throw and must return quickly (it only enqueues). */
export type MessageListener = (message: GatewayEventMessage) => void;

/**
 * Topic-based publish/subscribe. The in-memory implementation serves one
 * instance; a Redis implementation fans out across instances behind the same
 * interface.
 */
export interface PubSub {
  /** Publishes one message on each topic; resolves once it is handed to the transport. */
  publish(topics: readonly string[], message: GatewayEventMessage): Promise<void>;
  /** Adds a listener to a topic; the returned function removes it (idempotent). */
  subscribe(topic: string, listener: MessageListener): () => void;
  /** Open listeners, for metrics and leak tests. */
  listenerCount(): number;
  /** Releases connections. */
  close(): Promise<void>;
}
