// The simulator's public surface: what the gateway's entry point and the tests import.

export { createSimulator, DEFAULT_API_KEY } from './create-simulator';
export type { Simulator, SimulatorOptions } from './create-simulator';
export type { ArmedFault, FaultInjector, FaultSpec } from './faults';
export type { RequestLog, RequestLogEntry } from './request-log';
export type { SeedFacts, SimulatorStore } from './store';
export { DEFAULT_SEED, DEFAULT_ORDER_COUNT } from './seed';
export { createSeededStore } from './seeded-store';
export type { SeededStoreOptions } from './seeded-store';
