// The build manifest of the browser files: which hashed files each page loads, written by the web build and read by the gateway.

/** The pages the gateway serves from its own files. */
export const PAGE_NAMES = ['explorer', 'order-page'] as const;
export type PageName = (typeof PAGE_NAMES)[number];

/** The Monaco editor workers the explorer starts, by Monaco's worker label. */
export const WORKER_NAMES = ['editor', 'json', 'graphql'] as const;
export type WorkerName = (typeof WORKER_NAMES)[number];

/** What one page loads, as file names inside the build folder. */
export interface PageAssets {
  readonly script: string;
  /** The page's stylesheet; absent when its sources import no CSS. */
  readonly style: string | undefined;
}

/** One served file and the compressed copies written next to it. */
export interface BuiltFile {
  readonly bytes: number;
  /** `br` and/or `gzip` when `<name>.br` / `<name>.gz` exist. */
  readonly encodings: readonly Encoding[];
}

export type Encoding = 'br' | 'gzip';

/** `dist/web/manifest.json`. Every name is a content-hashed file, so it can be cached forever. */
export interface WebManifest {
  readonly version: 1;
  readonly pages: Readonly<Record<PageName, PageAssets>>;
  readonly workers: Readonly<Record<WorkerName, string>>;
  /** Every file a page may ask for (scripts, styles, fonts, workers), by name. */
  readonly files: Readonly<Record<string, BuiltFile>>;
}

/** Thrown when manifest.json is not what the build writes; the message names the field. */
export class ManifestError extends Error {
  override readonly name = 'ManifestError';
}

// Hashed build outputs: a flat name, no path separators, no leading dot.
const FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * Checks a parsed manifest.json and returns it typed. Throws a
 * {@link ManifestError} naming the first field that is missing or malformed,
 * and refuses any file name that is not a flat, hashed build output (so a
 * tampered manifest cannot point the file handler outside the build folder).
 */
export function parseManifest(value: unknown): WebManifest {
  const root = record(value, 'manifest');
  if (root.version !== 1) throw new ManifestError(`manifest.version must be 1, got ${JSON.stringify(root.version)}`);
  const filesIn = record(root.files, 'manifest.files');
  const files: Record<string, BuiltFile> = {};
  for (const [name, entry] of Object.entries(filesIn)) {
    fileName(name, `manifest.files key`);
    const file = record(entry, `manifest.files.${name}`);
    if (typeof file.bytes !== 'number' || !Number.isInteger(file.bytes) || file.bytes < 0) {
      throw new ManifestError(`manifest.files.${name}.bytes must be a whole number, got ${JSON.stringify(file.bytes)}`);
    }
    if (!Array.isArray(file.encodings) || !file.encodings.every((encoding): encoding is Encoding => encoding === 'br' || encoding === 'gzip')) {
      throw new ManifestError(`manifest.files.${name}.encodings must list br and/or gzip, got ${JSON.stringify(file.encodings)}`);
    }
    files[name] = { bytes: file.bytes, encodings: file.encodings };
  }
  const listed = (name: unknown, field: string): string => {
    const checked = fileName(name, field);
    if (files[checked] === undefined) throw new ManifestError(`${field} names ${checked}, which manifest.files does not list`);
    return checked;
  };
  const pagesIn = record(root.pages, 'manifest.pages');
  const pages = {} as Record<PageName, PageAssets>;
  for (const page of PAGE_NAMES) {
    const assets = record(pagesIn[page], `manifest.pages.${page}`);
    pages[page] = {
      script: listed(assets.script, `manifest.pages.${page}.script`),
      style: assets.style === undefined ? undefined : listed(assets.style, `manifest.pages.${page}.style`),
    };
  }
  const workersIn = record(root.workers, 'manifest.workers');
  const workers = {} as Record<WorkerName, string>;
  for (const worker of WORKER_NAMES) workers[worker] = listed(workersIn[worker], `manifest.workers.${worker}`);
  return { version: 1, pages, workers, files };
}

function record(value: unknown, field: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ManifestError(`${field} must be an object, got ${value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value}`);
  }
  return value as Record<string, unknown>;
}

function fileName(value: unknown, field: string): string {
  if (typeof value !== 'string' || !FILE_NAME.test(value) || value.includes('..')) {
    throw new ManifestError(`${field} must be a flat file name, got ${JSON.stringify(value)}`);
  }
  return value;
}
