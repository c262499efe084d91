// One object's events are handled one at a time and in order; other objects' alongside.
import { createKeyedSerializer } from '../../src/events/keyed-serializer';

describe('KeyedSerializer', () => {
  it('runs tasks of one key in the order given, even when an earlier one is slower', async () => {
    const serializer = createKeyedSerializer();
    const done: string[] = [];
    let releaseFirst: () => void = () => undefined;
    const first = serializer.run('a', () => new Promise<void>((resolve) => {
      releaseFirst = () => {
        done.push('a1');
        resolve();
      };
    }));
    const second = serializer.run('a', async () => {
      done.push('a2');
    });
    const other = serializer.run('b', async () => {
      done.push('b1');
    });
    await other;
    expect(done).toEqual(['b1']);
    releaseFirst();
    await Promise.all([first, second]);
    expect(done).toEqual(['b1', 'a1', 'a2']);
  });

  it('goes on after a failed task and forgets settled keys', async () => {
    const serializer = createKeyedSerializer();
    const failed = serializer.run('a', async () => {
      throw new Error('boom');
    });
    const next = serializer.run('a', async () => 'ran');
    await expect(failed).rejects.toThrow('boom');
    await expect(next).resolves.toBe('ran');
    await new Promise((resolve) => setImmediate(resolve));
    expect(serializer.size()).toBe(0);
  });
});
