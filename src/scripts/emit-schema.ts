// Writes schema/schema.graphql from the code (used by `npm run codegen`); --check only compares.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { printEmittedSchema } from '../schema/print-schema';
import { buildGatewaySchema } from '../graphql/build-schema';

const target = join(process.cwd(), 'schema', 'schema.graphql');

async function main(): Promise<void> {
  const sdl = printEmittedSchema(await buildGatewaySchema());
  if (process.argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(target, 'utf8');
    } catch {
      // a missing file is stale too
    }
    if (current !== sdl) {
      process.stderr.write('schema/schema.graphql is stale: run `npm run codegen` and commit the result\n');
      process.exitCode = 1;
      return;
    }
    process.stdout.write('schema/schema.graphql is fresh\n');
    return;
  }
  writeFileSync(target, sdl);
  process.stdout.write(`wrote ${target}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exitCode = 1;
});
