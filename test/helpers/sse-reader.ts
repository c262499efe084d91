// Reads a server-sent event stream byte for byte over fetch, keeping every field (id:, event:, data:) and comment line, for assertions graphql-sse's client hides.

/** One SSE event as sent, or a comment (keep-alive) line. */
export interface RawSseEvent {
  id?: string;
  event?: string;
  data?: string;
  /** True for a comment block (`:` lines only). */
  comment: boolean;
}

/** An open stream and what arrived so far. */
export interface SseStream {
  status: number;
  headers: Headers;
  /** The body as JSON when the answer was not an event stream (a refusal). */
  json: unknown;
  events: RawSseEvent[];
  /** Resolves once `predicate` holds for the events so far; rejects after `timeoutMs`. */
  until(predicate: (events: RawSseEvent[]) => boolean, timeoutMs?: number): Promise<void>;
  /** Resolves when the server ended the body. */
  ended: Promise<void>;
  close(): void;
}

/** POSTs `body` to `url` with `Accept: text/event-stream` and starts reading. */
export async function openSse(url: string, body: unknown, headers: Record<string, string> = {}): Promise<SseStream> {
  const control = new AbortController();
  const response = await fetch(url, {
    method: 'POST',
    headers: { accept: 'text/event-stream', 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
    signal: control.signal,
  });
  const events: RawSseEvent[] = [];
  const wakers = new Set<() => void>();
  const isStream = (response.headers.get('content-type') ?? '').startsWith('text/event-stream');
  const json = isStream ? undefined : await response.json();
  const ended = !isStream || response.body === null ? Promise.resolve() : (async () => {
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let buffered = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffered += decoder.decode(value, { stream: true });
        let end = buffered.indexOf('\n\n');
        while (end !== -1) {
          events.push(parseBlock(buffered.slice(0, end)));
          buffered = buffered.slice(end + 2);
          end = buffered.indexOf('\n\n');
        }
        for (const wake of [...wakers]) wake();
      }
    } catch {
      // Aborted by close(): the stream simply ends here.
    }
    for (const wake of [...wakers]) wake();
  })();
  let finished = false;
  void ended.then(() => { finished = true; });
  return {
    status: response.status,
    headers: response.headers,
    json,
    events,
    ended,
    close: () => control.abort(),
    until: (predicate, timeoutMs = 5_000) => new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        wakers.delete(check);
        reject(new Error(`SSE condition not met within ${timeoutMs} ms; events: ${JSON.stringify(events)}`));
      }, timeoutMs);
      const check = (): void => {
        if (predicate(events)) {
          clearTimeout(timer);
          wakers.delete(check);
          resolve();
        } else if (finished) {
          clearTimeout(timer);
          wakers.delete(check);
          reject(new Error(`SSE stream ended before the condition held; events: ${JSON.stringify(events)}`));
        }
      };
      wakers.add(check);
      check();
    }),
  };
}

function parseBlock(block: string): RawSseEvent {
  const event: RawSseEvent = { comment: true };
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) continue;
    event.comment = false;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'id') event.id = value;
    else if (field === 'event') event.event = value;
    else if (field === 'data') event.data = event.data === undefined ? value : `${event.data}\n${value}`;
  }
  return event;
}

/** The `next` events' data, parsed. */
export function nextPayloads<T>(events: readonly RawSseEvent[]): T[] {
  return events.filter((event) => event.event === 'next').map((event) => JSON.parse(event.data ?? 'null') as T);
}
