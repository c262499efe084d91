// Mutation.createFulfillment: validated against the order and its fulfillments, written once per idempotency key.
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';

import { NotFoundError } from '../errors/graphql-errors';
import { userError } from '../errors/user-errors';
import type { GatewayContext, MutationRecord } from './resolver-context';
import { runIdempotent } from '../idempotency/run-idempotent';
import { CreateFulfillmentInput } from '../schema/inputs/create-fulfillment.input';
import { CreateFulfillmentPayload } from '../schema/payloads/mutation-payloads';
import type { UserError } from '../schema/payloads/user-error.type';
import type { Order, OrderItem } from '../schema/types/order.type';
import type { UpstreamFulfillment } from '../upstream/types';
import { createFulfillment } from '../upstream/writes';
import { toFulfillment, toOrder } from './models';
import { checkMutationShape, writeOrUserErrors } from './mutation-input';

@Resolver()
export class CreateFulfillmentResolver {
  @Mutation(() => CreateFulfillmentPayload, { description: 'Reports units of an order shipped (captured) and/or cancelled (authorisation released).' })
  async createFulfillment(
    @Arg('input', () => CreateFulfillmentInput, { description: 'What was shipped or cancelled.' }) input: CreateFulfillmentInput,
    @Ctx() ctx: GatewayContext,
  ): Promise<CreateFulfillmentPayload> {
    const shapeErrors = checkMutationShape(input.idempotencyKey, input.items, (item, index) => {
      const errors: UserError[] = [];
      for (const field of ['quantity', 'cancelQuantity'] as const) {
        const value = item[field];
        if (value != null && value < 0) errors.push(userError(['items', index, field], 'invalid_quantity_amount', `${field} must not be negative`));
      }
      if ((item.quantity ?? 0) + (item.cancelQuantity ?? 0) === 0) {
        errors.push(userError(['items', index, 'quantity'], 'missing_parameter', 'give quantity or cancelQuantity (at least 1 unit)'));
      }
      return errors;
    });
    if (shapeErrors.length > 0) return { fulfillment: null, userErrors: shapeErrors };
    const record = await runIdempotent(ctx.idempotency, { callerId: ctx.callerId, mutation: 'createFulfillment' }, input.idempotencyKey, input,
      (key) => perform(input, ctx, key));
    return { fulfillment: record.created === null ? null : toFulfillment(record.created as UpstreamFulfillment), userErrors: record.userErrors };
  }
}

/**
 * Checks the input against the order it targets, then writes; each refusal
 * writes nothing. The order must be one the caller may see (another
 * customer's reads `not_found`, exactly like a missing one); every item must
 * be one of the order's items; an order with no unit left answers
 * `order_complete`; and no line may ask for more units than remain after the
 * order's fulfillments.
 */
async function perform(input: CreateFulfillmentInput, ctx: GatewayContext, idempotencyKey: string): Promise<MutationRecord> {
  let order: Order;
  try {
    order = toOrder(await ctx.loaders.orders.load(input.orderId));
  } catch (error) {
    if (error instanceof NotFoundError) return { created: null, userErrors: [userError(['orderId'], 'not_found', `order '${input.orderId}' was not found`)] };
    throw error;
  }
  const userErrors: UserError[] = [];
  const items = input.items.map((line, index) => {
    const item = order.items.find((candidate) => candidate.id === line.itemId);
    if (item === undefined) {
      userErrors.push(userError(['items', index, 'itemId'], 'invalid_parameter', `item '${line.itemId}' does not belong to order '${order.id}'`));
    }
    return item;
  });
  // Refused on the input alone: no need to read the fulfillments.
  if (userErrors.length > 0) return { created: null, userErrors };
  const done = new Map<string, number>();
  for (const fulfillment of (await ctx.loaders.fulfillments.byOrderId.load(order.id)).map(toFulfillment)) {
    for (const item of fulfillment.items) done.set(item.itemId, (done.get(item.itemId) ?? 0) + item.quantity + item.cancelQuantity);
  }
  // Nothing left on the whole order is one answer, not one quantity_too_large per line.
  if (order.items.every((item) => item.quantity - (done.get(item.id) ?? 0) <= 0)) {
    return { created: null, userErrors: [userError(['orderId'], 'order_complete',
      `order '${order.id}' has nothing left to fulfil or cancel: every unit of every item is already fulfilled or cancelled`)] };
  }
  input.items.forEach((line, index) => {
    const item = items[index] as OrderItem;
    const asked = (line.quantity ?? 0) + (line.cancelQuantity ?? 0);
    const remaining = item.quantity - (done.get(item.id) ?? 0);
    if (asked > remaining) {
      userErrors.push(userError(['items', index, 'quantity'], 'quantity_too_large',
        `only ${Math.max(0, remaining)} unit(s) of item '${item.id}' remain to fulfil or cancel, asked for ${asked}`));
    }
    done.set(item.id, (done.get(item.id) ?? 0) + asked);
  });
  if (userErrors.length > 0) return { created: null, userErrors };
  return writeOrUserErrors(() => createFulfillment(ctx.upstream, {
      orderId: order.id,
      items: input.items.map((line) => ({
        itemId: line.itemId,
        ...(line.quantity == null ? {} : { quantity: line.quantity }),
        ...(line.cancelQuantity == null ? {} : { cancelQuantity: line.cancelQuantity }),
        ...(line.shipmentItemId == null ? {} : { shipmentItemId: line.shipmentItemId }),
      })),
      ...(input.shipmentId == null ? {} : { shipmentId: input.shipmentId }),
      ...(input.trackingCompany == null ? {} : { trackingCompany: input.trackingCompany }),
      ...(input.trackingNumber == null ? {} : { trackingNumber: input.trackingNumber }),
      ...(input.trackingUrl == null ? {} : { trackingUrl: input.trackingUrl }),
    }, ctx.callContext, idempotencyKey, ctx.loaders.cache));
}
