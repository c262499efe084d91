// Signs webhook bodies the way upstream does (t=<unix>,v0=<hmac>), with test-only code independent of the gateway's verifier.
import { createHmac, randomUUID } from 'node:crypto';

/** The DigitalRiver-Signature header for `body`, one v0 per secret. */
export function signatureHeader(body: string, secrets: readonly string[], timestampSeconds = Math.floor(Date.now() / 1000)): string {
  const signatures = secrets.map((secret) => `v0=${createHmac('sha256', secret).update(`${timestampSeconds}.${body}`).digest('hex')}`);
  return [`t=${timestampSeconds}`, ...signatures].join(',');
}

/** POSTs a signed body to the gateway's receiver and returns the status. */
export async function postWebhook(gatewayUrl: string, body: string, headers: Record<string, string>): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${gatewayUrl}/webhooks/digitalriver`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  return { status: response.status, body: await response.json() };
}

/** Signs and sends an event. */
export async function sendEvent(gatewayUrl: string, event: object, secrets: readonly string[]): Promise<number> {
  const body = JSON.stringify(event);
  return (await postWebhook(gatewayUrl, body, { 'digitalriver-signature': signatureHeader(body, secrets) })).status;
}

let sequence = 0;

/** A `fulfillment_cancellation.*` event for a cancellation object, with a unique id and a microsecond time. */
export function cancellationEvent(
  object: Record<string, unknown>,
  type: string,
  options: { createdTime?: Date; previousState?: string; id?: string } = {},
): Record<string, unknown> {
  sequence += 1;
  const at = options.createdTime ?? new Date();
  const micros = String(sequence % 1000).padStart(3, '0');
  return {
    id: options.id ?? randomUUID(),
    type,
    createdTime: at.toISOString().replace('Z', `${micros}Z`),
    liveMode: false,
    data: { object, ...(options.previousState === undefined ? {} : { previousAttributes: { state: options.previousState } }) },
  };
}
