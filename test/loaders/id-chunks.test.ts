// Id lists split for upstream calls: at most 100 ids, and a bounded query-string length, order kept.
import { MAX_ID_QUERY_LENGTH, chunkIds } from '../../src/loaders/id-chunks';

describe('chunkIds', () => {
  it('keeps up to 100 ids in one group, in order', () => {
    const ids = Array.from({ length: 100 }, (_, index) => `2400${String(index).padStart(4, '0')}0336`);
    expect(chunkIds(ids, 'upstreamIds')).toEqual([ids]);
  });

  it('splits 250 short ids into groups of 100, 100 and 50', () => {
    const ids = Array.from({ length: 250 }, (_, index) => `o${index}`);
    const chunks = chunkIds(ids, 'upstreamIds');
    expect(chunks.map((chunk) => chunk.length)).toEqual([100, 100, 50]);
    expect(chunks.flat()).toEqual(ids);
  });

  it('starts a new group before the encoded query would pass the length bound', () => {
    const ids = Array.from({ length: 60 }, (_, index) => `${'x'.repeat(200)}-${index}`);
    const chunks = chunkIds(ids, 'upstreamIds');
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.flat()).toEqual(ids);
    for (const chunk of chunks) {
      const query = chunk.map((id) => `upstreamIds=${encodeURIComponent(id)}`).join('&');
      expect(query.length).toBeLessThanOrEqual(MAX_ID_QUERY_LENGTH);
    }
  });

  it('counts the encoded length, not the raw one', () => {
    // Each 'é' encodes to six characters: 1,000 of them exceed the bound in one id already.
    const ids = ['a', 'é'.repeat(1000), 'b'];
    expect(chunkIds(ids, 'ids')).toEqual([['a'], ['é'.repeat(1000)], ['b']]);
  });

  it('returns no group for no ids', () => {
    expect(chunkIds([], 'ids')).toEqual([]);
  });
});
