// A webhook event whose processing keeps failing costs only itself: logged with its id, counted as failed in /metrics, and the gateway goes on.
import { cancellationEvent, sendEvent } from '../helpers/sign-webhook';
import { simGet } from '../helpers/simulator-http';
import { type Stack, startStack } from '../helpers/start-stack';
import { eventually } from '../helpers/ws-client';

const SECRET = 'whsec_failing_event';

/** The value of one series of `gateway_events_published_total`, 0 when absent. */
async function published(url: string, outcome: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const match = new RegExp(`^gateway_events_published_total\\{outcome="${outcome}"\\} (\\d+)`, 'm').exec(text);
  return match === null ? 0 : Number(match[1]);
}

describe('an event that still fails after its processing retries', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack({ DR_WEBHOOK_SECRET: SECRET });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('is logged with its id, counted as failed and dropped; the gateway keeps serving and processes the next event', async () => {
    // Linking a cancellation to its order needs upstream, which fails with a 500 (not retried by the client)
    // for as long as the fault stays armed: every processing attempt fails.
    stack.simulator.faults.add({ pathPrefix: '/fulfillment-orders', status: 500, times: 0 });
    const doomed = cancellationEvent({ id: 'fc-doomed', fulfillmentOrderId: 'fo-unreachable', state: 'accepted', items: [] }, 'fulfillment_cancellation.accepted');
    expect(await sendEvent(stack.url, doomed, [SECRET])).toBe(202);
    // Five attempts, 200 + 400 + 800 + 1600 ms apart.
    await eventually(() => stack.logs.some((line) => line.eventId === doomed.id && line.level === 'error'), 10_000, 'the failure to be logged');

    expect(stack.logs.find((line) => line.eventId === doomed.id && line.level === 'error'))
      .toMatchObject({ msg: 'webhook event failed after its retries; dropped from processing' });
    expect(stack.logs.filter((line) => line.eventId === doomed.id && line.msg === 'webhook event processing failed; retrying')).toHaveLength(4);
    expect(await published(stack.url, 'failed')).toBe(1);

    // Still serving, and the next event is processed once upstream answers again.
    stack.simulator.faults.clear();
    expect((await fetch(`${stack.url}/healthz`)).status).toBe(200);
    const [cancellation] = (await simGet<{ data: Array<Record<string, unknown>> }>(stack.simulator, '/fulfillment-cancellations?limit=1')).data;
    const next = cancellationEvent({ ...cancellation!, state: 'accepted' }, 'fulfillment_cancellation.accepted');
    expect(await sendEvent(stack.url, next, [SECRET])).toBe(202);
    for (let tries = 0; (await published(stack.url, 'published')) === 0; tries += 1) {
      if (tries > 200) throw new Error('the next event was never published');
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(await published(stack.url, 'failed')).toBe(1);
  });
});
