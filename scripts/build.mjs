// Builds dist/ from the TypeScript sources, compiling only what changed since the last build (`npm run build` and every script that runs code from dist/).
//
// Two gaps of tsc's build mode are closed here. It answers "up to date" from
// dist/build.tsbuildinfo alone, trusting it completely: it neither notices an
// output deleted by hand (dist/src/main.js gone, the buildinfo left) nor
// removes the output of a source that no longer exists. And it costs about a
// second even then, most of it loading TypeScript, which every `npm start`
// and `npm run token` would pay. So a successful build leaves a stamp listing
// its inputs, their folders and its outputs; while none of those inputs or
// folders changed since, and every output is there, nothing is loaded at all.
import { existsSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const configPath = join(root, 'tsconfig.build.json');
// tsconfig.build.json's outDir; checked against the parsed configuration below.
const outDir = join(root, 'dist');
const stampPath = join(outDir, 'build-stamp.json');
const force = process.argv.includes('--force');

const stamp = readStamp();
if (force || !upToDate(stamp)) build(stamp);

/** The stamp of the last successful build, or undefined. */
function readStamp() {
  try {
    return JSON.parse(readFileSync(stampPath, 'utf8'));
  } catch {
    return undefined;
  }
}

/**
 * True when the last successful build's inputs, and the folders holding them,
 * are all older than that build's start, and its outputs all exist. A file
 * added to or removed from a source folder changes that folder's time.
 */
function upToDate(stamp) {
  if (stamp === undefined) return false;
  try {
    for (const path of [...stamp.inputs, ...stamp.folders]) {
      if (statSync(join(root, path)).mtimeMs >= stamp.startedAt) return false;
    }
    return stamp.outputs.every((path) => existsSync(join(root, path)));
  } catch {
    return false; // an input or folder is gone
  }
}

function build(previous) {
  const startedAt = Date.now();
  // Required, not imported: an ESM import of TypeScript's 9 MB CommonJS file makes Node lex it for named exports first (0.6 s).
  const ts = createRequire(import.meta.url)('typescript');
  const config = ts.getParsedCommandLineOfConfigFile(configPath, {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
    },
  });
  if (config === undefined) throw new Error(`cannot read ${configPath}`);
  const { rootDir, tsBuildInfoFile } = config.options;
  if (config.options.outDir !== outDir || rootDir === undefined) throw new Error(`${configPath} must set rootDir and outDir "dist" (the build stamp lives there)`);

  /** The .js file tsc writes for a source file. */
  const outputOf = (source) => join(outDir, relative(rootDir, source)).replace(/\.ts$/, '.js');
  const sources = config.fileNames.filter((file) => !file.endsWith('.d.ts'));
  const expected = new Set(sources.map(outputOf));

  removeStaleOutputs(outDir, expected);
  // An output the last build wrote that is gone now means dist/ was changed behind tsc's back: build everything again.
  const built = new Set((previous?.outputs ?? []).map((path) => join(root, path)));
  const missing = tsBuildInfoFile !== undefined && existsSync(tsBuildInfoFile)
    ? [...expected].find((output) => built.has(output) && !existsSync(output))
    : undefined;
  if (missing !== undefined && !force) process.stdout.write(`${relative(root, missing)} is missing: building everything\n`);

  const formatHost = { getCanonicalFileName: (name) => name, getCurrentDirectory: () => root, getNewLine: () => '\n' };
  const pretty = ts.sys.writeOutputIsTTY?.() ?? false;
  const report = (diagnostic) => process.stdout.write(pretty ? ts.formatDiagnosticsWithColorAndContext([diagnostic], formatHost) : ts.formatDiagnostics([diagnostic], formatHost));
  const host = ts.createSolutionBuilderHost(ts.sys, undefined, report, report);
  const status = ts.createSolutionBuilder(host, [configPath], { force: force || missing !== undefined }).build();
  if (status !== ts.ExitStatus.Success) {
    process.exitCode = 1;
    // Kept for its list of outputs, but never up to date: the next run asks tsc again.
    if (previous !== undefined) writeFileSync(stampPath, JSON.stringify({ ...previous, startedAt: 0 }));
    return;
  }

  const inputs = [configPath, join(root, 'tsconfig.json'), ...config.fileNames];
  const folders = new Set();
  for (const input of config.fileNames) {
    for (let folder = dirname(input); folder.startsWith(`${root}/`); folder = dirname(folder)) folders.add(folder);
  }
  const relativeAll = (paths) => [...paths].map((path) => relative(root, path));
  writeFileSync(stampPath, JSON.stringify({ startedAt, inputs: relativeAll(inputs), folders: relativeAll(folders), outputs: relativeAll(expected) }));
}

/**
 * Deletes tsc outputs (a .js with its .js.map) whose source is gone, so no
 * module of a deleted file lingers in dist/. An output counts as tsc's only
 * when its source map names exactly one .ts source: a bundle another tool
 * writes into dist/ (several sources, or none) is left alone.
 */
function removeStaleOutputs(directory, expected) {
  if (!existsSync(directory)) return;
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) {
      removeStaleOutputs(path, expected);
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
