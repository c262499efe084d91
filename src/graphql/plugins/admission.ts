// Apollo's adapter onto the admission: Apollo resolves the HTTP request and the APQ hash, the admission parses, validates and checks; Apollo never parses on its own.
import type { ApolloServerPlugin } from '@apollo/server';
import { type DocumentNode, parse } from 'graphql';

import { ErrorCode } from '../../errors/codes';
import type { Admission } from '../admission';
import { AdmissionError } from '../admission-error';
import type { OperationContext } from '../context';
import { costExtension } from '../cost-extension';

/**
 * The plugin. Apollo runs with no document store, so the document this
 * plugin sets in `didResolveSource` is the one Apollo executes: it skips its
 * own parse and validation (the admission did both, with the same rules it
 * applies to every transport). Refusals are thrown as {@link AdmissionError}s,
 * which Apollo answers with their HTTP status (a `THROTTLED` one with a
 * `Retry-After` header). Every answer gets `extensions.cost`; the operation
 * record learns the name, type and codes.
 */
export function admissionPlugin(admission: Admission): ApolloServerPlugin<OperationContext> {
  const placeholder = parse('{ __typename }');
  return {
    async requestDidStart({ contextValue }) {
      const { record } = contextValue;
      let pendingRefusal: unknown;
      let retryAfterSeconds: unknown;
      const refused = (error: unknown): never => {
        record.refused = true;
        if (error instanceof AdmissionError) {
          record.codes.add(error.code);
          const cost = error.extensions.cost;
          if (typeof cost === 'object' && cost !== null) contextValue.refusedCost = cost;
          if (error.code === ErrorCode.THROTTLED) retryAfterSeconds = error.extensions.retryAfterSeconds;
        }
        throw error;
      };
      return {
        async didResolveSource(requestContext) {
          try {
            const { document } = admission.document(requestContext.source, requestContext.queryHash);
            (requestContext as { document?: DocumentNode }).document = document;
          } catch (error) {
            pendingRefusal = error;
            (requestContext as { document?: DocumentNode }).document = placeholder;
          }
        },
        async didResolveOperation({ document, queryHash, request, operation }) {
          if (pendingRefusal !== undefined) refused(pendingRefusal);
          record.type = operation?.operation ?? 'unknown';
          record.operationName = operation?.name?.value ?? request.operationName ?? undefined;
          try {
            contextValue.admitted = admission.operation(document, queryHash, request, 'http');
            await admission.charge(contextValue);
          } catch (error) {
            refused(error);
          }
        },
        async willSendResponse({ response }) {
          if (typeof retryAfterSeconds === 'number') response.http.headers.set('retry-after', String(retryAfterSeconds));
          if (response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          for (const error of result.errors ?? []) record.codes.add(String(error.extensions?.code ?? 'INTERNAL'));
          result.extensions = { ...result.extensions, cost: costExtension(contextValue, admission.limits) };
        },
      };
    },
  };
}
