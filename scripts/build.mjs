// Builds dist/ from the TypeScript sources, compiling only what changed since the last build (`npm run build` and every script that runs code from dist/).
//
// tsc's build mode answers "up to date" from dist/build.tsbuildinfo alone in
// about a second, where a full compile takes 25 s or more. It trusts that
// file completely, though: it neither notices an output deleted by hand
// (dist/src/main.js gone, the buildinfo left) nor removes the output of a
// source that no longer exists. This script closes both gaps before handing
// over to tsc, in the same process so TypeScript loads once.
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// Required, not imported: an ESM import of TypeScript's 9 MB CommonJS file makes Node lex it for named exports first (0.6 s).
const ts = createRequire(import.meta.url)('typescript');

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const configPath = join(root, 'tsconfig.build.json');
const force = process.argv.includes('--force');

const config = ts.getParsedCommandLineOfConfigFile(configPath, {}, {
  ...ts.sys,
  onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
    throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
  },
});
if (config === undefined) throw new Error(`cannot read ${configPath}`);
const { outDir, rootDir } = config.options;
if (outDir === undefined || rootDir === undefined) throw new Error(`${configPath} must set outDir and rootDir`);

/** The .js file tsc writes for a source file. */
const outputOf = (source) => join(outDir, relative(rootDir, source)).replace(/\.ts$/, '.js');
const expected = new Set(config.fileNames.filter((file) => !file.endsWith('.d.ts')).map(outputOf));

removeStaleOutputs(outDir);
// One missing output means dist/ was changed behind tsc's back: build everything again.
const missing = [...expected].find((output) => !existsSync(output));
const buildInfo = config.options.tsBuildInfoFile;
if (missing !== undefined && !force && buildInfo !== undefined && existsSync(buildInfo)) {
  process.stdout.write(`${relative(root, missing)} is missing: building everything\n`);
}

const formatHost = { getCanonicalFileName: (name) => name, getCurrentDirectory: () => root, getNewLine: () => '\n' };
const pretty = ts.sys.writeOutputIsTTY?.() ?? false;
const report = (diagnostic) => process.stdout.write(pretty ? ts.formatDiagnosticsWithColorAndContext([diagnostic], formatHost) : ts.formatDiagnostics([diagnostic], formatHost));
const host = ts.createSolutionBuilderHost(ts.sys, undefined, report, report);
const status = ts.createSolutionBuilder(host, [configPath], { force: force || missing !== undefined }).build();
process.exitCode = status === ts.ExitStatus.Success ? 0 : 1;

/**
 * Deletes tsc outputs (a .js with its .js.map) whose source is gone, so no
 * module of a deleted file lingers in dist/. An output counts as tsc's only
 * when its source map names exactly one .ts source: a bundle another tool
 * writes into dist/ (several sources, or none) is left alone.
 */
function removeStaleOutputs(directory) {
  if (!existsSync(directory)) return;
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) {
      removeStaleOutputs(path);
      continue;
    }
    if (!entry.name.endsWith('.js') || expected.has(path) || !existsSync(`${path}.map`)) continue;
    const sources = sourcesOf(`${path}.map`);
    if (sources.length !== 1 || !sources[0].endsWith('.ts') || existsSync(sources[0])) continue;
    rmSync(path);
    rmSync(`${path}.map`);
  }
}

/** The absolute source paths a source map names ([] when it cannot be read). */
function sourcesOf(mapPath) {
  try {
    const map = JSON.parse(readFileSync(mapPath, 'utf8'));
    if (!Array.isArray(map.sources)) return [];
    return map.sources.map((source) => resolve(dirname(mapPath), map.sourceRoot ?? '', source));
  } catch {
    return [];
  }
}
