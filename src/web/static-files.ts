// Serves the built browser files listed in the manifest: content type by extension, cached forever by their hashed names, precompressed when the client accepts it.
import { createReadStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';

import type { Encoding, WebManifest } from './manifest';

/** Content types of the files the web build writes; any other extension is not served. */
export const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ttf': 'font/ttf',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
};

// A year, the longest lifetime caches honour; the name changes whenever the content does.
const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * Answers `GET`/`HEAD` for one built file by its name (the path after the
 * asset prefix). A name the manifest does not list, or with an extension
 * outside {@link CONTENT_TYPES}, is answered 404 without touching the disk,
 * so no request can read anything else from the build folder or beyond.
 * Sends `<name>.br` or `<name>.gz` when the build wrote one and
 * `Accept-Encoding` allows it (`Vary: Accept-Encoding` either way).
 */
export async function serveBuiltFile(
  request: IncomingMessage,
  response: ServerResponse,
  build: { readonly dir: string; readonly manifest: WebManifest },
  name: string,
): Promise<void> {
  const file = Object.hasOwn(build.manifest.files, name) ? build.manifest.files[name] : undefined;
  const contentType = CONTENT_TYPES[extname(name)];
  if (file === undefined || contentType === undefined) {
    response.statusCode = 404;
    response.setHeader('content-type', 'text/plain; charset=utf-8');
    response.setHeader('cache-control', 'no-store');
    response.end(`no such file: ${name}\n`);
    return;
  }
  const encoding = chooseEncoding(request.headers['accept-encoding'], file.encodings);
  response.statusCode = 200;
  response.setHeader('content-type', contentType);
  response.setHeader('cache-control', IMMUTABLE);
  response.setHeader('vary', 'accept-encoding');
  response.setHeader('x-content-type-options', 'nosniff');
  // Only this origin's pages may load these files (no hot-linking the explorer from elsewhere).
  response.setHeader('cross-origin-resource-policy', 'same-origin');
  if (encoding !== undefined) response.setHeader('content-encoding', encoding);
  const path = join(build.dir, encoding === undefined ? name : `${name}.${encoding === 'br' ? 'br' : 'gz'}`);
  if (request.method === 'HEAD') {
    response.end();
    return;
  }
  await pipeline(createReadStream(path), response);
}

/**
 * The best encoding both sides have: brotli before gzip, neither when the
 * client does not list it (or lists it with `q=0`).
 */
export function chooseEncoding(acceptEncoding: string | string[] | undefined, available: readonly Encoding[]): Encoding | undefined {
  const header = Array.isArray(acceptEncoding) ? acceptEncoding.join(',') : acceptEncoding ?? '';
  const accepted = new Set<string>();
  for (const part of header.split(',')) {
    const [rawName, ...parameters] = part.split(';');
    const name = (rawName ?? '').trim().toLowerCase();
    const refused = parameters.some((parameter) => /^\s*q\s*=\s*0(\.0*)?\s*$/i.test(parameter));
    if (name !== '' && !refused) accepted.add(name);
  }
  if (available.includes('br') && accepted.has('br')) return 'br';
  if (available.includes('gzip') && accepted.has('gzip')) return 'gzip';
  return undefined;
}
