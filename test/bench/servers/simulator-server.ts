// Benchmark child: the upstream simulator in its own process, with IPC commands to count and clear the calls it served.
import { setMaxListeners } from 'node:events';

import { createSimulator } from '../../../src/simulator/create-simulator';
import { countCalls } from '../lib/call-count';
import { childParams, serveCommands } from '../lib/child-endpoint';

/** Parameters: `latencyMs` (default 0) added to every answer, `orderCount` (default the simulator's 300). */
async function main(): Promise<void> {
  const params = childParams();
  const latencyMs = typeof params['latencyMs'] === 'number' ? params['latencyMs'] : 0;
  const orderCount = typeof params['orderCount'] === 'number' ? params['orderCount'] : undefined;
  // Each delayed answer listens on the simulator's one stop signal; hundreds in flight are expected here, not a leak.
  setMaxListeners(0);
  const simulator = await createSimulator({ port: 0, latencyMs, ...(orderCount === undefined ? {} : { orderCount }) });
  serveCommands({
    info: { url: simulator.url, apiKey: 'sk_test_simulator', orders: simulator.store.orders.size },
    commands: {
      calls: () => countCalls(simulator.requestLog.entries()),
      clear: () => {
        simulator.requestLog.clear();
        return true;
      },
    },
    stop: () => simulator.stop(),
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`simulator-server: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
});
