// Parses and validates each distinct subscription text once, so identical subscriptions share one document.
import { type DocumentNode, type GraphQLError, type GraphQLSchema, type Source, parse, validate } from 'graphql';
import { LRUCache } from 'lru-cache';

/** Distinct subscription texts kept; a client sending endless distinct texts evicts the least recently used. */
const DOCUMENTS_KEPT = 500;

/** graphql-ws' `parse` and `validate` hooks, both remembering their answers. */
export interface DocumentCache {
  parse(source: string | Source): DocumentNode;
  validate(schema: GraphQLSchema, document: DocumentNode): readonly GraphQLError[];
}

/**
 * A screen opens the same few subscriptions thousands of times. graphql-ws
 * parses and validates every `subscribe` message on its own, and each open
 * subscription keeps its own syntax tree (a few KB) for as long as it lives;
 * with this cache they share one and skip the work. Parse failures are not
 * kept (they throw, as before); validation answers are kept per document.
 */
export function createDocumentCache(): DocumentCache {
  const documents = new LRUCache<string, DocumentNode>({ max: DOCUMENTS_KEPT });
  const validations = new WeakMap<DocumentNode, readonly GraphQLError[]>();
  return {
    parse(input) {
      const source = typeof input === 'string' ? input : input.body;
      const known = documents.get(source);
      if (known !== undefined) return known;
      const document = parse(source);
      documents.set(source, document);
      return document;
    },
    validate(schema, document) {
      let errors = validations.get(document);
      if (errors === undefined) {
        errors = validate(schema, document);
        validations.set(document, errors);
      }
      return errors;
    },
  };
}
