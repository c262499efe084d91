// The error that ends a subscription whose consumer fell too far behind; pub/sub raises it, transports word it for their clients.

/** Thrown into a subscription whose consumer fell `maxQueued` messages behind (pubsub/subscription-stream.ts). */
export class SubscriberTooSlowError extends Error {
  override readonly name = 'SubscriberTooSlowError';
}
