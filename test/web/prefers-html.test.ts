// Which Accept headers get the explorer page at /graphql, and which go on to GraphQL.
import { prefersHtml } from '../../src/web/prefers-html';

describe('prefersHtml', () => {
  it.each([
    ['Chromium opening the URL', 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8'],
    ['Firefox opening the URL', 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8'],
    ['html above json', 'application/json;q=0.5, text/html'],
    ['case and spaces', ' Text/HTML ; q=0.9 , application/json;q=0.1'],
  ])('serves the page to %s', (_name, accept) => {
    expect(prefersHtml(accept)).toBe(true);
  });

  it.each([
    ['no Accept header', undefined],
    ['curl', '*/*'],
    ['a GraphQL-over-HTTP client', 'application/graphql-response+json, application/json;q=0.9'],
    ['Apollo Client', 'application/json'],
    ['json listed as high as html', 'text/html, application/json'],
    ['html refused', 'text/html;q=0, */*'],
    ['html only through a wildcard', 'text/*'],
    ['json through application/*', 'text/html;q=0.5, application/*'],
  ])('leaves %s to GraphQL', (_name, accept) => {
    expect(prefersHtml(accept)).toBe(false);
  });

  it('reads a malformed weight as the default 1', () => {
    expect(prefersHtml('text/html;q=lots, application/json;q=0.9')).toBe(true);
  });
});
