// The gateway routes browsers to the explorer and the demo page (outside production or with EXPLORER=on) while GraphQL clients keep getting GraphQL, and Apollo's CDN landing page is gone.
import { buildWebAssets } from '../../src/web/build-assets';
import { type Stack, startStack } from '../helpers/start-stack';

const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
const PRODUCTION = { NODE_ENV: 'production', AUTH_JWT_SECRET: 'jwt-secret-for-pages-test', DR_WEBHOOK_SECRET: 'whsec_pages' };

beforeAll(async () => {
  // The pages name the built files; an up-to-date build is kept as it is.
  await buildWebAssets();
}, 180_000);

describe('explorer on (development default)', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.stop());

  it('serves the explorer to a browser opening /graphql', async () => {
    const response = await fetch(`${stack.url}/graphql`, { headers: { accept: BROWSER_ACCEPT } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await response.text();
    const script = /<script defer src="(\/assets\/explorer-[A-Z0-9]+\.js)"><\/script>/.exec(html)?.[1];
    expect(script).toBeDefined();
    expect(html).not.toMatch(/https?:\/\//);
    const file = await fetch(`${stack.url}${script!}`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('still answers GraphQL clients on GET and POST, refusals included', async () => {
    const get = await fetch(`${stack.url}/graphql?query=${encodeURIComponent('{ __typename }')}`, { headers: { accept: 'application/graphql-response+json, application/json', 'apollo-require-preflight': 'true' } });
    expect(get.status).toBe(200);
    expect(await get.json()).toMatchObject({ data: { __typename: 'Query' } });
    const post = await fetch(`${stack.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', accept: '*/*' }, body: JSON.stringify({ query: '{ __typename }' }) });
    expect(await post.json()).toMatchObject({ data: { __typename: 'Query' } });
    // curl's default Accept is */*: no page for it, Apollo's answer to a GET without a query instead.
    const bare = await fetch(`${stack.url}/graphql`, { headers: { accept: '*/*' } });
    expect(bare.status).toBe(400);
    expect(bare.headers.get('content-type')).toContain('json');
  });

  it('serves the live order page and sends / to the explorer', async () => {
    const page = await fetch(`${stack.url}/demo/orders/240049980336`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('"orderId":"240049980336"');
    const home = await fetch(`${stack.url}/`, { redirect: 'manual' });
    expect(home.status).toBe(302);
    expect(home.headers.get('location')).toBe('/graphql');
    expect((await fetch(`${stack.url}/demo/orders/1`, { method: 'POST' })).status).toBe(405);
  });

  it('logs where the explorer and the demo page are', () => {
    const line = stack.logs.find((entry) => entry.msg === 'open the GraphQL explorer and the live order page in a browser');
    expect(line).toMatchObject({ explorer: `${stack.url}/graphql`, demoPage: `${stack.url}/demo/orders/240049980336` });
  });
});

describe('explorer off', () => {
  it.each([
    ['EXPLORER=off', { EXPLORER: 'off' }],
    ['production by default', PRODUCTION],
  ])('with %s: no page anywhere, and no Apollo landing page either', async (_name, env) => {
    const stack = await startStack(env);
    try {
      const graphql = await fetch(`${stack.url}/graphql`, { headers: { accept: BROWSER_ACCEPT } });
      const body = await graphql.text();
      expect(graphql.status).toBe(400);
      expect(body).not.toContain('<html');
      expect(body).not.toMatch(/apollographql|embeddable-sandbox|cdn\./i);
      expect((await fetch(`${stack.url}/demo/orders/240049980336`)).status).toBe(404);
      expect((await fetch(`${stack.url}/`, { redirect: 'manual' })).status).toBe(404);
      expect((await fetch(`${stack.url}/assets/anything.js`)).status).toBe(404);
      expect(stack.logs.some((entry) => entry.msg === 'open the GraphQL explorer and the live order page in a browser')).toBe(false);
    } finally {
      await stack.stop();
    }
  });

  it('serves the pages in production when EXPLORER=on', async () => {
    const stack = await startStack({ ...PRODUCTION, EXPLORER: 'on' });
    try {
      expect((await fetch(`${stack.url}/graphql`, { headers: { accept: BROWSER_ACCEPT } })).status).toBe(200);
      expect((await fetch(`${stack.url}/demo/orders/240049980336`)).status).toBe(200);
    } finally {
      await stack.stop();
    }
  });
});
