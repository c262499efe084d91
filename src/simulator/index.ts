// The simulator's public surface: what the gateway's entry point and the tests import.

export { createSimulator, DEFAULT_API_KEY, DEFAULT_WEBHOOK_SECRET } from './create-simulator';
export type { Simulator, SimulatorOptions } from './create-simulator';
export type { Fulfiller, FulfillerDecision, FulfillerOutcome } from './fulfiller';
export type { WebhookDelivery } from './webhook-sender';
export { signatureHeader, SIGNATURE_HEADER } from './webhook-signature';
export type { ArmedFault, FaultInjector, FaultSpec } from './faults';
export type { RequestLog, RequestLogEntry } from './request-log';
export type { SeedFacts, SimulatorStore } from './store';
export type { Webhook } from './wire-types';
export { DEFAULT_SEED, DEFAULT_ORDER_COUNT } from './seed';
export { createSeededStore } from './seeded-store';
export type { SeededStoreOptions } from './seeded-store';
