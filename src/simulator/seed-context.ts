// Shared state of one seeding run: the generator, the store, the catalogue with SKU ids, the customers.

import type { IdGenerator } from './ids';
import type { Prng } from './prng';
import { CUSTOMERS, type Market, type Person, PRODUCTS, type Product } from './seed-catalog';
import type { SimulatorStore } from './store';
import type { Charge, OrderItem, Source, StoredOrder } from './wire-types';

/** A catalogue product with the SKU id minted for this run. */
export interface SeedProduct extends Product {
  skuId: string;
}

/** A registered customer with the id minted for this run. */
export interface SeedCustomer {
  id: string;
  person: Person;
}

/** Everything a seeding step needs. */
export interface SeedContext {
  rng: Prng;
  ids: IdGenerator;
  store: SimulatorStore;
  products: readonly SeedProduct[];
  customers: readonly SeedCustomer[];
  /** When each decided cancellation was accepted or rejected (upstream has no field for it; events need it). */
  cancellationDecidedMs: Map<string, number>;
}

/**
 * An order being built: the order and its payment objects, plus the bookkeeping
 * that later steps need (which units are already captured or cancelled, and when).
 * Nothing is in the store until `commitOrder` runs.
 */
export interface OrderDraft {
  order: StoredOrder;
  charges: Charge[];
  sources: Source[];
  market: Market;
  /** When the order became `accepted`; undefined for orders that never did. */
  acceptedMs?: number;
  /** Units of each order item already captured or cancelled (by item id). */
  doneUnits: Map<string, number>;
  /** Completed capture minor units per order item, for `availableToRefundAmount`. */
  capturedMinorByItem: Map<string, number>;
  /** The latest moment anything happened to each order item. */
  itemLastMs: Map<string, number>;
  /** The latest moment anything happened to the order. */
  lastMs: number;
}

/** Creates the context: mints SKU ids for the catalogue and ids for the eight customers. */
export function createSeedContext(rng: Prng, ids: IdGenerator, store: SimulatorStore): SeedContext {
  const products = PRODUCTS.map((p) => ({ ...p, skuId: ids.uuid() }));
  for (const p of products) {
    store.products.set(p.skuId, { physical: p.physical, metadata: { productKey: p.key } });
  }
  const customers = CUSTOMERS.map((person) => ({ id: ids.customer(), person }));
  return { rng, ids, store, products, customers, cancellationDecidedMs: new Map() };
}

/** Marks that something happened to an order item at `ms`. */
export function touchItem(draft: OrderDraft, item: OrderItem, ms: number): void {
  draft.itemLastMs.set(item.id, Math.max(draft.itemLastMs.get(item.id) ?? 0, ms));
  draft.lastMs = Math.max(draft.lastMs, ms);
}
