// The one gate every operation passes before any resolver runs, whatever carries it: size, parse, validation, allowlist, limits, the caller's rate.
import {
  type DocumentNode,
  type GraphQLError,
  type GraphQLSchema,
  NoSchemaIntrospectionCustomRule,
  type OperationDefinitionNode,
  type ValidationRule,
  getOperationAST,
  parse,
  specifiedRules,
  validate,
} from 'graphql';
import { getVariableValues } from 'graphql/execution/values';
import { LRUCache } from 'lru-cache';

import { ErrorCode } from '../errors/codes';
import { AdmissionError, badInput, tooComplex } from './admission-error';
import type { Allowlist } from './allowlist';
import { sha256 } from './allowlist';
import type { CallerRate, ChargeTarget } from './caller-rate';
import { type QueryLimits, measureCost, measureShape, mostRepeatedField } from './document-limits';
import { findLongId } from './id-lengths';

/** What carries an operation; decides which operation types it may run. */
export type Transport = 'http' | 'websocket' | 'sse';

/** An operation as a client sent it, after the transport decoded it. */
export interface OperationRequest {
  /** The document's text; may be empty when `documentId` or the APQ extension names a persisted document. */
  query?: string | undefined;
  operationName?: string | null | undefined;
  variables?: Record<string, unknown> | null | undefined;
  /** A persisted document's id: the bare sha256 or `sha256:<hash>`. */
  documentId?: string | undefined;
  /** The APQ extension (`persistedQuery.sha256Hash`) is read from here. */
  extensions?: Record<string, unknown> | null | undefined;
}

/** What an admitted operation was measured at; reported in `extensions.cost`. */
export interface OperationCost {
  requestedQueryCost: number;
  depth: number;
  aliases: number;
  nodes: number;
}

/** An operation that passed every check, ready for execution. */
export interface AdmittedOperation {
  document: DocumentNode;
  operation: OperationDefinitionNode;
  operationName: string | undefined;
  variables: Record<string, unknown>;
  /** sha256 of the document's text: its id in APQ and the allowlist. */
  queryHash: string;
  cost: OperationCost;
}

/** Settings of {@link createAdmission}. */
export interface AdmissionOptions {
  limits: QueryLimits;
  /** Production: no introspection, no "did you mean" suggestions in messages. */
  production: boolean;
  /** Longest document text accepted, in bytes (QUERY_MAX_BYTES); longer is answered 413. */
  maxQueryBytes: number;
  /** Longest ID accepted in arguments and variables (ID_MAX_LENGTH). */
  maxIdLength: number;
  /** When set, only these documents run (PERSISTED_QUERIES_ALLOWLIST). */
  allowlist?: Allowlist | undefined;
  /** The last step, the caller's own rate; absent, {@link Admission.charge} charges nothing. */
  callerRate?: CallerRate | undefined;
}

/** The admission pipeline, in the contract's order. */
export interface Admission {
  /**
   * Size, parse and validation of a document's text. Remembered per text
   * (refusals too), so a document sent again costs one hash lookup. Throws
   * {@link AdmissionError}.
   */
  document(query: string, queryHash?: string): { document: DocumentNode; queryHash: string };
  /**
   * The checks on one operation of a valid document: the operation exists,
   * the transport may run its type, the allowlist, variables, ID lengths,
   * depth, aliases and cost. Throws {@link AdmissionError}.
   */
  operation(
    document: DocumentNode,
    queryHash: string,
    request: Omit<OperationRequest, 'query'>,
    transport: Transport,
  ): AdmittedOperation;
  /** Both, for transports that hand over the raw text (the WebSocket, SSE). */
  admit(request: OperationRequest, transport: Transport): AdmittedOperation;
  /**
   * The last step, asynchronous because the caller's bucket may live in
   * Redis: charges the operation admitted on `target` (its `admitted`, set
   * from {@link Admission.operation} or {@link Admission.admit}) to the
   * caller's rate, recording the charge on `target`. Every transport awaits
   * it right after the synchronous checks and before anything runs. Rejects
   * with a `THROTTLED` {@link AdmissionError} (429) when the caller's bucket
   * holds less than the operation's cost.
   */
  charge(target: ChargeTarget): Promise<void>;
  /** The limits in force, for `extensions.cost`. */
  readonly limits: QueryLimits;
}

