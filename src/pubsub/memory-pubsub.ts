// In-memory PubSub: a map from topic to listeners, delivering synchronously to each (listeners only enqueue).
import type { MessageListener, PubSub } from './pubsub';
import type { GatewayEventMessage } from './topics';

/** Creates a PubSub for one process. */
export function createMemoryPubSub(): PubSub {
  const listeners = new Map<string, Set<MessageListener>>();
  let count = 0;
  return {
    async publish(topics, message: GatewayEventMessage) {
      // One message reaches a listener once even when it listens on several of its topics.
      const reached = new Set<MessageListener>();
      for (const topic of topics) {
        for (const listener of listeners.get(topic) ?? []) {
          if (reached.has(listener)) continue;
          reached.add(listener);
          listener(message);
        }
      }
    },
    subscribe(topic, listener) {
      let set = listeners.get(topic);
      if (set === undefined) {
        set = new Set();
        listeners.set(topic, set);
      }
      set.add(listener);
      count += 1;
      let active = true;
      return () => {
        if (!active) return;
        active = false;
        count -= 1;
        const current = listeners.get(topic);
        current?.delete(listener);
        if (current?.size === 0) listeners.delete(topic);
      };
    },
    listenerCount: () => count,
    async close() {
      listeners.clear();
      count = 0;
    },
  };
}
