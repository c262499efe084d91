// Subscription.fulfillmentCancellationUpdated and Subscription.orderUpdated: one topic per subscriber, filtered on the server, resolved with per-event loaders.
import { Arg, Ctx, FieldResolver, ID, Resolver, Root, Subscription } from 'type-graphql';

import { type Viewer, canSeeOrder } from '../auth/viewer';
import type { GatewayContext } from './resolver-context';
import { subscribeResumable } from '../pubsub/resumable-stream';
import { subscribeStream } from '../pubsub/subscription-stream';
import { type GatewayEventMessage, Topic } from '../pubsub/topics';
import { FulfillmentCancellationState } from '../schema/enums/fulfillment-cancellation-state.enum';
import { fromUpstream } from '../schema/enums/from-upstream';
import { Order } from '../schema/types/order.type';
import { FulfillmentCancellationUpdate, OrderUpdate } from '../schema/types/updates.type';
import type { UpstreamFulfillmentCancellation, UpstreamOrder } from '../upstream/types';
import { mapFulfillmentCancellation } from '../mappers/fulfillment-cancellation.mapper';
import { toOrder } from './models';

/** The arguments of fulfillmentCancellationUpdated, as graphql-js hands them over. */
interface CancellationArgs {
  id?: string | null;
  orderId?: string | null;
  fulfillmentOrderId?: string | null;
  afterEventId?: string | null;
}

/** Both subscriptions take it with the same meaning. */
const AFTER_EVENT_ID = 'Resume after this event: the `eventId` of the last push the client saw. Every later event that matches the other arguments and the caller\'s scope is replayed first, in order, then live ones follow, none twice. An id no longer held (EVENT_REPLAY_SECONDS with Redis, the last EVENT_REPLAY_MAX events without), never seen, or of an event the caller may not see fails the subscription with EVENT_CURSOR_EXPIRED before any push: re-read with a query, then subscribe without it.';

/**
 * The stream of one subscription: live only, or resumed after the cursor
 * (the argument, else what the transport carried: SSE's Last-Event-ID). The
 * listener is registered before this returns, whatever is awaited after.
 */
function openStream(ctx: GatewayContext, topic: string, accept: (message: GatewayEventMessage) => boolean, afterEventId: string | null | undefined) {
  const cursor = afterEventId ?? ctx.resumeAfter;
  if (cursor === undefined || cursor === null) return subscribeStream(ctx.pubsub, topic, { accept });
  return subscribeResumable(ctx.pubsub, topic, {
    log: ctx.replay,
    afterEventId: cursor,
    accept,
    // The cursor's own event must be the caller's: another customer's id reads as expired and reveals nothing.
    canSeeCursor: (message) => canSeeOrder(ctx.viewer, message.customerId),
  });
}

/** The one topic that covers a subscription's arguments: the most specific one given; a customer's "all" is their own. */
function cancellationTopic(args: CancellationArgs, viewer: Viewer): string {
  if (args.id != null) return Topic.cancellation(args.id);
  if (args.fulfillmentOrderId != null) return Topic.fulfillmentOrderCancellations(args.fulfillmentOrderId);
  if (args.orderId != null) return Topic.orderCancellations(args.orderId);
  return viewer.kind === 'customer' ? Topic.customerCancellations(viewer.customerId) : Topic.allCancellations();
}

/** Every given argument must match (the topic covers one, this checks the rest), and the viewer must own the order. */
function matchesCancellation(args: CancellationArgs, viewer: Viewer, message: GatewayEventMessage): boolean {
  const cancellation = message.cancellation;
  if (cancellation === null || !canSeeOrder(viewer, message.customerId)) return false;
  return (args.id == null || args.id === cancellation.id)
    && (args.fulfillmentOrderId == null || args.fulfillmentOrderId === cancellation.fulfillmentOrderId)
    && (args.orderId == null || args.orderId === message.orderId);
}

/** Swaps in the loaders of this event (shared by every subscriber of it) and primes them with what the event carried. */
function useEventLoaders(ctx: GatewayContext, message: GatewayEventMessage): void {
  ctx.lastEventId = message.eventId;
  ctx.loaders = ctx.eventLoaders.forEvent(message.eventId, ctx.viewer);
  if (message.order !== null) ctx.loaders.primeOrderObjects([message.order as UpstreamOrder]);
  if (message.cancellation !== null) {
    ctx.loaders.fulfillmentCancellations.byId.prime(message.cancellation.id, message.cancellation.object as UpstreamFulfillmentCancellation);
  }
}

