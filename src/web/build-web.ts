// `npm run build:web`: builds the browser pages into dist/web (see build-assets.ts); `--force` rebuilds even when nothing changed.
import { buildWebAssets, describeBuild } from './build-assets';

buildWebAssets({ force: process.argv.includes('--force') })
  .then((result) => process.stdout.write(`${describeBuild(result)}\n`))
  .catch((error: unknown) => {
    process.stderr.write(`web build failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
