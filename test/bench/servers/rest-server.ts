// Benchmark child: the hand-written REST endpoint in its own process, against a simulator URL.
import { childParams, serveCommands } from '../lib/child-endpoint';
import { stringField } from '../lib/ipc-protocol';
import { startRestEndpoint } from '../rest/order-page.endpoint';

async function main(): Promise<void> {
  const params = childParams();
  const endpoint = await startRestEndpoint({ upstreamUrl: stringField(params, 'upstreamUrl'), apiKey: stringField(params, 'apiKey') });
  serveCommands({ info: { url: endpoint.url }, stop: () => endpoint.stop() });
}

main().catch((error: unknown) => {
  process.stderr.write(`rest-server: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
});
