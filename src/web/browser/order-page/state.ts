// What the live order page knows at one moment, and the pure steps that change it (an answer, a push, a notice).
import type { CancellationFieldsFragment, OrderDetailFieldsFragment } from '../../../../schema/client/graphql';
import type { ConnectionState } from '../shared/connection-state';

export type Order = OrderDetailFieldsFragment;
export type Cancellation = CancellationFieldsFragment;

/** A message for the user: an error (GraphQL error, userError, lost connection) or what just happened. */
export interface Notice {
  kind: 'error' | 'info';
  text: string;
  /** When it was shown, `HH:MM:SS`. */
  at: string;
}

/** One push received from `orderUpdated`. */
export interface LiveEvent {
  eventId: string;
  type: string;
  occurredAt: string;
}

/** Everything the page renders from. */
export interface PageState {
  orderId: string;
  /** `undefined` while loading, `null` when the gateway has no such order (or not for this token). */
  order: Order | null | undefined;
  connection: ConnectionState;
  /** Newest first, at most {@link MAX_NOTICES}. */
  notices: readonly Notice[];
  /** Newest first, at most {@link MAX_EVENTS}. */
  events: readonly LiveEvent[];
  /** Fulfillment order items with a cancellation request in flight (their buttons wait). */
  asking: ReadonlySet<string>;
}

export const MAX_NOTICES = 5;
export const MAX_EVENTS = 8;

/** The state before anything arrived. */
export function initialState(orderId: string): PageState {
  return { orderId, order: undefined, connection: 'connecting', notices: [], events: [], asking: new Set() };
}

/** Adds a notice on top, dropping the oldest beyond {@link MAX_NOTICES}. */
export function withNotice(state: PageState, kind: Notice['kind'], text: string, now: Date = new Date()): PageState {
  const at = now.toTimeString().slice(0, 8);
  return { ...state, notices: [{ kind, text, at }, ...state.notices].slice(0, MAX_NOTICES) };
}

/** Takes a pushed event: its order (read fresh for the event) replaces the one shown. */
export function withPush(state: PageState, event: LiveEvent, order: Order | null): PageState {
  return {
    ...state,
    order: order ?? state.order,
    events: [event, ...state.events.filter((seen) => seen.eventId !== event.eventId)].slice(0, MAX_EVENTS),
  };
}

/**
 * Shows a cancellation the mutation just answered with, on its fulfillment
 * order, unless that order already lists it: a push may have brought it (and
 * perhaps its decision) before the mutation's answer arrived, and state never
 * goes back.
 */
export function withCancellation(order: Order, cancellation: Cancellation): Order {
  return {
    ...order,
    fulfillmentOrders: order.fulfillmentOrders?.map((fulfillmentOrder) => {
      if (fulfillmentOrder.id !== cancellation.fulfillmentOrderId) return fulfillmentOrder;
      const known = fulfillmentOrder.cancellations ?? [];
      if (known.some((existing) => existing.id === cancellation.id)) return fulfillmentOrder;
      return { ...fulfillmentOrder, cancellations: [...known, cancellation] };
    }) ?? null,
  };
}

/** Marks an item as waiting for (or done with) its cancellation request. */
export function withAsking(state: PageState, itemId: string, asking: boolean): PageState {
  const next = new Set(state.asking);
  if (asking) next.add(itemId);
  else next.delete(itemId);
  return { ...state, asking: next };
}
