// Entry point of `npm run simulator`: starts the upstream simulator from environment variables.

import { createSimulator } from './create-simulator';

/** Reads a non-negative integer variable, or the default when unset. */
function intFromEnv(name: string, fallback: number): number {
  const raw = process.env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw new TypeError(`${name} must be a non-negative integer, got ${JSON.stringify(raw)}`);
  return Number(raw);
}

/** Reads a comma-separated list, trimmed, without empty entries; undefined when unset or empty. */
function listFromEnv(name: string): string[] | undefined {
  const values = (process.env[name] ?? '').split(',').map((v) => v.trim()).filter((v) => v !== '');
  return values.length > 0 ? values : undefined;
}

async function main(): Promise<void> {
  const seedRaw = process.env['SIMULATOR_SEED']?.trim();
  const webhookSecrets = listFromEnv('SIMULATOR_WEBHOOK_SECRET');
  const starting = createSimulator({
    port: intFromEnv('SIMULATOR_PORT', 4010),
    host: process.env['SIMULATOR_HOST']?.trim() || '127.0.0.1',
    ...(process.env['SIMULATOR_API_KEY'] ? { apiKey: process.env['SIMULATOR_API_KEY'] } : {}),
    latencyMs: intFromEnv('SIMULATOR_LATENCY_MS', 0),
    rateLimitPerSecond: intFromEnv('SIMULATOR_RATE_LIMIT', 0),
    javaDates: process.env['SIMULATOR_JAVA_DATES'] === 'true',
    ...(seedRaw ? { seed: intFromEnv('SIMULATOR_SEED', 0) } : {}),
    fulfillerDelayMs: intFromEnv('SIMULATOR_FULFILLER_DELAY_MS', 3000),
    ...(webhookSecrets !== undefined ? { webhookSecrets } : {}),
  });
  // Listening before the URL is printed: whoever reads it may signal at once.
  // `on`, not `once`, plus a flag: a second signal (npm forwards Ctrl-C once
  // more) must not kill the process in the middle of its stop.
  let stopping = false;
  const shutdown = (): void => {
    if (stopping) return;
    stopping = true;
    void starting.then((started) => started.stop()).then(() => process.exit(0), () => process.exit(1));
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
  const sim = await starting;
  process.stdout.write(`${JSON.stringify({ service: 'dr-simulator', url: sim.url, orders: sim.store.orders.size, bulkOrderId: sim.store.facts.bulkOrderId })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${JSON.stringify({ service: 'dr-simulator', error: error instanceof Error ? error.message : String(error) })}\n`);
  process.exit(1);
});