/** Distinct document texts remembered (a client sending endless distinct texts evicts the least recently used). */
const DOCUMENTS_KEPT = 1_000;
/** Measurements remembered per document, one per variable set. */
const COSTS_PER_DOCUMENT = 64;
/**
 * Most lexical tokens parsed. graphql-js stops at this count, so parsing is
 * bounded whatever the text; the order page is about 300 tokens, GraphiQL's
 * introspection query about 400.
 */
const MAX_TOKENS = 15_000;

/**
 * Most times one response name may be selected in one selection set,
 * fragments merged in (see {@link mostRepeatedField}). Clients that spread
 * several fragments repeat `id` and `__typename` a few times; nobody needs
 * the same field twenty times in one place.
 */
const MAX_REPEATS = 10;

type DocumentVerdict = { document: DocumentNode; queryHash: string } | { refusal: AdmissionError };

/**
 * Creates the admission. Every transport passes every operation through it
 * before execution, so each guarantee lives here once.
 *
 * Cost of a refusal or an admission: linear in the document's text. Parsing
 * is bounded by {@link MAX_TOKENS}; the shape limits (field nodes, depth,
 * aliases and repeats, fragments expanded, each fragment measured once) are
 * checked right after parsing, before the validation rules, because
 * graphql-js' overlapping-fields rule compares same-named fields pairwise
 * (900 aliased fields cost it 30 ms, 300 repeats of one field 650 ms) and
 * must only ever see small documents; the cost, which needs a valid document
 * and its variables, follows validation and the allowlist.
 */
