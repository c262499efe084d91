// The simulator's collection keeps its list order and indexes right through puts, replacements, time changes and deletes, as a full sort and scan would.
import { Collection } from '../../src/simulator/collection';
import { timeSortKey } from '../../src/simulator/time';

interface Item {
  id: string;
  createdTime: string;
  group?: string;
}

/** What the list order must be: a full sort by time (newest first), then id descending. */
function naiveOrder(items: Iterable<Item>): string[] {
  return [...items].sort((a, b) => {
    const [ka, kb] = [timeSortKey(a.createdTime), timeSortKey(b.createdTime)];
    if (ka !== kb) return ka < kb ? 1 : -1;
    return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
  }).map((item) => item.id);
}

// Whole seconds, milliseconds and microseconds mixed, with many equal instants, as upstream writes them.
const TIMES = ['2024-01-01T00:00:01Z', '2024-01-01T00:00:01.5Z', '2024-01-01T00:00:01.250000Z', '2024-01-01T00:00:02Z', '2024-01-01T00:00:00.999Z'];

describe('Collection', () => {
  it('keeps the list order and the index through 5,000 random writes, reading in between', () => {
    const collection = new Collection<Item>({ group: (item) => item.group });
    const truth = new Map<string, Item>();
    let seed = 7;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let step = 0; step < 5_000; step += 1) {
      const id = `id_${random(300)}`;
      const action = random(10);
      if (action === 0) {
        expect(collection.delete(id)).toBe(truth.delete(id));
      } else if (action === 1 && truth.has(id)) {
        // Changed in place, then put again: the collection must find it where it was filed.
        const item = truth.get(id) as Item;
        item.createdTime = TIMES[random(TIMES.length)] as string;
        item.group = random(2) === 0 ? undefined : `g${random(5)}`;
        collection.put(item);
      } else {
        const item: Item = { id, createdTime: TIMES[random(TIMES.length)] as string, group: `g${random(5)}` };
        truth.set(id, item);
        collection.put(item);
      }
      if (step % 97 === 0) {
        expect(collection.sorted().map((item) => item.id)).toEqual(naiveOrder(truth.values()));
        for (let group = 0; group < 5; group += 1) {
          const expected = naiveOrder([...truth.values()].filter((item) => item.group === `g${group}`));
          expect(collection.inListOrder(collection.lookup('group', `g${group}`)).map((item) => item.id)).toEqual(expected);
        }
      }
    }
    expect(collection.size).toBe(truth.size);
    expect(collection.sorted().map((item) => item.id)).toEqual(naiveOrder(truth.values()));
  });

  it('does not change an array it handed out when later writes come', () => {
    const collection = new Collection<Item>();
    collection.put({ id: 'a', createdTime: TIMES[0] as string });
    collection.put({ id: 'b', createdTime: TIMES[3] as string });
    const before = collection.sorted();
    const copy = [...before];
    collection.put({ id: 'c', createdTime: TIMES[1] as string });
    collection.delete('a');
    expect(before).toEqual(copy);
    expect(collection.sorted().map((item) => item.id)).toEqual(['b', 'c']);
  });
});
