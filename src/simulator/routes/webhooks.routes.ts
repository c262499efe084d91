// POST/GET /webhooks and GET/PATCH/DELETE /webhooks/{id} (§12.1).

import { notFound } from '../errors';
import { paginate } from '../list-query';
import { ok, type Route } from '../router';
import { validateWebhookCreate, validateWebhookUpdate } from '../webhook.request';
import type { Webhook } from '../wire-types';

/**
 * The webhook routes. Webhooks live in the store; the webhook sender reads them for
 * every new event. The list is `{hasMore, data}` like the other lists (§12.1 infers it),
 * newest first; `DELETE` answers 204 (upstream leaves the code open).
 */
export const webhookRoutes: Route[] = [
  {
    method: 'POST',
    path: '/webhooks',
    handle({ store, body }) {
      const fields = validateWebhookCreate(body());
      const now = new Date().toISOString();
      const webhook: Webhook = {
        id: store.ids.uuid(),
        types: fields.types,
        address: fields.address,
        enabled: fields.enabled ?? true,
        apiVersion: fields.apiVersion ?? 'default',
        createdTime: now,
        updatedTime: now,
        liveMode: false,
      };
      store.webhooks.put(webhook);
      return { status: 201, body: webhook };
    },
  },
  {
    method: 'GET',
    path: '/webhooks',
    handle({ query, store }) {
      return ok(paginate(store.webhooks, query, () => true, (w) => w));
    },
  },
  {
    method: 'GET',
    path: '/webhooks/:id',
    handle({ params, store }) {
      return ok(findWebhook(store.webhooks.get(params['id'] ?? ''), params['id'] ?? ''));
    },
  },
  {
    method: 'PATCH',
    path: '/webhooks/:id',
    handle({ params, store, body }) {
      const webhook = findWebhook(store.webhooks.get(params['id'] ?? ''), params['id'] ?? '');
      const fields = validateWebhookUpdate(body());
      Object.assign(webhook, fields, { updatedTime: new Date().toISOString() });
      return ok(webhook);
    },
  },
  {
    method: 'DELETE',
    path: '/webhooks/:id',
    handle({ params, store }) {
      const id = params['id'] ?? '';
      findWebhook(store.webhooks.get(id), id);
      store.webhooks.delete(id);
      return { status: 204 };
    },
  },
];

// Private: the webhook, or a 404 naming it.
function findWebhook(webhook: Webhook | undefined, id: string): Webhook {
  if (webhook === undefined) throw notFound('Webhook', id);
  return webhook;
}
