// Draws the live order page from its state: the order, each fulfillment order's items with a cancel button, its cancellations, notices and live events.
import { type Child, h, replaceChildren } from '../shared/dom';
import type { Cancellation, Order, PageState } from './state';

/** What the rendered page can ask for. */
export interface PageActions {
  /** Ask to cancel one unit of a fulfillment order item. */
  askToCancel(fulfillmentOrderId: string, fulfillmentOrderItemId: string, itemName: string): void;
}

const CONNECTION_LABELS: Readonly<Record<PageState['connection'], string>> = {
  connecting: 'connecting…',
  live: 'live',
  reconnecting: 'reconnecting…',
  closed: 'not connected',
};

/** Replaces the contents of `root` with the page for `state`. */
export function renderPage(root: Element, state: PageState, actions: PageActions): void {
  replaceChildren(
    root,
    h('section', { class: 'notices', 'aria-live': 'polite' }, state.notices.map((notice) =>
      h('p', { class: `notice notice-${notice.kind}`, role: notice.kind === 'error' ? 'alert' : 'status', 'data-testid': `notice-${notice.kind}` },
        h('time', {}, notice.at), ' ', notice.text))),
    h('p', { class: `connection connection-${state.connection}`, 'data-testid': 'connection', 'data-connection': state.connection },
      h('span', { class: 'connection-dot', 'aria-hidden': 'true' }), ' Updates: ', CONNECTION_LABELS[state.connection]),
    orderSection(state, actions),
    eventsSection(state),
  );
}

function orderSection(state: PageState, actions: PageActions): Child {
  if (state.order === undefined) return h('p', { class: 'loading' }, `Loading order ${state.orderId}…`);
  if (state.order === null) return h('p', { class: 'missing', 'data-testid': 'order-missing' }, `No order ${state.orderId} for this token.`);
  const order = state.order;
  return h('section', { class: 'order', 'data-testid': 'order', 'data-order-id': order.id },
    h('h1', {}, `Order ${order.id} `, badge(order.state)),
    h('p', { class: 'order-summary' },
      `${money(order.totalAmount, order.currency)} · placed ${dateTime(order.createdTime)}`,
      order.upstreamId === null ? null : ` · upstream ${order.upstreamId}`),
    h('ul', { class: 'order-items' }, order.items.map((item) =>
      h('li', {}, `${item.quantity} × ${item.productName ?? item.id}`, item.state === null ? null : ` (${item.state})`))),
    order.fulfillmentOrders === null
      ? h('p', { class: 'notice notice-error', role: 'alert' }, 'The fulfillment orders could not be loaded; see the notices above.')
      : order.fulfillmentOrders.length === 0
        ? h('p', {}, 'No fulfillment orders yet.')
        : order.fulfillmentOrders.map((fulfillmentOrder) => fulfillmentOrderSection(fulfillmentOrder, state, actions)),
  );
}

type FulfillmentOrder = NonNullable<Order['fulfillmentOrders']>[number];

function fulfillmentOrderSection(fulfillmentOrder: FulfillmentOrder, state: PageState, actions: PageActions): Child {
  const cancellations = fulfillmentOrder.cancellations;
  return h('section', { class: 'fulfillment-order', 'data-testid': 'fulfillment-order', 'data-fulfillment-order-id': fulfillmentOrder.id },
    h('h2', {}, `Fulfillment order ${fulfillmentOrder.id} `, badge(fulfillmentOrder.state)),
    h('table', { class: 'items' },
      h('thead', {}, h('tr', {}, ['Item', 'Quantity', 'Pending', 'Backordered', 'Shipped', 'Cancelled', 'Cancellable', ''].map((title) => h('th', { scope: 'col' }, title)))),
      h('tbody', {}, fulfillmentOrder.items.map((item) => {
        const name = item.orderItem?.productName ?? item.name ?? item.id;
        const waiting = state.asking.has(item.id);
        return h('tr', { 'data-testid': 'item', 'data-item-id': item.id },
          h('td', {}, name),
          h('td', { class: 'number' }, item.quantity),
          h('td', { class: 'number' }, item.pending),
          h('td', { class: 'number' }, item.backordered),
          h('td', { class: 'number' }, item.shipped),
          h('td', { class: 'number' }, item.cancelled),
          h('td', { class: 'number', 'data-testid': 'cancellable' }, item.cancellableQuantity),
          h('td', {}, h('button', {
            type: 'button',
            'data-testid': 'cancel-one',
            disabled: waiting || item.cancellableQuantity < 1,
            title: item.cancellableQuantity < 1 ? 'Nothing left to cancel' : `Ask the fulfiller to cancel one ${name}`,
            onclick: () => actions.askToCancel(fulfillmentOrder.id, item.id, name),
          }, waiting ? 'Asking…' : 'Cancel 1 unit')));
      })),
    ),
    h('h3', {}, 'Cancellations'),
    cancellations === null
      ? h('p', { class: 'notice notice-error', role: 'alert' }, 'The cancellations could not be loaded.')
      : cancellations.length === 0
        ? h('p', { class: 'none' }, 'None.')
        : h('ul', { class: 'cancellations' }, [...cancellations].sort(byCreatedTime).map((cancellation) => cancellationItem(cancellation, fulfillmentOrder))),
  );
}

function cancellationItem(cancellation: Cancellation, fulfillmentOrder: FulfillmentOrder): Child {
  const units = cancellation.items.reduce((sum, item) => sum + item.quantity, 0);
  const accepted = cancellation.items.reduce((sum, item) => sum + (item.quantityAccepted ?? 0), 0);
  const names = cancellation.items.map((line) => {
    const item = fulfillmentOrder.items.find((candidate) => candidate.id === line.fulfillmentOrderItemId);
    return `${line.quantity} × ${item?.orderItem?.productName ?? item?.name ?? line.fulfillmentOrderItemId}`;
  });
  return h('li', { class: 'cancellation', 'data-testid': 'cancellation', 'data-cancellation-id': cancellation.id, 'data-state': cancellation.state },
    badge(cancellation.state), ' ', h('code', {}, cancellation.id), ` ${names.join(', ')}`,
    cancellation.state === 'ACCEPTED' && accepted < units ? ` (${accepted} of ${units} accepted)` : null,
    cancellation.createdTime === null ? null : h('span', { class: 'muted' }, ` · asked ${dateTime(cancellation.createdTime)}`),
    cancellation.reason === null ? null : h('span', { class: 'muted' }, ` · ${cancellation.reason}`));
}

function eventsSection(state: PageState): Child {
  return h('section', { class: 'events' },
    h('h3', {}, 'Live updates'),
    state.events.length === 0
      ? h('p', { class: 'none' }, 'None yet: ask to cancel a unit and watch.')
      : h('ol', { 'data-testid': 'events' }, state.events.map((event) =>
        h('li', {}, h('time', {}, dateTime(event.occurredAt)), ' ', h('code', {}, event.type)))));
}

function badge(state: string): HTMLElement {
  return h('span', { class: `badge badge-${state.toLowerCase()}` }, state);
}

// Oldest first, so a new request appears at the bottom where the eye expects it.
function byCreatedTime(a: Cancellation, b: Cancellation): number {
  return (a.createdTime ?? '').localeCompare(b.createdTime ?? '') || a.id.localeCompare(b.id);
}

function money(amount: number, currency: string): string {
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(amount);
  } catch {
    return `${amount} ${currency}`;
  }
}

function dateTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}
