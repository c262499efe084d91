// The explorer page: GraphiQL on this gateway, queries and mutations by POST, subscriptions over the /graphql WebSocket, one bearer token for both.
import 'graphiql/style.css';
import './explorer.css';

import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import { type Client, createClient } from 'graphql-ws';
import { StrictMode, useEffect, useMemo, useState } from 'react';
import { createRoot } from 'react-dom/client';

import { type PageConfig, readPageConfig, webSocketUrl } from '../shared/page-config';
import { authorizationFor, initialToken, saveToken } from '../shared/token';
import { exampleTabs } from './example-tabs';
import { installMonacoWorkers } from './monaco-workers';

// Where GraphiQL keeps its tabs (@graphiql/toolkit's storage: namespace `graphiql`, key `tabState`).
const GRAPHIQL_TABS_KEY = 'graphiql:tabState';

function Explorer({ config }: { config: PageConfig }) {
  const [token, setToken] = useState(initialToken);
  const [draft, setDraft] = useState(token);
  const authorization = authorizationFor(token);

  // A new token means a new connection_init: one WebSocket client per token.
  const wsClient: Client = useMemo(
    () => createClient({
      url: webSocketUrl(config.graphqlPath),
      lazy: true,
      connectionParams: () => (authorization === undefined ? {} : { authorization }),
    }),
    [config.graphqlPath, authorization],
  );
  useEffect(() => () => void wsClient.dispose(), [wsClient]);

  const fetcher = useMemo(
    () => createGraphiQLFetcher({
      url: config.graphqlPath,
      wsClient,
      // The gateway answers plain JSON (no @defer), so no multipart.
      enableIncrementalDelivery: false,
      fetch: (input, init) => {
        const headers = new Headers(init?.headers);
        // An Authorization typed into GraphiQL's headers editor wins over the token field.
        if (authorization !== undefined && !headers.has('authorization')) headers.set('authorization', authorization);
        return fetch(input, { ...init, headers });
      },
    }),
    [config.graphqlPath, wsClient, authorization],
  );
  const tabs = useMemo(() => exampleTabs(config.demo), [config.demo]);
  // GraphiQL 5 opens the first default tab without its variables (it reads them from `initialVariables` only), and the
  // order page needs `first`; on a first visit (no tabs saved by GraphiQL yet) hand them over that way.
  const [firstVisit] = useState(() => window.localStorage.getItem(GRAPHIQL_TABS_KEY) === null);

  const apply = (): void => {
    saveToken(draft);
    setToken(draft.trim());
  };

  return (
    <div className="explorer">
      <header className="explorer-bar">
        <strong className="explorer-title">Digital River GraphQL gateway</strong>
        <form
          className="explorer-token"
          onSubmit={(event) => {
            event.preventDefault();
            apply();
          }}
        >
          <label htmlFor="explorer-token-input">Bearer token</label>
          <input
            id="explorer-token-input"
            name="token"
            type="password"
            autoComplete="off"
            spellCheck={false}
            placeholder="paste a token when the gateway asks for one"
            value={draft}
            onChange={(event) => setDraft(event.target.value)}
            onBlur={apply}
          />
          <button type="submit">Use</button>
          <span className="explorer-token-state" data-testid="token-state">{authorization === undefined ? 'no token' : 'token set'}</span>
        </form>
        <a className="explorer-link" href={`/demo/orders/${encodeURIComponent(config.demo.orderId)}`}>Live order page →</a>
      </header>
      <main className="explorer-main">
        <GraphiQL
          fetcher={fetcher}
          defaultTabs={tabs}
          defaultEditorToolsVisibility="variables"
          {...(firstVisit ? { initialQuery: tabs[0]?.query ?? '', initialVariables: tabs[0]?.variables ?? '' } : {})}
        />
      </main>
    </div>
  );
}

const config = readPageConfig();
installMonacoWorkers(config.workers);
const container = document.getElementById('root');
if (container === null) throw new Error('#root is missing from the explorer page');
createRoot(container).render(
  <StrictMode>
    <Explorer config={config} />
  </StrictMode>,
);
