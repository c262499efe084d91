// Narrows untrusted JSON body fields to ids, counts and strings, answering upstream-format 400s.

import { errorBody, HttpError, invalidParameter, missingParameter } from './errors';

/** A JSON object read from a request body. */
export type JsonObject = Record<string, unknown>;

/** Whether a value is a JSON object (not null, not an array). */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The body as a JSON object; an empty body counts as `{}` so the missing fields get named.
 *
 * @throws HttpError 400 `invalid_request` when the body is JSON but not an object.
 */
export function objectBody(body: unknown): JsonObject {
  if (body === undefined) return {};
  if (!isJsonObject(body)) {
    throw new HttpError(400, errorBody(400, 'invalid_request', `The request body must be a JSON object, got ${describe(body)}.`));
  }
  return body;
}

/**
 * An id field. Upstream's examples send numeric ids as bare numbers (§14 #8, #9), so a
 * non-negative integer is accepted and turned into its decimal string.
 *
 * @returns undefined when the field is absent or null.
 * @throws HttpError 400 `invalid_parameter` for another type or an empty string.
 */
export function optionalId(value: unknown, parameter: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string' && value.trim() !== '') return value;
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return String(value);
  throw invalidParameter(parameter, `'${parameter}' must be a non-empty string id, got ${describe(value)}.`);
}

/**
 * A required id field.
 *
 * @throws HttpError 400 `missing_parameter` when absent, `invalid_parameter` when malformed.
 */
export function requiredId(value: unknown, parameter: string): string {
  const id = optionalId(value, parameter);
  if (id === undefined) throw missingParameter(parameter);
  return id;
}

/**
 * An integer field. Numeric strings are coerced (`"2"` → 2), as upstream appears to (§14 #9).
 *
 * @returns undefined when the field is absent or null.
 * @throws HttpError 400 `invalid_parameter` for anything that is not a whole number.
 */
export function optionalInteger(value: unknown, parameter: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return value;
  if (typeof value === 'string' && /^\s*-?\d{1,15}\s*$/.test(value)) return Number(value.trim());
  throw invalidParameter(parameter, `'${parameter}' must be an integer, got ${describe(value)}.`);
}

/**
 * An optional free-text field.
 *
 * @throws HttpError 400 `invalid_parameter` when present but not a string.
 */
export function optionalString(value: unknown, parameter: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  throw invalidParameter(parameter, `'${parameter}' must be a string, got ${describe(value)}.`);
}

/**
 * An optional boolean field.
 *
 * @throws HttpError 400 `invalid_parameter` when present but not a boolean.
 */
export function optionalBoolean(value: unknown, parameter: string): boolean | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'boolean') return value;
  throw invalidParameter(parameter, `'${parameter}' must be true or false, got ${describe(value)}.`);
}

/**
 * The `metadata` map (§1.11): at most 20 keys of up to 40 characters; values are
 * strings (up to 500 characters), booleans or integers.
 *
 * @throws HttpError 400 `invalid_parameter` naming the offending key.
 */
export function optionalMetadata(value: unknown): Record<string, string | number | boolean> | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isJsonObject(value)) throw invalidParameter('metadata', `'metadata' must be an object, got ${describe(value)}.`);
  const entries = Object.entries(value);
  if (entries.length > 20) throw invalidParameter('metadata', `'metadata' allows at most 20 keys, got ${entries.length}.`);
  const out: Record<string, string | number | boolean> = {};
  for (const [key, entry] of entries) {
    if (key.length > 40) throw invalidParameter('metadata', `metadata key '${key.slice(0, 40)}…' is longer than 40 characters.`);
    const ok =
      typeof entry === 'boolean' ||
      (typeof entry === 'number' && Number.isSafeInteger(entry)) ||
      (typeof entry === 'string' && entry.length <= 500);
    if (!ok) throw invalidParameter(`metadata.${key}`, `metadata '${key}' must be a string of up to 500 characters, a boolean or an integer, got ${describe(entry)}.`);
    out[key] = entry as string | number | boolean;
  }
  return out;
}

/** A short description of an unexpected value for error messages: its JSON, cut at 60 characters. */
export function describe(value: unknown): string {
  const text = value === undefined ? 'undefined' : JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
