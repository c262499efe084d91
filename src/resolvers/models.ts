// Memoised upstream-to-GraphQL mapping shared by the resolvers: each upstream object is mapped once.
import { mapFulfillmentCancellation } from '../mappers/fulfillment-cancellation.mapper';
import { mapFulfillmentOrder } from '../mappers/fulfillment-order.mapper';
import { mapFulfillment } from '../mappers/fulfillment.mapper';
import { memoByObject } from '../mappers/memo-by-object';
import { mapOrder } from '../mappers/order.mapper';
import { mapSource } from '../mappers/source.mapper';
import type { UpstreamFulfillmentCancellation } from '../upstream/types';

export const toOrder = memoByObject(mapOrder);
export const toFulfillmentOrder = memoByObject(mapFulfillmentOrder);
export const toFulfillmentCancellation = memoByObject(mapFulfillmentCancellation);
/** A loaded list of cancellations, mapped once per list: every item of a fulfillment order asks for the same one. */
export const toFulfillmentCancellations = memoByObject((list: readonly UpstreamFulfillmentCancellation[]) => list.map(toFulfillmentCancellation));
export const toFulfillment = memoByObject(mapFulfillment);
export const toSource = memoByObject(mapSource);
