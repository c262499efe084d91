// A customer's page of fulfillment cancellations, asked of upstream for their own orders (or one of their fulfillment orders) only.
import { BadUserInputError } from '../errors/graphql-errors';
import type { CallContext, UpstreamClient } from '../upstream/client';
import type { UpstreamFulfillmentCancellation, UpstreamPage, UpstreamQuery } from '../upstream/types';
import type { CustomerScope } from './customer-scope';
import { chunkIds } from './id-chunks';
import { mergedPage } from './merged-page';

type Cancellation = UpstreamFulfillmentCancellation;

/** The filters and paging of `Query.fulfillmentCancellations`, checked, in upstream terms. */
export interface CancellationPageQuery {
  limit: number;
  startingAfter?: string | undefined;
  ids?: readonly string[] | undefined;
  upstreamIds?: readonly string[] | undefined;
  fulfillmentOrderId?: string | undefined;
  state?: string | undefined;
}

/** The upstream queries that cover what a customer may see of a listing, and the ownership rule for what comes back. */
interface Plan {
  /** The scoping part of each stream's query (upstreamIds or fulfillmentOrderId). */
  scopes: UpstreamQuery[];
  /** True for a cancellation this customer owns (checked again on every item upstream sends). */
  owns(cancellation: Cancellation): boolean;
}

const EMPTY: UpstreamPage<Cancellation> = Object.freeze({ hasMore: false, data: [] as Cancellation[] });

/**
 * One page of the customer's cancellations, newest first, every page full
 * until the last. Upstream is asked only for cancellations filed under the
 * customer's orders (`upstreamIds`, in groups of at most 100 ids, merged) or,
 * with a `fulfillmentOrderId` filter, of that fulfillment order once it is
 * known to be theirs; never for a wider page filtered afterwards.
 *
 * What a customer's listing reaches: every cancellation filed with one of
 * their orders as `upstreamId`; with `fulfillmentOrderId`, every cancellation
 * of that fulfillment order, also those filed without `upstreamId` (by
 * another integration). Without that filter those few are left out: upstream
 * filters cancellations by a single fulfillment order per call, so finding
 * them would cost one call per fulfillment order of the customer on every
 * page. They stay readable by id, through `FulfillmentOrder.cancellations`
 * and through this listing filtered by their fulfillment order.
 *
 * An `after` cursor must name a cancellation of the same listing: one the
 * customer may not see, or one that does not exist, is refused alike
 * (BAD_USER_INPUT) with the same calls made, where upstream would page after
 * another customer's object but answer 400 for a missing one.
 */
export async function customerCancellationPage(
  client: UpstreamClient,
  context: CallContext,
  scope: CustomerScope,
  query: CancellationPageQuery,
): Promise<UpstreamPage<Cancellation>> {
  const plan = await planFor(scope, query);
  if (plan === undefined) return EMPTY;
  const fetch = (upstreamQuery: UpstreamQuery): Promise<UpstreamPage<Cancellation>> =>
    client.list<Cancellation>('fulfillment-cancellations', upstreamQuery, context);
  const filters = { ids: query.ids, state: query.state };
  const page = (beforeNextRound?: () => Promise<void>): Promise<UpstreamPage<Cancellation>> => mergedPage({
    fetch,
    streams: plan.scopes.map((scoping) => ({ ...scoping, ...filters })),
    limit: query.limit,
    startingAfter: query.startingAfter,
    keep: plan.owns,
    beforeNextRound,
  });
  if (query.startingAfter === undefined) return page();
  // The cursor check runs beside the first round and gates the later ones, so
  // a refused cursor costs the same calls whether its object exists or not.
  const cursor = checkCursor(fetch, plan, query.startingAfter);
  const [checked, result] = await Promise.allSettled([cursor, page(() => cursor)]);
  if (checked.status === 'rejected') throw checked.reason;
  if (result.status === 'rejected') throw result.reason;
  return result.value;
}

// Private: the streams and ownership rule for this customer and filter; undefined when nothing can match (then no call is made).
async function planFor(scope: CustomerScope, query: CancellationPageQuery): Promise<Plan | undefined> {
  const orders = await scope.orderIds();
  // Another customer's order id and a missing one are both simply not theirs.
  const named = query.upstreamIds === undefined ? undefined : [...new Set(query.upstreamIds)].filter((id) => orders.has(id));
  if (named !== undefined && named.length === 0) return undefined;
  const allowed = named === undefined ? orders : new Set(named);
  if (query.fulfillmentOrderId !== undefined) {
    const fulfillmentOrderId = query.fulfillmentOrderId;
    const owner = (await scope.fulfillmentOrderOwners()).get(fulfillmentOrderId);
    if (owner === undefined) return undefined;
    const base = { fulfillmentOrderId };
    return {
      scopes: named === undefined ? [base] : chunkIds(named, 'upstreamIds').map((chunk) => ({ ...base, upstreamIds: chunk })),
      // Filed without upstreamId: owned through the fulfillment order; with one: owned by that order.
      owns: (cancellation) => String(cancellation.fulfillmentOrderId) === fulfillmentOrderId
        && (cancellation.upstreamId === undefined ? named === undefined : allowed.has(String(cancellation.upstreamId))),
    };
  }
  if (allowed.size === 0) return undefined;
  return {
    scopes: chunkIds([...allowed], 'upstreamIds').map((chunk) => ({ upstreamIds: chunk })),
    owns: (cancellation) => cancellation.upstreamId !== undefined && allowed.has(String(cancellation.upstreamId)),
  };
}

// Private: resolves when `cursor` is a cancellation of this listing (whatever its state now), else rejects with BAD_USER_INPUT.
async function checkCursor(
  fetch: (query: UpstreamQuery) => Promise<UpstreamPage<Cancellation>>,
  plan: Plan,
  cursor: string,
): Promise<void> {
  const found = await Promise.all(plan.scopes.map((scoping) => fetch({ ...scoping, ids: [cursor], limit: 1 })));
  const listed = found.some((page) => page.data.some((item) => item.id === cursor && plan.owns(item)));
  if (!listed) throw new BadUserInputError('"after" must be a cursor returned by this list (pageInfo.endCursor)', 'after');
}
