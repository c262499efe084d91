// The in-memory record of every upstream request the simulator served, for tests to inspect.

/** One served request. Control routes (`/__sim/*`) are not recorded. */
export interface RequestLogEntry {
  /** The `x-dr-requestid` the simulator answered with. */
  requestId: string;
  method: string;
  /** The path without the query string, e.g. `/orders/240011220336`. */
  path: string;
  /** The query as repeated keys; keys keep their brackets (`ids[]`). */
  query: Record<string, string[]>;
  /** The status the simulator answered with. */
  status: number;
  /** When the request arrived (ISO, milliseconds). */
  time: string;
  /** How long the answer took, injected delays included. */
  durationMs: number;
  /** The caller's `upstream-id` header (§1.6), when sent. */
  upstreamId: string | undefined;
  /** Request headers, lower-cased, without `authorization`. */
  headers: Record<string, string>;
  /** The parsed JSON body of a write, when one was sent. */
  body?: unknown;
}

/** An append-only list of served requests that tests read and clear. */
export class RequestLog {
  private list: RequestLogEntry[] = [];

  /** Records one request. */
  append(entry: RequestLogEntry): void {
    this.list.push(entry);
  }

  /** A copy of every entry, oldest first. */
  entries(): RequestLogEntry[] {
    return [...this.list];
  }

  /** Forgets every entry. */
  clear(): void {
    this.list = [];
  }
}
