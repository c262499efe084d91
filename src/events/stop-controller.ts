// The abort controller an event queue stops its handlers with: one signal shared by every event in flight.
import { setMaxListeners } from 'node:events';

/**
 * A controller whose signal any number of waiters may listen to. Every event
 * in flight, and each of its upstream calls waiting for the rate budget, adds
 * an abort listener (removed when it settles); past Node's default of 10 a
 * saturated budget printed MaxListenersExceededWarning, which is no leak.
 */
export function createStopController(): AbortController {
  const controller = new AbortController();
  setMaxListeners(0, controller.signal);
  return controller;
}
