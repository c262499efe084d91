// The live order page: loads one order, asks to cancel a unit on a click, and re-renders from every orderUpdated push, without reloading.
import './order-page.css';

import {
  CreateFulfillmentCancellationDocument,
  OrderDetailDocument,
  OrderUpdatedDocument,
} from '../../../../schema/client/graphql';
import { h, replaceChildren } from '../shared/dom';
import { type GatewayClient, type GatewayResult, createGatewayClient, describeError } from '../shared/gateway-client';
import { newIdempotencyKey } from '../shared/idempotency-key';
import { readPageConfig, webSocketUrl } from '../shared/page-config';
import { authorizationFor, initialToken, saveToken } from '../shared/token';
import { type PageActions, renderPage } from './render';
import { type PageState, initialState, withAsking, withCancellation, withNotice, withPush } from './state';

const config = readPageConfig();
const app = document.getElementById('app');
const bar = document.getElementById('bar');
if (app === null || bar === null) throw new Error('#app or #bar is missing from the order page');

let state: PageState = initialState(config.orderId);
let token = initialToken();
let client: GatewayClient | undefined;
let endSubscription: (() => void) | undefined;
// Bumped by every push: a query answer that started before the latest push is older than what is shown.
let pushes = 0;

const actions: PageActions = { askToCancel: (fulfillmentOrderId, itemId, name) => void askToCancel(fulfillmentOrderId, itemId, name) };

function update(next: PageState): void {
  state = next;
  renderPage(app as HTMLElement, state, actions);
}

/** Reports a result's top-level errors as notices; true when there were any. */
function reportErrors(result: GatewayResult<unknown>, doing: string): boolean {
  if (result.errors === undefined || result.errors.length === 0) return false;
  let next = state;
  for (const error of result.errors) next = withNotice(next, 'error', `${doing}: ${describeError(error)}`);
  update(next);
  return true;
}

async function loadOrder(gateway: GatewayClient): Promise<void> {
  const pushesBefore = pushes;
  try {
    const result = await gateway.request(OrderDetailDocument, { id: config.orderId });
    reportErrors(result, 'Loading the order');
    if (gateway !== client || pushes !== pushesBefore) return;
    // With partial data the order still shows; with none (refused, not found) the page says so.
    const order = result.data?.order ?? null;
    if (order !== null || state.order === undefined) update({ ...state, order });
  } catch (error) {
    update(withNotice({ ...state, order: state.order ?? null }, 'error', `Loading the order: ${messageOf(error)}`));
  }
}

function subscribe(gateway: GatewayClient): void {
  endSubscription = gateway.subscribe(OrderUpdatedDocument, { id: config.orderId }, {
    next: (result) => {
      if (gateway !== client) return;
      reportErrors(result, 'Live update');
      const push = result.data?.orderUpdated;
      if (push === undefined) return;
      pushes += 1;
      update(withPush(state, { eventId: push.eventId, type: push.type, occurredAt: push.occurredAt }, push.order));
    },
    error: (error) => {
      if (gateway === client) update(withNotice(state, 'error', `Live updates stopped: ${error.message}`));
    },
  });
}

async function askToCancel(fulfillmentOrderId: string, fulfillmentOrderItemId: string, name: string): Promise<void> {
  const gateway = client;
  if (gateway === undefined) return;
  update(withAsking(state, fulfillmentOrderItemId, true));
  try {
    const result = await gateway.request(CreateFulfillmentCancellationDocument, {
      input: {
        fulfillmentOrderId,
        reason: 'requested_by_customer',
        items: [{ fulfillmentOrderItemId, quantity: 1 }],
        // One key per click: a retried request never cancels twice.
        idempotencyKey: newIdempotencyKey(),
      },
    });
    state = withAsking(state, fulfillmentOrderItemId, false);
    if (reportErrors(result, `Cancelling one ${name}`) && result.data === undefined) return;
    const payload = result.data?.createFulfillmentCancellation;
    if (payload === undefined) {
      update(state);
      return;
    }
    let next = state;
    for (const userError of payload.userErrors) {
      const field = userError.field === null ? '' : ` at ${userError.field.join('.')}`;
      next = withNotice(next, 'error', `Cancelling one ${name}: ${userError.message} (${userError.code}${field})`);
    }
    const cancellation = payload.fulfillmentCancellation;
    if (cancellation !== null) {
      next = withNotice(next, 'info', `Asked to cancel one ${name}: ${cancellation.id} is ${cancellation.state}; the fulfiller decides shortly.`);
      if (next.order !== undefined && next.order !== null) next = { ...next, order: withCancellation(next.order, cancellation) };
    }
    update(next);
  } catch (error) {
    update(withNotice(withAsking(state, fulfillmentOrderItemId, false), 'error', `Cancelling one ${name}: ${messageOf(error)}`));
  }
}

/** (Re)connects with the current token: a new client, a new subscription, a fresh read. */
function connect(): void {
  endSubscription?.();
  client?.dispose();
  const gateway = createGatewayClient({
    httpUrl: config.graphqlPath,
    webSocketUrl: webSocketUrl(config.graphqlPath),
    token,
    onConnection: (connection, wasRetry) => {
      if (gateway !== client) return;
      update({ ...state, connection });
      // Pushes sent while the socket was down are lost: read the order again.
      if (wasRetry) void loadOrder(gateway);
    },
  });
  client = gateway;
  // Subscribe first, so that no change between the read and the subscription goes unseen.
  subscribe(gateway);
  void loadOrder(gateway);
}

function renderBar(): void {
  const input = h('input', {
    id: 'token', name: 'token', type: 'password', autocomplete: 'off', spellcheck: 'false',
    placeholder: 'paste a token when the gateway asks for one', value: token,
  });
  replaceChildren(bar as HTMLElement,
    h('a', { class: 'bar-title', href: `/demo/orders/${encodeURIComponent(config.orderId)}` }, 'Live order page'),
    h('form', {
      class: 'bar-token',
      onsubmit: (event) => {
        event.preventDefault();
        saveToken(input.value);
        token = input.value.trim();
        state = { ...state, order: undefined, events: [] };
        renderBar();
        connect();
      },
    },
    h('label', { for: 'token' }, 'Bearer token'), input, h('button', { type: 'submit' }, 'Use'),
    h('span', { class: 'muted' }, authorizationFor(token) === undefined ? 'no token' : 'token set')),
    h('a', { href: config.graphqlPath }, 'Explorer →'));
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

renderBar();
update(state);
connect();
