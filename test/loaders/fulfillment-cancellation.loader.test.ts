// Where a fulfillment order's cancellations are read from, and which upstream calls that costs.
import { DEVELOPMENT_ADMIN } from '../../src/auth/viewer';
import { createLoaders } from '../../src/loaders/create-loaders';
import type { CallContext, UpstreamClient } from '../../src/upstream/client';
import { UpstreamError } from '../../src/upstream/errors';
import type { UpstreamCollection, UpstreamPage, UpstreamQuery } from '../../src/upstream/types';
import { createRecordingUpstream } from '../helpers/recording-upstream';

const context = { requestId: 'req-cancellations' };
const ORDER = '240011220336';
const FO = '5774321009';

/** An accepted cancellation of `units` of item i-1 of the fulfillment order, filed under `upstreamId` (or none). */
const accepted = (id: string, units: number, upstreamId?: string) => ({
  id,
  fulfillmentOrderId: FO,
  ...(upstreamId === undefined ? {} : { upstreamId }),
  state: 'accepted',
  items: [{ fulfillmentOrderItemId: 'i-1', quantity: units, quantityAccepted: units, state: 'accepted' }],
});
/** The recording upstream filters by ids and upstreamIds only; this one also honours fulfillmentOrderId, as upstream does. */
function upstreamWith(cancellations: Array<ReturnType<typeof accepted>>, cancelled: number) {
  const upstream = createRecordingUpstream({ 'fulfillment-cancellations': cancellations });
  const recording = upstream.client;
  const client: UpstreamClient = {
    ...recording,
    async list<T>(collection: UpstreamCollection, query: UpstreamQuery, callContext: CallContext): Promise<UpstreamPage<T>> {
      const page = await recording.list<T>(collection, query, callContext);
      if (query.fulfillmentOrderId === undefined) return page;
      return { ...page, data: page.data.filter((row) => String((row as unknown as { fulfillmentOrderId: string }).fulfillmentOrderId) === query.fulfillmentOrderId) };
    },
  };
  return { upstream: { client, calls: upstream.calls }, cancelledPerItem: new Map(cancelled > 0 ? [['i-1', cancelled]] : []) };
}
const shapes = (calls: Array<{ query?: Record<string, unknown> }>) => calls.map((call) => ({
  upstreamIds: call.query?.['upstreamIds'], fulfillmentOrderId: call.query?.['fulfillmentOrderId'],
}));

describe('cancellations of a fulfillment order', () => {
  describe('listed with its order', () => {
    it('answers from the order-wide load, with no further call, when its accepted units explain the cancelled ones', async () => {
      const { upstream, cancelledPerItem } = upstreamWith([accepted('ret_1', 2, ORDER)], 2);
      const loaders = createLoaders(upstream.client, context, { fetchConcurrency: 4, viewer: DEVELOPMENT_ADMIN });
      loaders.fulfillmentCancellations.listWithOrder(ORDER);
      await loaders.fulfillmentCancellations.byOrderId.load(ORDER);

      const found = loaders.fulfillmentCancellations.ofFulfillmentOrder(FO, ORDER, cancelledPerItem);
      if (found instanceof Promise) throw new Error('expected the list at once, got a promise');
      expect(found.map((c) => c.id)).toEqual(['ret_1']);
      expect(shapes(upstream.calls)).toEqual([{ upstreamIds: [ORDER], fulfillmentOrderId: undefined }]);
    });

    it('reads the fulfillment order by itself when it has more cancelled units than they accepted', async () => {
      const { upstream, cancelledPerItem } = upstreamWith([accepted('ret_1', 1, ORDER), accepted('ret_2', 1)], 2);
      const loaders = createLoaders(upstream.client, context, { fetchConcurrency: 4, viewer: DEVELOPMENT_ADMIN });
      loaders.fulfillmentCancellations.listWithOrder(ORDER);

      const [first, second] = await Promise.all([
        loaders.fulfillmentCancellations.ofFulfillmentOrder(FO, ORDER, cancelledPerItem),
        loaders.fulfillmentCancellations.ofFulfillmentOrder(FO, ORDER, cancelledPerItem),
      ]);
      expect(first.map((c) => c.id).sort()).toEqual(['ret_1', 'ret_2']);
      expect(second).toBe(first);
      expect(shapes(upstream.calls)).toEqual([
        { upstreamIds: [ORDER], fulfillmentOrderId: undefined },
        { upstreamIds: undefined, fulfillmentOrderId: FO },
      ]);
      // Known now: the next field asking gets it at once.
      expect(loaders.fulfillmentCancellations.ofFulfillmentOrder(FO, ORDER, cancelledPerItem)).toBe(first);
    });
  });

  describe('reached by itself', () => {
    it('reads by fulfillmentOrderId, which finds those filed without its order id too', async () => {
      const { upstream, cancelledPerItem } = upstreamWith([accepted('ret_1', 1, ORDER), accepted('ret_2', 1)], 0);
      const loaders = createLoaders(upstream.client, context, { fetchConcurrency: 4, viewer: DEVELOPMENT_ADMIN });

      const found = await loaders.fulfillmentCancellations.ofFulfillmentOrder(FO, ORDER, cancelledPerItem);
      expect(found.map((c) => c.id).sort()).toEqual(['ret_1', 'ret_2']);
      expect(shapes(upstream.calls)).toEqual([{ upstreamIds: undefined, fulfillmentOrderId: FO }]);
    });
  });

  describe('when upstream fails', () => {
    it('fails every key of the order-wide batch and does not ask again in the same operation', async () => {
      const { upstream, cancelledPerItem } = upstreamWith([], 0);
      const failing: UpstreamClient = {
        ...upstream.client,
        async list(collection, query) {
          upstream.calls.push({ method: 'GET', collection, query, requestId: context.requestId });
          throw new UpstreamError(500, 'internal_server_error', [], { method: 'GET', path: `/${collection}` });
        },
      };
      const loaders = createLoaders(failing, context, { fetchConcurrency: 4, viewer: DEVELOPMENT_ADMIN });
      loaders.fulfillmentCancellations.listWithOrder(ORDER);

      await expect(loaders.fulfillmentCancellations.byOrderId.load(ORDER)).rejects.toBeInstanceOf(UpstreamError);
      await expect(loaders.fulfillmentCancellations.byOrderId.load(ORDER)).rejects.toBeInstanceOf(UpstreamError);
      await expect(Promise.resolve(loaders.fulfillmentCancellations.ofFulfillmentOrder(FO, ORDER, cancelledPerItem))).rejects.toBeInstanceOf(UpstreamError);
      expect(upstream.calls).toHaveLength(1);
      expect(loaders.fulfillmentCancellations.loadedByOrderId(ORDER)).toBeUndefined();
    });
  });
});
