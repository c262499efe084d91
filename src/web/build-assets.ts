// Builds the browser pages (explorer, live order page) and Monaco's workers into dist/web with esbuild: hashed names, a manifest, brotli and gzip copies; skips when nothing changed.
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { basename, extname, join, relative } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlibConstants, gzip } from 'node:zlib';

import { build } from 'esbuild';

import { type BuiltFile, type Encoding, type PageName, type WebManifest, type WorkerName, parseManifest } from './manifest';
import { browserSourceDir, projectRoot, webBuildDir } from './paths';

/** What {@link buildWebAssets} did. */
export interface WebBuildResult {
  /** True when the build folder was already newer than every input. */
  skipped: boolean;
  dir: string;
  manifest: WebManifest;
  durationMs: number;
}

/** Options of {@link buildWebAssets}. */
export interface WebBuildOptions {
  /** Project root; the one holding this file's package.json by default. */
  root?: string;
  /** Build even when the output is newer than the inputs. */
  force?: boolean;
  /** Run the browser type check (src/web/browser/tsconfig.json) first; default true. */
  typecheck?: boolean;
}

const PAGE_ENTRIES: Readonly<Record<PageName, string>> = {
  explorer: 'explorer/explorer.tsx',
  'order-page': 'order-page/order-page.ts',
};

// Monaco's workers, bundled as classic scripts that the explorer starts from the gateway's own URLs.
const WORKER_ENTRIES: Readonly<Record<WorkerName, string>> = {
  editor: 'monaco-editor/esm/vs/editor/editor.worker.js',
  json: 'monaco-editor/esm/vs/language/json/json.worker.js',
  graphql: 'monaco-graphql/esm/graphql.worker.js',
};

// Text compresses well; a font or a tiny file is sent as it is.
const COMPRESSIBLE = new Set(['.js', '.css', '.json', '.map', '.txt', '.svg', '.ttf']);
const MIN_COMPRESS_BYTES = 1024;

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

/**
 * Type-checks and bundles the browser sources into `<root>/dist/web`, writes
 * a `.br` and a `.gz` copy of every compressible file, then the manifest
 * (last, by rename, so a running gateway never reads a half-written one),
 * and removes the files of earlier builds. Skips everything when the
 * manifest is newer than every input (browser sources, the generated client
 * documents, package-lock.json and this build code), unless `force`.
 * Throws when the type check or the bundling fails.
 */
export async function buildWebAssets(options: WebBuildOptions = {}): Promise<WebBuildResult> {
  const started = performance.now();
  const root = options.root ?? projectRoot();
  const dir = webBuildDir(root);
  const manifestPath = join(dir, 'manifest.json');
  const sources = browserSourceDir(root);
  if (options.force !== true) {
    const built = await stat(manifestPath).catch(() => undefined);
    const inputs = [sources, join(root, 'schema', 'client'), join(root, 'package-lock.json'), __filename];
    if (built !== undefined && newestModification(inputs) < built.mtimeMs) {
      const manifest = parseManifest(JSON.parse(await readFile(manifestPath, 'utf8')));
      return { skipped: true, dir, manifest, durationMs: performance.now() - started };
    }
  }
  if (options.typecheck !== false) {
    const tsc = createRequire(join(root, 'package.json')).resolve('typescript/bin/tsc');
    // Throws with tsc's exit status; its diagnostics went to this process's output.
    execFileSync(process.execPath, [tsc, '-p', join(sources, 'tsconfig.json')], { cwd: root, stdio: 'inherit' });
  }

  await mkdir(dir, { recursive: true });
  // The workers come with GraphiQL; resolve them from there, wherever npm placed them.
  const fromGraphiQL = createRequire(createRequire(join(root, 'package.json')).resolve('@graphiql/react/package.json'));
  const entryPoints = [
    ...Object.entries(PAGE_ENTRIES).map(([name, path]) => ({ in: join(sources, path), out: name })),
    ...Object.entries(WORKER_ENTRIES).map(([name, specifier]) => ({ in: fromGraphiQL.resolve(specifier), out: `${name}.worker` })),
  ];
  const result = await build({
    absWorkingDir: root,
    entryPoints,
    outdir: dir,
    bundle: true,
    // Classic scripts: `<script defer>` for pages, `new Worker(url)` for workers, no module loading order to reason about.
    format: 'iife',
    platform: 'browser',
    target: ['es2022', 'chrome111', 'firefox111', 'safari16.4'],
    minify: true,
    entryNames: '[name]-[hash]',
    assetNames: '[name]-[hash]',
    loader: { '.ttf': 'file', '.woff': 'file', '.woff2': 'file', '.svg': 'file', '.png': 'file' },
    define: { 'process.env.NODE_ENV': '"production"' },
    tsconfig: join(sources, 'tsconfig.json'),
    jsx: 'automatic',
    metafile: true,
    logLevel: 'warning',
  });

  const files: Record<string, BuiltFile> = {};
  const pages: Partial<Record<PageName, { script: string; style: string | undefined }>> = {};
  const workers: Partial<Record<WorkerName, string>> = {};
  await Promise.all(Object.keys(result.metafile.outputs).map(async (output) => {
    const name = basename(output);
    files[name] = await compressNextTo(join(root, output));
  }));
  for (const [output, meta] of Object.entries(result.metafile.outputs)) {
    if (meta.entryPoint === undefined) continue;
    const entryName = /^(.+)-[A-Z0-9]+\.js$/.exec(basename(output))?.[1];
    if (entryName !== undefined && entryName in PAGE_ENTRIES) {
      pages[entryName as PageName] = { script: basename(output), style: meta.cssBundle === undefined ? undefined : basename(meta.cssBundle) };
    } else if (entryName?.endsWith('.worker') === true) {
      workers[entryName.slice(0, -'.worker'.length) as WorkerName] = basename(output);
    }
  }
  // parseManifest checks that every page and worker got its file.
  const manifest = parseManifest({ version: 1, pages, workers, files });
  const temporary = `${manifestPath}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(manifest, null, 2)}\n`);
  await rename(temporary, manifestPath);
  await removeStaleFiles(dir, manifest);
  return { skipped: false, dir, manifest, durationMs: performance.now() - started };
}

