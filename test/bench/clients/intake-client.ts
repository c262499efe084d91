// Benchmark child: the webhook intake benchmark's client — one subscription per cancellation, a concurrent signed sender, and the delivery check.
import { childParams, serveCommands } from '../lib/child-endpoint';
import { numberField, stringField } from '../lib/ipc-protocol';
import { summarise } from '../lib/stats';
import { idOf } from '../shared/upstream-format';
import { MicrosClock, type WebhookEvent, webhookEvent } from './event-factory';
import { planIntake } from './intake-plan';
import { ObjectSlots } from './object-slots';
import { CANCELLATION_UPDATED } from './subscription-layout';
import { SubscriptionPool, checkDeliveries } from './subscription-pool';
import { type UpstreamObject, readAll } from './upstream-reader';
import { createWebhookPoster } from './webhook-poster';

/** One cancellation the sender writes events about. */
interface Subject {
  key: string;
  object: UpstreamObject;
  /** createdTime (µs) of the last new event about it that was pushed, i.e. applied by the gateway. */
  applied: number | undefined;
}

const TYPE_OF_STATE: Record<string, string> = {
  pending: 'fulfillment_cancellation.created',
  accepted: 'fulfillment_cancellation.accepted',
  rejected: 'fulfillment_cancellation.rejected',
};

async function main(): Promise<void> {
  const params = childParams();
  const gatewayUrl = stringField(params, 'gatewayUrl');
  const concurrency = numberField(params, 'concurrency');
  const cancellations = (await readAll(stringField(params, 'simulatorUrl'), stringField(params, 'apiKey'), 'fulfillment-cancellations'))
    .filter((cancellation) => cancellation['upstreamId'] !== undefined);
  const pool = new SubscriptionPool(`${gatewayUrl.replace(/^http/, 'ws')}/graphql`, numberField(params, 'perSocket'));
  const subjects: Subject[] = cancellations.map((object) => ({ key: `cancellation:${idOf(object['id'])}`, object, applied: undefined }));
  const batch = await pool.open(subjects.map((subject) => ({
    key: subject.key, query: CANCELLATION_UPDATED, variables: { id: idOf(subject.object['id']) }, field: 'fulfillmentCancellationUpdated',
  })));
  const poster = createWebhookPoster(gatewayUrl, stringField(params, 'webhookSecret'), concurrency);

  // Across runs (warm-up, then measured): what each subscriber must receive, and the pushes still awaited.
  const clock = new MicrosClock();
  const slots = new ObjectSlots(subjects);
  const expected = new Map<string, Set<string>>();
  const awaiting = new Map<string, { subject: Subject; micros: number }>();
  let drained: () => void = () => undefined;
  let lastPush = 0;
  pool.onPush((_key, eventId, at) => {
    const entry = awaiting.get(eventId);
    if (entry === undefined) return;
    awaiting.delete(eventId);
    entry.subject.applied = entry.micros;
    lastPush = at;
    slots.release(entry.subject);
    if (awaiting.size === 0) drained();
  });

  /** Sends the planned mix with `concurrency` deliveries in flight and answers what happened (deliveries checked over every run so far). */
  const run = async (count: number): Promise<Record<string, unknown>> => {
    const plan = planIntake(count);
    const sentNew = new Map<number, { event: WebhookEvent; answered: Promise<void> }>();
    const wrongStatus: string[] = [];
    let wrongStatusCount = 0;
    const ackMs: number[] = [];
    const answers = { new: 0, duplicate: 0, stale: 0 };
    const deliver = async (event: WebhookEvent, want: number, kind: keyof typeof answers): Promise<void> => {
      const started = performance.now();
      const status = await poster.post(event);
      ackMs.push(performance.now() - started);
      if (status === want) {
        answers[kind] += 1;
        return;
      }
      wrongStatusCount += 1;
      if (wrongStatus.length < 5) wrongStatus.push(`${kind} ${event.id} answered ${status}, expected ${want}`);
    };
    const sendOne = async (index: number): Promise<void> => {
      const planned = plan[index];
      if (planned === undefined) return;
      if (planned.kind === 'duplicate') {
        const original = sentNew.get(planned.of);
        if (original === undefined) throw new Error(`duplicate ${index} repeats ${planned.of}, which was never sent`);
        await original.answered;
        await deliver(original.event, 200, 'duplicate');
        return;
      }
      if (planned.kind === 'stale') {
        // Older than what the gateway applied for this cancellation: answered 202, never pushed.
        const subject = await slots.take((candidate) => candidate.applied !== undefined);
        const event = webhookEvent(typeOfState(subject.object), subject.object, (subject.applied as number) - 1000);
        await deliver(event, 202, 'stale');
        slots.release(subject);
        return;
      }
      const subject = await slots.take();
      const micros = clock.next();
      const event = webhookEvent(typeOfState(subject.object), subject.object, micros);
      const wanted = expected.get(subject.key);
      if (wanted === undefined) expected.set(subject.key, new Set([event.id]));
      else wanted.add(event.id);
      awaiting.set(event.id, { subject, micros });
      const answered = deliver(event, 202, 'new');
      sentNew.set(index, { event, answered });
      await answered;
      // The subject stays busy until its push arrives (see onPush): the next event about it is never racing this one.
    };

    let next = 0;
    const started = performance.now();
    let lastAnswer = started;
    await Promise.all(Array.from({ length: concurrency }, async () => {
      while (next < plan.length) {
        const index = next;
        next += 1;
        await sendOne(index);
        lastAnswer = performance.now();
      }
    }));
    const allPushed = awaiting.size === 0 ? Promise.resolve() : new Promise<void>((resolve) => {
      drained = resolve;
    });
    const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 60_000).unref());
    const outcome = await Promise.race([allPushed.then(() => 'drained' as const), timeout]);
    // Late doubles would arrive now, if any.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const ack = summarise(ackMs, 'webhook answer time');
    return {
      sent: plan.length,
      planned: { new: plan.filter((p) => p.kind === 'new').length, duplicate: plan.filter((p) => p.kind === 'duplicate').length, stale: plan.filter((p) => p.kind === 'stale').length },
      answered: answers,
      wrongStatus: wrongStatusCount,
      wrongStatusExamples: wrongStatus,
      seconds: (lastAnswer - started) / 1000,
      pushedWithinSeconds: outcome === 'drained' ? (lastPush - started) / 1000 : -1,
      ackP50: ack.p50,
      ackP99: ack.p99,
      objects: subjects.length,
      delivery: checkDeliveries(pool, expected),
    };
  };

  serveCommands({
    info: { subscriptions: subjects.length, sockets: batch.sockets },
    commands: { run: (raw) => run(numberField(raw, 'events')) },
    stop: async () => {
      await batch.close();
      await poster.close();
    },
  });
}

function typeOfState(object: UpstreamObject): string {
  return TYPE_OF_STATE[String(object['state'])] ?? 'fulfillment_cancellation.accepted';
}

main().catch((error: unknown) => {
  process.stderr.write(`intake-client: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
});
