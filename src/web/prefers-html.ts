// Reads an Accept header to tell a browser opening /graphql from a GraphQL client asking it for JSON.

// The media types a GraphQL-over-HTTP client asks for.
const GRAPHQL_TYPES = new Set(['application/json', 'application/graphql-response+json']);

/**
 * True when the request would rather have an HTML page than a GraphQL
 * answer: the header names `text/html` (exactly, not through a wildcard) with
 * a weight above zero and above every weight it gives, directly or through
 * `application/*` or `*\/*`, to the GraphQL JSON types. A browser's
 * navigation (`text/html,…,*\/*;q=0.8`) qualifies; a missing header, `*\/*`,
 * or a client that lists JSON first does not.
 */
export function prefersHtml(accept: string | undefined): boolean {
  if (accept === undefined) return false;
  let html = 0;
  let graphql = 0;
  for (const part of accept.split(',')) {
    const [rawType, ...parameters] = part.split(';');
    const type = (rawType ?? '').trim().toLowerCase();
    const weight = qualityOf(parameters);
    if (type === 'text/html') html = Math.max(html, weight);
    else if (GRAPHQL_TYPES.has(type) || type === 'application/*' || type === '*/*') graphql = Math.max(graphql, weight);
  }
  return html > 0 && html > graphql;
}

// RFC 9110 §12.4.2: q is 0 to 1 with up to three decimals; anything else counts as the default 1.
function qualityOf(parameters: readonly string[]): number {
  for (const parameter of parameters) {
    const [name, value] = parameter.split('=');
    if (name?.trim().toLowerCase() !== 'q' || value === undefined) continue;
    const q = Number(value.trim());
    return Number.isFinite(q) && q >= 0 && q <= 1 ? q : 1;
  }
  return 1;
}
