// The web build manifest is checked before the gateway serves a file it names.
import { ManifestError, parseManifest } from '../../src/web/manifest';

const file = { bytes: 10, encodings: ['br', 'gzip'] };
const valid = {
  version: 1,
  pages: { explorer: { script: 'explorer-AAAA.js', style: 'explorer-BBBB.css' }, 'order-page': { script: 'order-page-CCCC.js' } },
  workers: { editor: 'editor.worker-D.js', json: 'json.worker-E.js', graphql: 'graphql.worker-F.js' },
  files: Object.fromEntries(['explorer-AAAA.js', 'explorer-BBBB.css', 'order-page-CCCC.js', 'editor.worker-D.js', 'json.worker-E.js', 'graphql.worker-F.js'].map((name) => [name, file])),
};

describe('parseManifest', () => {
  it('returns a manifest the build wrote, a page without stylesheet included', () => {
    const manifest = parseManifest(valid);
    expect(manifest.pages['order-page']).toEqual({ script: 'order-page-CCCC.js', style: undefined });
    expect(manifest.workers.graphql).toBe('graphql.worker-F.js');
    expect(manifest.files['explorer-AAAA.js']).toEqual(file);
  });

  it.each([
    ['a file name that climbs out of the folder', { ...valid, files: { ...valid.files, '../package.json': file } }, 'manifest.files key must be a flat file name, got "../package.json"'],
    ['a hidden file', { ...valid, files: { ...valid.files, '.env': file } }, 'manifest.files key must be a flat file name, got ".env"'],
    ['a path', { ...valid, pages: { ...valid.pages, explorer: { script: 'sub/explorer.js' } } }, 'manifest.pages.explorer.script must be a flat file name, got "sub/explorer.js"'],
    ['a page script not listed as a file', { ...valid, pages: { ...valid.pages, explorer: { script: 'other-XXXX.js' } } }, 'manifest.pages.explorer.script names other-XXXX.js, which manifest.files does not list'],
    ['a missing worker', { ...valid, workers: { editor: 'editor.worker-D.js', json: 'json.worker-E.js' } }, 'manifest.workers.graphql must be a flat file name, got undefined'],
    ['an unknown encoding', { ...valid, files: { ...valid.files, 'explorer-AAAA.js': { bytes: 1, encodings: ['zstd'] } } }, 'manifest.files.explorer-AAAA.js.encodings must list br and/or gzip, got ["zstd"]'],
    ['another version', { ...valid, version: 2 }, 'manifest.version must be 1, got 2'],
    ['not an object', [], 'manifest must be an object, got an array'],
  ])('refuses %s', (_name, value, message) => {
    expect(() => parseManifest(value)).toThrow(new ManifestError(message));
  });
});
