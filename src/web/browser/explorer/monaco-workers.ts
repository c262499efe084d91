// Tells Monaco (GraphiQL's editor) where its workers are: the gateway's own built files, never a CDN.

interface MonacoEnvironment {
  getWorker(workerId: string, label: string): Worker;
}

/**
 * Installs `globalThis.MonacoEnvironment` so that Monaco starts the GraphQL
 * language worker for the `graphql` label, the JSON worker for `json`
 * (variables, headers, results) and the base editor worker for anything
 * else. `urls` comes from the page config (hashed file names).
 */
export function installMonacoWorkers(urls: Readonly<Record<string, string>>): void {
  const fallback = urls.editor;
  if (fallback === undefined) throw new Error('page-config.workers.editor is missing');
  const environment: MonacoEnvironment = {
    getWorker: (_workerId, label) => new Worker(urls[label] ?? fallback, { name: label }),
  };
  (globalThis as { MonacoEnvironment?: MonacoEnvironment }).MonacoEnvironment = environment;
}
