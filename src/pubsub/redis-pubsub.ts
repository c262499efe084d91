// Redis PubSub: one PUBLISH per event on one channel; every instance fans it out to its own listeners by topic.
import type { Logger } from '../logger';
import type { RedisConnections } from '../redis/redis-connection';
import { createMemoryPubSub } from './memory-pubsub';
import type { PubSub } from './pubsub';
import type { GatewayEventMessage } from './topics';

/** What travels on the channel: the topics and the message (both JSON-safe). The replay log's script writes it too. */
export interface Envelope {
  topics: string[];
  message: GatewayEventMessage;
}

/** The one channel every instance publishes events on and listens to. */
export const eventsChannel = (prefix: string): string => `${prefix}events`;

/**
 * Creates a PubSub over Redis. Listeners live in a local map (as in memory);
 * a publish reaches every instance, including this one, through Redis, so
 * each event is delivered once per subscriber on every instance.
 */
export async function createRedisPubSub(redis: RedisConnections, logger: Logger): Promise<PubSub> {
  const channel = eventsChannel(redis.prefix);
  const local = createMemoryPubSub();
  await redis.subscriber.subscribe(channel);
  const onMessage = (received: string, payload: string): void => {
    if (received !== channel) return;
    let envelope: Envelope;
    try {
      envelope = JSON.parse(payload) as Envelope;
    } catch (error) {
      logger.error({ err: error }, 'unreadable message on the events channel');
      return;
    }
    void local.publish(envelope.topics, envelope.message);
  };
  redis.subscriber.on('message', onMessage);
  return {
    async publish(topics, message) {
      const envelope: Envelope = { topics: [...topics], message };
      await redis.command.publish(channel, JSON.stringify(envelope));
    },
    subscribe: (topic, listener) => local.subscribe(topic, listener),
    listenerCount: () => local.listenerCount(),
    async close() {
      redis.subscriber.off('message', onMessage);
      // Only while connected: with Redis away, UNSUBSCRIBE would wait in the offline queue and hold the shutdown.
      if (redis.subscriber.status === 'ready') await redis.subscriber.unsubscribe(channel).catch(() => undefined);
      await local.close();
    },
  };
}
