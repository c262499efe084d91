// Query.charge and the Charge and ChargeOperation fields that need another load.
import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';

import type { GatewayContext } from './resolver-context';
import { ChargeView, mapCharge } from '../mappers/charge.mapper';
import { Charge, ChargeOperation } from '../schema/types/charge.type';
import { Fulfillment } from '../schema/types/fulfillment.type';
import { Order } from '../schema/types/order.type';
import { Source } from '../schema/types/source.type';
import { toFulfillment, toOrder, toSource } from './models';

@Resolver(() => Charge)
export class ChargeResolver {
  @Query(() => Charge, { nullable: true, description: 'One charge by id; null with NOT_FOUND when it does not exist.' })
  async charge(@Arg('id', () => ID, { description: 'Charge id.' }) id: string, @Ctx() ctx: GatewayContext): Promise<Charge> {
    const raw = await ctx.loaders.payments.charges.load(id);
    return mapCharge(raw, ctx.loaders.payments.isFullCharge(raw));
  }

  @FieldResolver(() => Order, { nullable: true, description: 'The order this charge pays for.' })
  async order(@Root() charge: Readonly<Charge>, @Ctx() ctx: GatewayContext): Promise<Order | null> {
    return charge.orderId === null ? null : toOrder(await ctx.loaders.orders.load(charge.orderId));
  }

  @FieldResolver(() => Source, { nullable: true, description: 'The source charged (from the order when it was loaded; no extra call).' })
  source(@Root() charge: Readonly<Charge>, @Ctx() ctx: GatewayContext): Source | null | Promise<Source | null> {
    if (charge.sourceId === null) return null;
    // A charge that came embedded in an order finds its source embedded in the same order: no lookup, no copy.
    const fromOrder = charge instanceof ChargeView ? charge.sourceFromOrder() : undefined;
    if (fromOrder !== undefined) return fromOrder;
    // Answered without a promise when another order of this operation brought the source along.
    const embedded = ctx.loaders.payments.embeddedSource(charge.sourceId);
    return embedded === undefined ? ctx.loaders.payments.sources.load(charge.sourceId).then(toSource) : toSource(embedded);
  }
}

@Resolver(() => ChargeOperation)
export class ChargeOperationResolver {
  @FieldResolver(() => ID, { description: 'Operation id. Refunds embedded in an order lack it; only then is the full charge fetched.' })
  id(@Root() operation: Readonly<ChargeOperation>, @Ctx() ctx: GatewayContext): string | Promise<string> {
    // Synchronous when the embedded copy has the id: one promise fewer per capture on an order page.
    if (operation.knownId !== null) return operation.knownId;
    return fullOperation(operation, ctx).then((full) => {
      if (full?.knownId == null) throw new Error(`upstream charge ${operation.chargeId} has a ${operation.kind} entry without an id`);
      return full.knownId;
    });
  }

  @FieldResolver(() => String, { nullable: true, description: 'Human-readable failure; only the full charge carries it, so it is fetched on demand.' })
  async failureMessage(@Root() operation: Readonly<ChargeOperation>, @Ctx() ctx: GatewayContext): Promise<string | null> {
    if (operation.knownFailureMessage !== null || operation.failureCode === null || operation.complete) return operation.knownFailureMessage;
    return (await fullOperation(operation, ctx))?.knownFailureMessage ?? null;
  }

  @FieldResolver(() => Fulfillment, { nullable: true, description: 'The fulfillment that triggered this capture.' })
  async fulfillment(@Root() operation: Readonly<ChargeOperation>, @Ctx() ctx: GatewayContext): Promise<Fulfillment | null> {
    return operation.fulfillmentId === null ? null : toFulfillment(await ctx.loaders.fulfillments.byId.load(operation.fulfillmentId));
  }
}

async function fullOperation(operation: ChargeOperation, ctx: GatewayContext): Promise<ChargeOperation | undefined> {
  if (operation.complete) return operation;
  const charge = mapCharge(await ctx.loaders.payments.fullCharges.load(operation.chargeId), true);
  return charge[operation.kind][operation.index];
}
