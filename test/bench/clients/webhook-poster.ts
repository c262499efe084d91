// Signs and POSTs webhook events to the gateway's receiver over a keep-alive undici Pool.
import { Pool } from 'undici';

import { signatureHeader } from '../../helpers/sign-webhook';
import type { WebhookEvent } from './event-factory';

/** Posts signed events; `close` releases the sockets. */
export interface WebhookPoster {
  /** Signs `event` (freshly, as upstream does per attempt) and resolves with the status once the answer is read. */
  post(event: WebhookEvent): Promise<number>;
  close(): Promise<void>;
}

/** A poster for `${gatewayUrl}/webhooks/digitalriver` keeping up to `connections` sockets open. */
export function createWebhookPoster(gatewayUrl: string, secret: string, connections: number): WebhookPoster {
  const pool = new Pool(new URL(gatewayUrl).origin, { connections, keepAliveTimeout: 30_000, pipelining: 1 });
  return {
    async post(event) {
      const body = JSON.stringify(event);
      const response = await pool.request({
        method: 'POST',
        path: '/webhooks/digitalriver',
        headers: { 'content-type': 'application/json', 'digitalriver-signature': signatureHeader(body, [secret]) },
        body,
      });
      await response.body.dump();
      return response.statusCode;
    },
    close: () => pool.close(),
  };
}
