// The views resolvers hand to GraphQL: one small object per upstream object returned, reading it only for the fields a query asks for.
import { type FulfillmentCancellationView, mapFulfillmentCancellation } from '../mappers/fulfillment-cancellation.mapper';
import { mapFulfillmentOrder } from '../mappers/fulfillment-order.mapper';
import { mapFulfillment } from '../mappers/fulfillment.mapper';
import { mapOrder } from '../mappers/order.mapper';
import { type SourceView, mapSource } from '../mappers/source.mapper';
import type { UpstreamFulfillmentCancellation, UpstreamSource } from '../upstream/types';

export const toOrder = mapOrder;
export const toFulfillmentOrder = mapFulfillmentOrder;
export const toFulfillmentCancellation = mapFulfillmentCancellation;
export const toFulfillment = mapFulfillment;
/** A source read by itself (not embedded in an order): one argument, so it can be passed to `then` and `map`. */
export const toSource = (raw: UpstreamSource): SourceView => mapSource(raw);

/** A loaded list of cancellations, viewed. */
export function toFulfillmentCancellations(list: readonly UpstreamFulfillmentCancellation[]): FulfillmentCancellationView[] {
  const views = new Array<FulfillmentCancellationView>(list.length);
  for (let index = 0; index < list.length; index += 1) views[index] = mapFulfillmentCancellation(list[index] as UpstreamFulfillmentCancellation);
  return views;
}