@Resolver(() => FulfillmentCancellationUpdate)
export class CancellationSubscriptionResolver {
  @Subscription(() => FulfillmentCancellationUpdate, {
    description: 'Every state change of matching fulfillment cancellations, as webhooks report them. With no argument: all cancellations the caller may see.',
    subscribe: ({ args, context }) => {
      const cancellationArgs = args as CancellationArgs;
      const ctx = context as GatewayContext;
      return openStream(ctx, cancellationTopic(cancellationArgs, ctx.viewer), (message) => matchesCancellation(cancellationArgs, ctx.viewer, message), cancellationArgs.afterEventId);
    },
  })
  fulfillmentCancellationUpdated(
    @Root() message: GatewayEventMessage,
    @Arg('id', () => ID, { nullable: true, description: 'Only this cancellation.' }) _id: string | null,
    @Arg('orderId', () => ID, { nullable: true, description: 'Only cancellations of this order.' }) _orderId: string | null,
    @Arg('fulfillmentOrderId', () => ID, { nullable: true, description: 'Only cancellations of this fulfillment order.' }) _fulfillmentOrderId: string | null,
    @Arg('afterEventId', () => ID, { nullable: true, description: AFTER_EVENT_ID }) _afterEventId: string | null,
    @Ctx() ctx: GatewayContext,
  ): FulfillmentCancellationUpdate {
    useEventLoaders(ctx, message);
    const cancellation = message.cancellation as NonNullable<GatewayEventMessage['cancellation']>;
    return {
      eventId: message.eventId,
      type: message.type,
      occurredAt: message.occurredAt,
      previousState: cancellation.previousState === null ? null : fromUpstream('FulfillmentCancellationState', FulfillmentCancellationState, cancellation.previousState),
      // Mapped from the event's own copy: the state this event reports, not a later one.
      fulfillmentCancellation: mapFulfillmentCancellation(cancellation.object as UpstreamFulfillmentCancellation),
    };
  }
}

@Resolver(() => OrderUpdate)
export class OrderSubscriptionResolver {
  @Subscription(() => OrderUpdate, {
    description: 'Every upstream event that concerns this order (order.*, fulfillment.*, fulfillment_order.*, fulfillment_cancellation.*, order.charge.*).',
    subscribe: async ({ args, context }) => {
      const ctx = context as GatewayContext;
      const { id: orderId, afterEventId } = args as { id: string; afterEventId?: string | null };
      // Listening starts before the ownership check, so an event published meanwhile is not missed.
      const opened = openStream(ctx, Topic.order(orderId), (message) => canSeeOrder(ctx.viewer, message.customerId), afterEventId);
      if (ctx.viewer.kind !== 'customer') return opened;
      // Someone else's order reads like a missing one: NOT_FOUND before anything
      // is delivered (whatever the cursor). Admins may watch any id, so they cost no upstream call here.
      const [owned, stream] = await Promise.allSettled([ctx.loaders.orders.load(orderId), Promise.resolve(opened)]);
      if (owned.status === 'rejected') {
        if (stream.status === 'fulfilled') await stream.value.return?.();
        throw owned.reason;
      }
      if (stream.status === 'rejected') throw stream.reason;
      return stream.value;
    },
  })
  orderUpdated(
    @Root() message: GatewayEventMessage,
    @Arg('id', () => ID, { description: 'The order to watch.' }) _id: string,
    @Arg('afterEventId', () => ID, { nullable: true, description: AFTER_EVENT_ID }) _afterEventId: string | null,
    @Ctx() ctx: GatewayContext,
  ): OrderUpdate {
    useEventLoaders(ctx, message);
    return { eventId: message.eventId, type: message.type, occurredAt: message.occurredAt, orderId: message.orderId as string };
  }

  @FieldResolver(() => Order, { nullable: true, description: 'The order as of this event, with its whole graph (loaded fresh for the event).' })
  async order(@Root() update: Readonly<OrderUpdate>, @Ctx() ctx: GatewayContext): Promise<Order> {
    return toOrder(await ctx.loaders.orders.load(update.orderId));
  }
}