export function createAdmission(schema: GraphQLSchema, options: AdmissionOptions): Admission {
  const { limits, production, maxQueryBytes, maxIdLength, allowlist, callerRate } = options;
  const rules: readonly ValidationRule[] = production ? [...specifiedRules, NoSchemaIntrospectionCustomRule] : specifiedRules;
  const documents = new LRUCache<string, DocumentVerdict>({ max: DOCUMENTS_KEPT });
  const costs = new WeakMap<DocumentNode, LRUCache<string, OperationCost | AdmissionError>>();

  const checkDocument = (query: string, queryHash: string): DocumentVerdict => {
    const bytes = Buffer.byteLength(query, 'utf8');
    if (bytes > maxQueryBytes) {
      return { refusal: tooComplex(`the document is ${bytes} bytes; at most ${maxQueryBytes} are allowed`, {}, 413) };
    }
    let document: DocumentNode;
    try {
      document = parse(query, { maxTokens: MAX_TOKENS, noLocation: false });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return { refusal: badInput(message.startsWith('Syntax Error') ? message : `Syntax Error: ${message}`) };
    }
    for (const definition of document.definitions) {
      if (definition.kind !== 'OperationDefinition') continue;
      const refusal = shapeRefusal(document, definition);
      if (refusal !== undefined) return { refusal };
    }
    const errors = validate(schema, document, rules);
    if (errors.length > 0) return { refusal: validationRefusal(errors, production) };
    return { document, queryHash };
  };

  // The shape limits run before validation: its overlapping-fields rule costs the square of what they bound.
  const shapeRefusal = (parsed: DocumentNode, definition: OperationDefinitionNode): AdmissionError | undefined => {
    const shape = measureShape(parsed, definition, !production);
    const refuse = (message: string) => tooComplex(message, { cost: { depth: shape.depth, aliases: shape.aliases, nodes: shape.nodes } });
    if (shape.nodes > limits.maxNodes) return refuse(`the query selects ${shape.nodes} fields with its fragments expanded; at most ${limits.maxNodes} are allowed`);
    if (shape.depth > limits.maxDepth) return refuse(`the query is ${shape.depth} levels deep; at most ${limits.maxDepth} are allowed`);
    if (shape.aliases > limits.maxAliases) return refuse(`the query uses ${shape.aliases} aliases; at most ${limits.maxAliases} are allowed`);
    const repeated = mostRepeatedField(parsed, definition);
    if (repeated.times > MAX_REPEATS) return refuse(`the query selects "${repeated.name}" ${repeated.times} times in one selection set; at most ${MAX_REPEATS} are allowed`);
    return undefined;
  };

  const document: Admission['document'] = (query, queryHash) => {
    let verdict = documents.get(query);
    if (verdict === undefined) {
      verdict = checkDocument(query, queryHash ?? sha256(query));
      documents.set(query, verdict);
    }
    if ('refusal' in verdict) throw verdict.refusal;
    return verdict;
  };

  const measure = (admittedDocument: DocumentNode, operation: OperationDefinitionNode, operationName: string | undefined, variables: Record<string, unknown>): OperationCost => {
    let byVariables = costs.get(admittedDocument);
    if (byVariables === undefined) {
      byVariables = new LRUCache({ max: COSTS_PER_DOCUMENT });
      costs.set(admittedDocument, byVariables);
    }
    const key = `${operationName ?? ''}\u0000${JSON.stringify(variables)}`;
    let measured = byVariables.get(key);
    if (measured === undefined) {
      measured = measureOperation(admittedDocument, operation, variables);
      byVariables.set(key, measured);
    }
    if (measured instanceof AdmissionError) throw measured;
    return measured;
  };

  const measureOperation = (admittedDocument: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown>): OperationCost | AdmissionError => {
    const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
    if (coerced.errors !== undefined) return badInput(coerced.errors[0]?.message ?? 'invalid variables');
    const longId = findLongId(schema, admittedDocument, operation, variables, maxIdLength);
    if (longId !== undefined) return badInput(`an ID in ${longId.where} is ${longId.length} characters long; at most ${maxIdLength} are allowed`);
    const shape = measureShape(admittedDocument, operation, !production);
    const cost: OperationCost = { requestedQueryCost: 0, depth: shape.depth, aliases: shape.aliases, nodes: shape.nodes };
    cost.requestedQueryCost = measureCost(schema, admittedDocument, operation, coerced.coerced);
    if (cost.requestedQueryCost > limits.maxCost) {
      return tooComplex(`the query costs ${cost.requestedQueryCost}; at most ${limits.maxCost} is allowed (ask for fewer items per page or fewer nested lists)`, { cost: { ...cost, limits } });
    }
    return cost;
  };

  const operation: Admission['operation'] = (admittedDocument, queryHash, request, transport) => {
    const operationName = request.operationName ?? undefined;
    const chosen = getOperationAST(admittedDocument, operationName);
    if (chosen === null || chosen === undefined) {
      throw badInput(operationName === undefined
        ? 'the document holds several operations: name the one to run in "operationName"'
        : `the document has no operation named "${operationName}"`);
    }
    if (chosen.operation === 'subscription' && transport === 'http') {
      throw badInput('subscriptions are not served over plain HTTP: use the /graphql WebSocket (graphql-transport-ws) or POST /graphql/stream (server-sent events)');
    }
    if (allowlist !== undefined && !allowlist.allows(queryHash)) {
      throw new AdmissionError('this operation is not in the persisted-query allowlist', ErrorCode.FORBIDDEN, 403);
    }
    const variables = request.variables ?? {};
    if (typeof variables !== 'object' || Array.isArray(variables)) throw badInput('"variables" must be an object');
    const cost = measure(admittedDocument, chosen, operationName, variables);
    return { document: admittedDocument, operation: chosen, operationName: chosen.name?.value ?? operationName, variables, queryHash, cost };
  };

  /**
   * The text to admit: the request's own, or the persisted document its
   * `documentId` or APQ hash names. Transports other than Apollo's hold no
   * APQ registry, so a hash resolves through the allowlist only.
   */
  const persistedText = (request: OperationRequest): string => {
    if (typeof request.query === 'string' && request.query.trim() !== '') return request.query;
    const persisted = request.extensions?.persistedQuery;
    const hash = request.documentId
      ?? (typeof persisted === 'object' && persisted !== null ? (persisted as { sha256Hash?: unknown }).sha256Hash : undefined);
    if (typeof hash !== 'string') throw badInput('the operation needs a non-empty "query", a "documentId" or the persistedQuery extension');
    const text = allowlist?.documentFor(hash);
    if (text === undefined) {
      throw new AdmissionError('PersistedQueryNotFound', ErrorCode.PERSISTED_QUERY_NOT_FOUND, 404);
    }
    return text;
  };

  return {
    limits,
    document,
    operation,
    admit(request, transport) {
      const admitted = document(persistedText(request));
      return operation(admitted.document, admitted.queryHash, request, transport);
    },
    charge: async (target) => callerRate?.charge(target),
  };
}

/** One refusal for all validation errors, each kept with its locations; suggestions dropped in production (they reveal the schema). */
function validationRefusal(errors: readonly GraphQLError[], production: boolean): AdmissionError {
  const messages = errors.map((error) => (production ? error.message.replace(/ Did you mean .*\?$/, '') : error.message));
  const [first] = messages;
  return badInput(first ?? 'the document is not valid against the schema', {
    validationErrors: errors.map((error, index) => ({ message: messages[index], locations: error.locations })),
  });
}
