// Mutation.createFulfillmentCancellation: validated against current upstream state, written once per idempotency key.
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';

import { NotFoundError } from '../errors/graphql-errors';
import { userError } from '../errors/user-errors';
import type { GatewayContext, MutationRecord } from './resolver-context';
import { runIdempotent } from '../idempotency/run-idempotent';
import { cancellableQuantity } from '../mappers/fulfillment-order.mapper';
import { CreateFulfillmentCancellationInput } from '../schema/inputs/create-fulfillment-cancellation.input';
import { CreateFulfillmentCancellationPayload } from '../schema/payloads/mutation-payloads';
import type { UserError } from '../schema/payloads/user-error.type';
import type { FulfillmentOrderItem } from '../schema/types/fulfillment-order.type';
import type { UpstreamFulfillmentCancellation } from '../upstream/types';
import { createFulfillmentCancellation } from '../upstream/writes';
import { toFulfillmentCancellation, toFulfillmentCancellations, toFulfillmentOrder } from './models';
import { checkMutationShape, writeOrUserErrors } from './mutation-input';

@Resolver()
export class CreateFulfillmentCancellationResolver {
  @Mutation(() => CreateFulfillmentCancellationPayload, {
    description: 'Asks the fulfiller to cancel units of a fulfillment order. The answer is PENDING; the decision arrives through fulfillmentCancellationUpdated.',
  })
  async createFulfillmentCancellation(
    @Arg('input', () => CreateFulfillmentCancellationInput, { description: 'What to cancel.' }) input: CreateFulfillmentCancellationInput,
    @Ctx() ctx: GatewayContext,
  ): Promise<CreateFulfillmentCancellationPayload> {
    const shapeErrors = checkMutationShape(input.idempotencyKey, input.items, (item, index) =>
      item.quantity < 1 ? [userError(['items', index, 'quantity'], 'invalid_quantity_amount', 'quantity must be at least 1')] : []);
    if (shapeErrors.length > 0) return { fulfillmentCancellation: null, userErrors: shapeErrors };
    const record = await runIdempotent(ctx.idempotency, { callerId: ctx.callerId, mutation: 'createFulfillmentCancellation' }, input.idempotencyKey, input,
      (key) => perform(input, ctx, key));
    return {
      fulfillmentCancellation: record.created === null ? null : toFulfillmentCancellation(record.created as UpstreamFulfillmentCancellation),
      userErrors: record.userErrors,
    };
  }
}

/**
 * Checks the input against the fulfillment order it targets, then writes. In
 * order, each refusal writing nothing: the fulfillment order must be one the
 * caller may see (another customer's reads `not_found`, exactly like a missing
 * one); `upstreamId`, when given, must be its own order id (a cancellation
 * filed under another order would show on that order and escape this one's
 * checks); every item must be one of its items; and no item may ask for more
 * than it has cancellable, counting every cancellation of the fulfillment
 * order (read by fulfillmentOrderId, so those filed under another upstreamId
 * or none count too).
 */
async function perform(input: CreateFulfillmentCancellationInput, ctx: GatewayContext, idempotencyKey: string): Promise<MutationRecord> {
  let fulfillmentOrder;
  try {
    fulfillmentOrder = toFulfillmentOrder(await ctx.loaders.fulfillmentOrders.byId.load(input.fulfillmentOrderId));
  } catch (error) {
    if (error instanceof NotFoundError) {
      return { created: null, userErrors: [userError(['fulfillmentOrderId'], 'not_found', `fulfillment order '${input.fulfillmentOrderId}' was not found`)] };
    }
    throw error;
  }
  const orderId = fulfillmentOrder.upstreamId;
  const userErrors: UserError[] = [];
  if (input.upstreamId != null && input.upstreamId !== orderId) {
    userErrors.push(userError(['upstreamId'], 'invalid_parameter', orderId === null
      ? `fulfillment order '${fulfillmentOrder.id}' names no order: leave upstreamId out`
      : `upstreamId must be the order of fulfillment order '${fulfillmentOrder.id}' ('${orderId}') or left out, got '${input.upstreamId}'`));
  }
  const items = input.items.map((line, index) => {
    const item = fulfillmentOrder.items.find((candidate) => candidate.id === line.fulfillmentOrderItemId);
    if (item === undefined) {
      userErrors.push(userError(['items', index, 'fulfillmentOrderItemId'], 'invalid_parameter',
        `item '${line.fulfillmentOrderItemId}' does not belong to fulfillment order '${fulfillmentOrder.id}'`));
    }
    return item;
  });
  // Refused on the input alone: no need to read the cancellations.
  if (userErrors.length > 0) return { created: null, userErrors };

  const cancellations = toFulfillmentCancellations(await ctx.loaders.fulfillmentCancellations.byFulfillmentOrder(fulfillmentOrder.id, orderId));
  const askedSoFar = new Map<string, number>();
  input.items.forEach((line, index) => {
    const item = items[index] as FulfillmentOrderItem;
    const alreadyAsked = askedSoFar.get(item.id) ?? 0;
    const available = cancellableQuantity(item, cancellations) - alreadyAsked;
    if (line.quantity > available) {
      userErrors.push(userError(['items', index, 'quantity'], 'quantity_too_large',
        `at most ${Math.max(0, available)} unit(s) of item '${item.id}' can be cancelled (pending + backordered less open cancellations), asked for ${line.quantity}`));
    }
    askedSoFar.set(item.id, alreadyAsked + line.quantity);
  });
  if (userErrors.length > 0) return { created: null, userErrors };

  return writeOrUserErrors(() => createFulfillmentCancellation(ctx.upstream, {
      fulfillmentOrderId: fulfillmentOrder.id,
      ...(orderId === null ? {} : { upstreamId: orderId }),
      ...(input.reason == null ? {} : { reason: input.reason }),
      items: input.items.map((line) => ({ fulfillmentOrderItemId: line.fulfillmentOrderItemId, quantity: line.quantity })),
    }, ctx.callContext, idempotencyKey, ctx.loaders.cache));
}
