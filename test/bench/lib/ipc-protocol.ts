// The messages the orchestrator and its child processes exchange over the IPC channel, with guards for what arrives.

/** Orchestrator → child: run one command. */
export interface CommandMessage {
  kind: 'command';
  id: number;
  command: string;
  params: unknown;
}

/** Child → orchestrator: the child is serving; `info` says where (URLs) and what it is. */
export interface ReadyMessage {
  kind: 'ready';
  info: Record<string, unknown>;
}

/** Child → orchestrator: the answer to one command. */
export type ReplyMessage =
  | { kind: 'reply'; id: number; ok: true; result: unknown }
  | { kind: 'reply'; id: number; ok: false; error: string };

/** Everything a child sends. */
export type ChildMessage = ReadyMessage | ReplyMessage;

/** A plain JSON object. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Narrows a message from a child; `undefined` for anything else. */
export function asChildMessage(value: unknown): ChildMessage | undefined {
  if (!isRecord(value)) return undefined;
  if (value['kind'] === 'ready' && isRecord(value['info'])) return { kind: 'ready', info: value['info'] };
  if (value['kind'] === 'reply' && typeof value['id'] === 'number') {
    if (value['ok'] === true) return { kind: 'reply', id: value['id'], ok: true, result: value['result'] };
    if (value['ok'] === false) return { kind: 'reply', id: value['id'], ok: false, error: String(value['error']) };
  }
  return undefined;
}

/** Narrows a message from the orchestrator; `undefined` for anything else. */
export function asCommandMessage(value: unknown): CommandMessage | undefined {
  if (!isRecord(value) || value['kind'] !== 'command') return undefined;
  if (typeof value['id'] !== 'number' || typeof value['command'] !== 'string') return undefined;
  return { kind: 'command', id: value['id'], command: value['command'], params: value['params'] };
}

/**
 * Reads a number field of a reply.
 *
 * @throws TypeError naming the field when it is missing or not a number.
 */
export function numberField(value: unknown, key: string): number {
  const field = isRecord(value) ? value[key] : undefined;
  if (typeof field !== 'number') throw new TypeError(`expected a number in "${key}", got ${JSON.stringify(field) ?? 'nothing'}`);
  return field;
}

/**
 * Reads a string field of a reply or ready message.
 *
 * @throws TypeError naming the field when it is missing or not a string.
 */
export function stringField(value: unknown, key: string): string {
  const field = isRecord(value) ? value[key] : undefined;
  if (typeof field !== 'string') throw new TypeError(`expected a string in "${key}", got ${JSON.stringify(field) ?? 'nothing'}`);
  return field;
}
