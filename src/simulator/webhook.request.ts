// Validates webhook create and update bodies (§12.1).

import { invalidParameter, missingParameter } from './errors';
import { describe, objectBody, optionalBoolean, optionalString } from './request-fields';

/** The fields a create or update may set; undefined means "not sent". */
export interface WebhookFields {
  types?: string[];
  address?: string;
  enabled?: boolean;
  apiVersion?: string;
}

/**
 * A create body: `types` (required, a non-empty array of event type names, `resource.*`
 * wildcards and `*` allowed), `address` (required, an absolute `https:` URL, or `http:`
 * for local receivers), `enabled` (boolean) and `apiVersion` (`default`, `latest` or
 * `YYYY-MM-DD`). Other upstream fields (`transportType`, `authentication`, `oauth`) are
 * accepted and ignored.
 *
 * @throws HttpError 400 `missing_parameter` / `invalid_parameter` naming the field.
 */
export function validateWebhookCreate(body: unknown): WebhookFields & { types: string[]; address: string } {
  const fields = validateWebhookUpdate(body);
  if (fields.types === undefined) throw missingParameter('types');
  if (fields.address === undefined) throw missingParameter('address');
  return { ...fields, types: fields.types, address: fields.address };
}

/**
 * An update body (`PATCH`): the create fields, each optional, with the same rules.
 *
 * @throws HttpError 400 `invalid_parameter` naming the field.
 */
export function validateWebhookUpdate(body: unknown): WebhookFields {
  const fields = objectBody(body);
  const out: WebhookFields = {};
  const types = fields['types'];
  if (types !== undefined && types !== null) out.types = parseTypes(types);
  const address = optionalString(fields['address'], 'address');
  if (address !== undefined) out.address = parseAddress(address);
  const enabled = optionalBoolean(fields['enabled'], 'enabled');
  if (enabled !== undefined) out.enabled = enabled;
  const apiVersion = optionalString(fields['apiVersion'], 'apiVersion');
  if (apiVersion !== undefined) {
    if (apiVersion !== 'default' && apiVersion !== 'latest' && !/^\d{4}-\d{2}-\d{2}$/.test(apiVersion)) {
      throw invalidParameter('apiVersion', `'apiVersion' must be 'default', 'latest' or a date like 2021-12-13, got ${describe(apiVersion)}.`);
    }
    out.apiVersion = apiVersion;
  }
  return out;
}

// Private: distinct, non-blank type names without spaces, in sorted order (upstream reorders them too, §14 #33).
function parseTypes(value: unknown): string[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw invalidParameter('types', `'types' must be a non-empty array of event types, got ${describe(value)}.`);
  }
  const types = value.map((type: unknown, i) => {
    if (typeof type !== 'string' || !/^[A-Za-z0-9_.*-]+$/.test(type)) {
      throw invalidParameter(`types[${i}]`, `'types[${i}]' must be an event type such as 'order.accepted' or 'order.*', got ${describe(type)}.`);
    }
    return type;
  });
  return [...new Set(types)].sort();
}

// Private: an absolute http(s) URL.
function parseAddress(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw invalidParameter('address', `'address' must be an absolute URL, got ${describe(value)}.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw invalidParameter('address', `'address' must be an https (or, locally, http) URL, got ${describe(value)}.`);
  }
  return value;
}
