// Builds a seeded store without any HTTP around it (the simulator's data, for tests and tools).

import { IdGenerator } from './ids';
import { Prng } from './prng';
import { DEFAULT_ORDER_COUNT, DEFAULT_SEED, seedStore } from './seed';
import { SimulatorStore } from './store';

/** Options of a seeded store; the same meaning and defaults as the simulator's. */
export interface SeededStoreOptions {
  seed?: number;
  orderCount?: number;
  javaDates?: boolean;
}

/**
 * A store filled with the deterministic demo data. The store's id generator continues
 * the seed's sequences, so objects created later never reuse a seeded id.
 */
export function createSeededStore(options: SeededStoreOptions = {}): SimulatorStore {
  const { seed = DEFAULT_SEED, orderCount = DEFAULT_ORDER_COUNT, javaDates = false } = options;
  const rng = new Prng(seed);
  const ids = new IdGenerator(rng);
  const store = new SimulatorStore(ids);
  seedStore(store, ids, rng, { seed, orderCount, render: { javaDates } });
  return store;
}
