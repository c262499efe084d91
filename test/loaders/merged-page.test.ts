// Pages merged from several upstream streams: newest first, full until the last, skipped items refilled, cursors placed in the whole collection.
import { mergedPage } from '../../src/loaders/merged-page';
import { UpstreamProtocolError } from '../../src/upstream/errors';
import type { UpstreamPage, UpstreamQuery } from '../../src/upstream/types';

interface Item { id: string; createdTime: string; group: string }

/** 30 items, newest first, spread over groups a/b/c; two pairs share an instant. */
const ALL: Item[] = Array.from({ length: 30 }, (_, index) => ({
  id: `ret_${String(100 - index).padStart(3, '0')}`,
  createdTime: new Date(Date.UTC(2024, 0, 1) - Math.floor(index / 2) * 60_000).toISOString(),
  group: 'abc'[(index * 7) % 3] as string,
}));

/** A fake list endpoint like upstream's: filtered by `group`, newest first, a cursor placed in the whole collection. */
function upstream(options: { pageSize?: number } = {}) {
  const calls: UpstreamQuery[] = [];
  const fetch = async (query: UpstreamQuery): Promise<UpstreamPage<Item>> => {
    calls.push(query);
    const start = query.startingAfter === undefined ? 0 : ALL.findIndex((item) => item.id === query.startingAfter) + 1;
    const matching = ALL.slice(start).filter((item) => item.group === query.group);
    const limit = Math.min(Number(query.limit), options.pageSize ?? 100);
    return { hasMore: matching.length > limit, data: matching.slice(0, limit) };
  };
  return { fetch, calls };
}

/** Walks every page of `streams` with `limit`, returning the ids and page sizes. */
async function walk(streams: UpstreamQuery[], limit: number, keep: (item: Item) => boolean = () => true, pageSize?: number) {
  const { fetch, calls } = upstream({ pageSize });
  const ids: string[] = [];
  const sizes: number[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await mergedPage({ fetch, streams, limit, startingAfter: after, keep });
    ids.push(...page.data.map((item) => item.id));
    sizes.push(page.data.length);
    if (!page.hasMore) return { ids, sizes, calls };
    expect(page.data).toHaveLength(limit);
    after = page.data[page.data.length - 1]!.id;
  }
}

describe('mergedPage', () => {
  it('makes exactly one call per page for one stream with nothing skipped', async () => {
    const { ids, sizes, calls } = await walk([{ group: 'a' }], 4);
    expect(ids).toEqual(ALL.filter((item) => item.group === 'a').map((item) => item.id));
    expect(calls).toHaveLength(sizes.length);
    expect(calls[0]).toEqual({ group: 'a', limit: 4, startingAfter: undefined });
  });

  it('merges three streams newest first, every object once, every page full until the last', async () => {
    const { ids, sizes } = await walk([{ group: 'a' }, { group: 'b' }, { group: 'c' }], 4);
    expect(ids).toEqual(ALL.map((item) => item.id));
    expect(sizes.slice(0, -1).every((size) => size === 4)).toBe(true);
  });

  it('refills past skipped items so that pages stay full', async () => {
    const keep = (item: Item): boolean => Number(item.id.slice(4)) % 3 !== 0;
    const { ids, sizes } = await walk([{ group: 'a' }, { group: 'b' }], 3, keep, 2);
    expect(ids).toEqual(ALL.filter((item) => item.group !== 'c' && keep(item)).map((item) => item.id));
    expect(sizes.slice(0, -1).every((size) => size === 3)).toBe(true);
  });

  it('answers an empty last page with hasMore false when nothing is left', async () => {
    const { fetch } = upstream();
    expect(await mergedPage({ fetch, streams: [{ group: 'z' }], limit: 5, startingAfter: undefined, keep: () => true })).toEqual({ hasMore: false, data: [] });
  });

  it('waits for beforeNextRound before any second round, and stops when it rejects', async () => {
    const { fetch, calls } = upstream({ pageSize: 1 });
    const refused = new Error('cursor refused');
    await expect(mergedPage({ fetch, streams: [{ group: 'a' }], limit: 3, startingAfter: undefined, keep: () => true, beforeNextRound: () => Promise.reject(refused) }))
      .rejects.toBe(refused);
    expect(calls).toHaveLength(1);
  });

  it('fails instead of looping when upstream says hasMore on an empty page', async () => {
    const fetch = async (): Promise<UpstreamPage<Item>> => ({ hasMore: true, data: [] });
    await expect(mergedPage({ fetch, streams: [{}], limit: 3, startingAfter: undefined, keep: () => true })).rejects.toBeInstanceOf(UpstreamProtocolError);
  });

  it('orders microseconds and Java date objects by their instant', async () => {
    const items = [
      { id: 'x1', createdTime: '2024-01-01T00:00:00.000002Z', group: 'a' },
      { id: 'x2', createdTime: '2024-01-01T00:00:00.000001Z', group: 'b' },
      { id: 'x3', createdTime: { year: 2024, monthValue: 1, dayOfMonth: 1, hour: 1, minute: 0, second: 0, nano: 0, offset: { totalSeconds: 3600 } }, group: 'b' },
    ];
    const fetch = async (query: UpstreamQuery): Promise<UpstreamPage<(typeof items)[number]>> => ({ hasMore: false, data: items.filter((item) => item.group === query.group) });
    const page = await mergedPage({ fetch, streams: [{ group: 'a' }, { group: 'b' }], limit: 3, startingAfter: undefined, keep: () => true });
    // x3 is 01:00+01:00, the same instant as midnight UTC, and older than both microsecond stamps.
    expect(page.data.map((item) => item.id)).toEqual(['x1', 'x2', 'x3']);
  });
});
