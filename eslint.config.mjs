// Lint: the layering of the style guide (part 2, "Boundaries") enforced as import zones, no import cycle, and a few habits (part 3).
import { defineConfig } from 'eslint/config';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

// Why no type-aware rules: none of the rules below needs the type checker, and
// without it the whole tree lints in seconds.

/**
 * A zone saying that `layer` (a folder or file under src/) imports nothing of
 * src/ but itself and `allowed` (paths under src/). Packages are not concerned.
 */
function importsOnly(layer, allowed, message) {
  return { target: `src/${layer}`, from: 'src', except: [layer, ...allowed].map((path) => `./${path}`), message };
}

/** A zone saying that `target` imports nothing of `from` (paths under src/). */
function neverImports(target, from, message) {
  return { target: [target].flat().map((path) => `src/${path}`), from: from.map((path) => `src/${path}`), message };
}

// Data flows one way: transport (http/) → graphql/ → resolvers/ → loaders/ →
// upstream/; webhooks: http/ → events/ → pubsub/. Beneath them all: config.ts,
// logger.ts, metrics/. The composition root (main.ts, gateway.ts,
// shared-state.ts) and the scripts/ entries may import anything of src/ but the
// simulator, which only main.ts starts.
const zones = [
  importsOnly('config.ts', [], 'config.ts is the ground floor: it imports nothing of the gateway.'),
  importsOnly('logger.ts', ['config.ts'], 'logger.ts sits on the ground floor: it imports only config.ts.'),
  importsOnly('metrics', [], 'metrics/ owns the registry and every metric name: it imports nothing of the gateway.'),
  importsOnly('redis', ['config.ts', 'logger.ts', 'metrics'], 'redis/ is infrastructure: it imports only config, logger and metrics.'),
  importsOnly('upstream', ['config.ts', 'logger.ts', 'metrics', 'redis'], 'upstream/ is the REST client: it imports nothing of the layers above it.'),
  importsOnly('errors', ['upstream/errors.ts'], 'errors/ depends on nothing above it (only upstream errors, to translate them).'),
  importsOnly('auth', ['config.ts', 'errors'], 'auth/ imports only errors/.'),
  importsOnly('schema', ['errors'], 'schema/ holds the GraphQL classes: it imports only errors/.'),
  importsOnly('mappers', ['schema', 'upstream/types.ts'], 'mappers/ are pure upstream → GraphQL functions: schema/ and upstream/types.ts only.'),
  // auth/viewer.ts: loaders are built per viewer and enforce its scope.
  importsOnly('loaders', ['upstream', 'errors', 'auth/viewer.ts'], 'loaders/ import only upstream/, errors/ and auth/viewer.ts.'),
  importsOnly('pubsub', ['logger.ts', 'redis', 'errors'], 'pubsub/ imports only errors/, logger.ts and redis/.'),
  importsOnly('idempotency', ['logger.ts', 'redis', 'errors'], 'idempotency/ imports only errors/, logger.ts and redis/.'),
  importsOnly('resolvers', [
    'loaders', 'mappers', 'schema', 'errors', 'idempotency', 'auth/viewer.ts', 'logger.ts',
    // Topics and their payloads; the subscription resolver builds its streams from pubsub/.
    'pubsub',
    // Writes go to the upstream resource calls; reads only through loaders. client.ts: the types of ctx.
    'upstream/writes.ts', 'upstream/types.ts', 'upstream/errors.ts', 'upstream/client.ts',
  ], 'resolvers/ read through loaders/ and write through upstream/writes.ts; they know no transport, pipeline or event receiver.'),
  importsOnly('events', ['upstream', 'pubsub', 'redis', 'errors', 'logger.ts', 'config.ts'], 'events/ is the webhook pipeline: it never imports resolvers/, graphql/, http/ or loaders/, and knows no HTTP.'),
  neverImports('graphql', ['http', 'events', 'main.ts', 'gateway.ts', 'shared-state.ts', 'scripts', 'simulator'], 'graphql/ is transport-free: it never imports http/ (transports call it, not the other way round).'),
  neverImports('http', ['resolvers', 'loaders', 'mappers', 'schema', 'idempotency', 'pubsub', 'main.ts', 'gateway.ts', 'shared-state.ts', 'scripts', 'simulator'], 'http/ only adapts bytes and sockets onto graphql/ and events/receiver.ts.'),
  importsOnly('web/browser', [], 'Browser code bundles nothing of the server: it imports only itself (and the generated client in schema/client/).'),
  importsOnly('simulator', [], 'The simulator imports nothing from the gateway: its own wire shapes, its own signing code.'),
  neverImports(['!(simulator)/**', '!(main).ts'], ['simulator'], 'Only src/main.ts (and tests) import the simulator.'),
  neverImports(['*/**', '!(main|gateway).ts'], ['main.ts', 'gateway.ts', 'shared-state.ts', 'scripts'], 'Only the composition root wires the layers; nothing below imports it.'),
  { target: 'src', from: 'test', message: 'src/ never imports test/.' },
];

export default defineConfig(
  // Generated code (codegen output) is checked by its generator, not by us.
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'test/generated/**', 'schema/client/**'] },
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: {
        // As tsconfig.json has them: consistent-type-imports then leaves files
        // with decorators alone, whose parameter types must stay values for
        // the emitted metadata.
        experimentalDecorators: true,
        emitDecoratorMetadata: true,
      },
    },
    plugins: { '@typescript-eslint': tseslint.plugin, 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: 'tsconfig.json', alwaysTryTypes: true })],
      // Without these the plugin reads no .ts file it is led to, and no-cycle sees nothing.
      'import-x/extensions': ['.ts', '.tsx'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/external-module-folders': ['node_modules', 'node_modules/@types'],
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // Type-only imports are skipped by the plugin (they vanish at runtime);
      // the zones above still see them.
      // ignoreExternal: a package cannot import us back, and reading their .d.ts files costs most of the time.
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-restricted-paths': ['error', { basePath: import.meta.dirname, zones }],
      // A zone can only judge an import it can resolve.
      'import-x/no-unresolved': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    // Logs go through the injected logger; CLIs write to process.stdout/stderr.
    rules: { 'no-console': 'error' },
  },
);