/** Writes `<file>.br` and `<file>.gz` when worth it; returns the file's entry for the manifest. */
async function compressNextTo(path: string): Promise<BuiltFile> {
  const content = await readFile(path);
  if (!COMPRESSIBLE.has(extname(path)) || content.length < MIN_COMPRESS_BYTES) return { bytes: content.length, encodings: [] };
  const [br, gz] = await Promise.all([
    // Quality 7 of 11: 1.24 MB for the explorer's script against 1.11 MB at 11, in 2 s instead of 17 (measured).
    brotliAsync(content, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 7, [zlibConstants.BROTLI_PARAM_SIZE_HINT]: content.length } }),
    gzipAsync(content, { level: 9 }),
  ]);
  await Promise.all([writeFile(`${path}.br`, br), writeFile(`${path}.gz`, gz)]);
  const encodings: Encoding[] = ['br', 'gzip'];
  return { bytes: content.length, encodings };
}

// Files of earlier builds: anything in the folder that the new manifest does not list (nor its compressed copies).
async function removeStaleFiles(dir: string, manifest: WebManifest): Promise<void> {
  const keep = new Set(['manifest.json']);
  for (const name of Object.keys(manifest.files)) for (const suffix of ['', '.br', '.gz']) keep.add(`${name}${suffix}`);
  const entries = await readdir(dir);
  await Promise.all(entries.filter((name) => !keep.has(name) && !name.endsWith('.tmp')).map((name) => rm(join(dir, name), { force: true })));
}

// The latest modification time under the given files and folders (node_modules excluded); 0 when none exist.
function newestModification(paths: readonly string[]): number {
  let newest = 0;
  const visit = (path: string): void => {
    let info;
    try {
      info = statSync(path);
    } catch {
      return;
    }
    newest = Math.max(newest, info.mtimeMs);
    if (!info.isDirectory()) return;
    for (const entry of readdirSync(path)) if (entry !== 'node_modules') visit(join(path, entry));
  };
  for (const path of paths) visit(path);
  return newest;
}

/** A one-line summary per page of what a browser downloads (compressed where the build compressed). */
export function describeBuild(result: WebBuildResult, root = projectRoot()): string {
  const where = relative(root, result.dir);
  if (result.skipped) return `web assets in ${where} are up to date`;
  const sizeOf = (name: string | undefined): number => (name === undefined ? 0 : result.manifest.files[name]?.bytes ?? 0);
  const pages = Object.entries(result.manifest.pages).map(([page, assets]) => `${page} ${kib(sizeOf(assets.script) + sizeOf(assets.style))}`);
  return `built web assets into ${where} in ${Math.round(result.durationMs)} ms (${pages.join(', ')}, uncompressed)`;
}

function kib(bytes: number): string {
  return `${(bytes / 1024).toFixed(0)} KiB`;
}
