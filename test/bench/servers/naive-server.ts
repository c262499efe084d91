// Benchmark child: the naive gateway in its own process, against a simulator URL.
import { childParams, serveCommands } from '../lib/child-endpoint';
import { stringField } from '../lib/ipc-protocol';
import { startNaiveGateway } from '../naive/naive-gateway';

async function main(): Promise<void> {
  const params = childParams();
  const gateway = await startNaiveGateway({ upstreamUrl: stringField(params, 'upstreamUrl'), apiKey: stringField(params, 'apiKey') });
  serveCommands({ info: { url: gateway.url }, stop: () => gateway.stop() });
}

main().catch((error: unknown) => {
  process.stderr.write(`naive-server: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
});
