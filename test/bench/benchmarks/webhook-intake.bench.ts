// Benchmark 5: webhook intake — signed events per second the receiver acknowledges, with duplicates and out-of-order events, nothing lost or pushed twice.
import { randomUUID } from 'node:crypto';

import { DUPLICATE_DISTANCE, planIntake } from '../clients/intake-plan';
import { CANCELLATION_UPDATED } from '../clients/subscription-layout';
import { type ChildHandle, launchChild, stopAll } from '../lib/child-process';
import { type DeliveryCounts, requireExactDelivery } from '../lib/delivery-check';
import { isRecord, numberField, stringField } from '../lib/ipc-protocol';
import { num, table, verdict } from '../lib/markdown';
import { BenchmarkError, requireCount, requirePositive } from '../lib/validate';
import { waitFor } from '../lib/wait-for';
import { SERVER_ENV, benchScript } from './servers-under-test';

/** How big an intake run is. */
export interface IntakeOptions {
  /** Events of the same mix sent first, not measured (JIT, connections, ownership lookups); their pushes are checked too. */
  warmupEvents: number;
  events: number;
  /** Deliveries in flight. */
  concurrency: number;
  perSocket: number;
}

/** What the benchmark found. */
export interface IntakeResult {
  options: IntakeOptions;
  planned: { new: number; duplicate: number; stale: number };
  eventsPerSecond: number;
  seconds: number;
  /** From the first send to the last expected push. */
  pushedWithinSeconds: number;
  ackP50Ms: number;
  ackP99Ms: number;
  cancellations: number;
  delivery: DeliveryCounts;
}

function counts(value: unknown, what: string): { new: number; duplicate: number; stale: number } {
  if (!isRecord(value)) throw new BenchmarkError(`${what} missing from the intake answer`);
  return { new: numberField(value, 'new'), duplicate: numberField(value, 'duplicate'), stale: numberField(value, 'stale') };
}

function planIntakeNew(count: number): number {
  return planIntake(count).filter((delivery) => delivery.kind === 'new').length;
}

/**
 * Starts a simulator, a gateway and the intake client (one subscription per
 * cancellation that has an order id), each in its own process, confirms every
 * subscription is registered, then sends the planned mix and checks: every
 * new and out-of-order event answered 202, every duplicate 200, every new
 * event pushed exactly once to its cancellation's subscriber, nothing else pushed.
 *
 * @throws BenchmarkError otherwise.
 */
export async function measureWebhookIntake(options: IntakeOptions): Promise<IntakeResult> {
  const children: ChildHandle[] = [];
  try {
    const simulator = await launchChild({ name: 'simulator', script: benchScript('servers', 'simulator-server') });
    children.push(simulator);
    const webhookSecret = `whsec_${randomUUID()}`;
    const upstream = { upstreamUrl: stringField(simulator.info, 'url'), apiKey: stringField(simulator.info, 'apiKey') };
    const gateway = await launchChild({ name: 'gateway', script: benchScript('servers', 'gateway-server'), params: { ...upstream, webhookSecret }, env: SERVER_ENV });
    children.push(gateway);
    const client = await launchChild({
      name: 'intake-client',
      script: benchScript('clients', 'intake-client'),
      params: { gatewayUrl: stringField(gateway.info, 'url'), simulatorUrl: upstream.upstreamUrl, apiKey: upstream.apiKey, webhookSecret, perSocket: options.perSocket, concurrency: options.concurrency },
    });
    children.push(client);
    const subscriptions = numberField(client.info, 'subscriptions');
    await waitFor('intake subscriptions registered', async () => numberField({ n: await gateway.command('subscriptions') }, 'n'), (n) => n === subscriptions);

    await client.command('run', { events: options.warmupEvents }, 300_000);
    const reply = await client.command('run', { events: options.events }, 300_000);
    const planned = counts(isRecord(reply) ? reply['planned'] : undefined, 'planned');
    const answered = counts(isRecord(reply) ? reply['answered'] : undefined, 'answered');
    const wrong = numberField(reply, 'wrongStatus');
    if (wrong > 0) {
      const examples = isRecord(reply) && Array.isArray(reply['wrongStatusExamples']) ? reply['wrongStatusExamples'].map(String).join('; ') : '';
      throw new BenchmarkError(`${wrong} webhooks got the wrong status: ${examples}`);
    }
    requireCount(answered.new, planned.new, 'new events answered 202');
    requireCount(answered.duplicate, planned.duplicate, 'duplicates answered 200');
    requireCount(answered.stale, planned.stale, 'out-of-order events answered 202');
    requireCount(planned.new + planned.duplicate + planned.stale, options.events, 'events sent');
    const delivery = requireExactDelivery(isRecord(reply) ? reply['delivery'] : undefined, 'intake pushes');
    const warmupNew = planIntakeNew(options.warmupEvents);
    requireCount(delivery.expected, planned.new + warmupNew, 'pushes expected (one per new event, warm-up included)');
    const seconds = requirePositive(numberField(reply, 'seconds'), 'intake seconds');
    return {
      options,
      planned,
      eventsPerSecond: requirePositive(options.events / seconds, 'events per second'),
      seconds,
      pushedWithinSeconds: requirePositive(numberField(reply, 'pushedWithinSeconds'), 'time to the last push (all pushes must arrive within 60 s)'),
      ackP50Ms: requirePositive(numberField(reply, 'ackP50'), 'answer p50'),
      ackP99Ms: requirePositive(numberField(reply, 'ackP99'), 'answer p99'),
      cancellations: subscriptions,
      delivery,
    };
  } finally {
    await stopAll(children);
  }
}

/** The report section. */
export function renderWebhookIntake(result: IntakeResult): string {
  const { options, planned, delivery } = result;
  return [
    `${num(options.events)} signed events (after ${num(options.warmupEvents)} unmeasured ones of the same mix) from a separate client process over keep-alive connections, ${options.concurrency} in flight, `
      + `${num(result.cancellations)} cancellations with one subscriber each (\`${CANCELLATION_UPDATED}\`, ${options.perSocket} per WebSocket). `
      + `Mix: ${num(planned.new)} new, ${num(planned.duplicate)} duplicates (the same event again, ≥ ${DUPLICATE_DISTANCE} deliveries later), `
      + `${num(planned.stale)} out of order (a new event id with a createdTime older than what the gateway already applied for that cancellation). `
      + 'The next event about a cancellation is sent only after the previous one was pushed, so ordering never depends on a race between two in-flight deliveries.',
    '',
    table(
      ['events/s acknowledged', 'time to acknowledge all', 'answer p50', 'answer p99', 'time to the last push', 'pushes expected', 'delivered once', 'lost', 'pushed twice', 'stale or duplicate pushed'],
      [[
        num(result.eventsPerSecond),
        `${num(result.seconds, 2)} s`,
        `${num(result.ackP50Ms, 1)} ms`,
        `${num(result.ackP99Ms, 1)} ms`,
        `${num(result.pushedWithinSeconds, 2)} s`,
        num(delivery.expected),
        num(delivery.delivered),
        num(delivery.missing),
        num(delivery.duplicated),
        num(delivery.unexpected),
      ]],
    ),
    '',
    `Every new and out-of-order event was answered 202 and every duplicate 200. Target "≥ 2,000 events/s, none lost, none twice": ${verdict(result.eventsPerSecond >= 2000)}.`,
  ].join('\n');
}
