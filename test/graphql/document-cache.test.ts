// Identical subscription texts share one parsed document and one validation; bad texts still fail every time.
import { GraphQLError, buildSchema } from 'graphql';

import { createDocumentCache } from '../../src/graphql/document-cache';

const schema = buildSchema('type Query { a: Int } type Subscription { ticks(id: ID!): Int }');

describe('document cache', () => {
  it('hands back the same document and the same validation answer for the same text', () => {
    const cache = createDocumentCache();
    const first = cache.parse('subscription { ticks(id: "1") }');
    const second = cache.parse('subscription { ticks(id: "1") }');
    expect(second).toBe(first);
    expect(cache.parse('subscription { ticks(id: "2") }')).not.toBe(first);
    const errors = cache.validate(schema, first);
    expect(errors).toEqual([]);
    expect(cache.validate(schema, first)).toBe(errors);
  });

  it('reports validation errors for a cached document every time', () => {
    const cache = createDocumentCache();
    const document = cache.parse('subscription { ticks }');
    const messages = (): string[] => cache.validate(schema, document).map((error) => error.message);
    expect(messages()).toEqual(['Field "ticks" argument "id" of type "ID!" is required, but it was not provided.']);
    expect(messages()).toEqual(messages());
  });

  it('throws a syntax error on each attempt with a bad text', () => {
    const cache = createDocumentCache();
    expect(() => cache.parse('subscription {')).toThrow(GraphQLError);
    expect(() => cache.parse('subscription {')).toThrow('Syntax Error: Expected Name, found <EOF>.');
  });

  it('keeps at most 500 texts', () => {
    const cache = createDocumentCache();
    const first = cache.parse('subscription S0 { ticks(id: "0") }');
    for (let index = 1; index <= 500; index += 1) cache.parse(`subscription S${index} { ticks(id: "${index}") }`);
    // The oldest was evicted: parsed again into a new document.
    expect(cache.parse('subscription S0 { ticks(id: "0") }')).not.toBe(first);
  });
});
