// The naive gateway: graphql-js over node:http, one POST /graphql, resolvers that call upstream per field.
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import { graphql } from 'graphql';

import { createNaiveUpstream } from './naive-upstream';
import { naiveResolvers } from './naive-resolvers';
import { buildNaiveSchema } from './naive-schema';

/** A running naive gateway. */
export interface NaiveGateway {
  /** Base URL; GraphQL is at `${url}/graphql`. */
  url: string;
  stop(): Promise<void>;
}

/** Settings of {@link startNaiveGateway}. */
export interface NaiveGatewayOptions {
  upstreamUrl: string;
  apiKey: string;
}

/** Reads a request body as text. */
function readText(request: NodeJS.ReadableStream): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

/** Starts the naive gateway on 127.0.0.1 and a free port; a body that is not `{query, variables?}` gets 400. */
export async function startNaiveGateway(options: NaiveGatewayOptions): Promise<NaiveGateway> {
  const schema = buildNaiveSchema(naiveResolvers);
  const upstream = createNaiveUpstream(options.upstreamUrl, options.apiKey);
  const server: Server = createServer((request, response) => {
    const reply = (status: number, body: unknown): void => {
      const text = JSON.stringify(body);
      response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
      response.end(text);
    };
    if (request.url !== '/graphql' || request.method !== 'POST') {
      reply(404, { errors: [{ message: 'POST /graphql is the only route' }] });
      return;
    }
    readText(request).then(async (text) => {
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        body = undefined;
      }
      const record = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
      const query = record['query'];
      const variables = record['variables'];
      if (typeof query !== 'string') {
        reply(400, { errors: [{ message: 'expected a JSON body {"query": "...", "variables": {...}}' }] });
        return;
      }
      const result = await graphql({
        schema,
        source: query,
        variableValues: typeof variables === 'object' && variables !== null ? (variables as Record<string, unknown>) : undefined,
        contextValue: { upstream },
      });
      reply(200, result);
    }).catch((error: unknown) => reply(500, { errors: [{ message: error instanceof Error ? error.message : String(error) }] }));
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}
