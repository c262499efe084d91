// The access log line and the metrics of every GraphQL operation, whatever transport carried it; operation names as metric labels come from a bounded set.
import type { Logger } from '../logger';
import type { GatewayMetrics } from '../metrics/metrics';
import type { Transport } from './admission';

/** What one operation did, filled in as it goes through the pipeline. */
export interface OperationRecord {
  readonly transport: Transport;
  readonly requestId: string;
  readonly started: number;
  operationName: string | undefined;
  /** query, mutation or subscription; unknown when refused before the operation was found. */
  type: string;
  /** True when the admission (or the transport before it) refused the operation. */
  refused: boolean;
  /** Every extensions.code the client received. */
  readonly codes: Set<string>;
  /** Upstream calls made for it, read when it ends. */
  upstreamCalls: () => number;
}

/** Settings of {@link createOperationLog}. */
export interface OperationLogOptions {
  logger: Logger;
  metrics: GatewayMetrics;
  /** Names always labelled as sent (the allowlist's). */
  knownNames?: readonly string[];
  /** Distinct other names labelled as sent before the rest become `other`. Defaults to 200. */
  maxLabelledNames?: number;
}

/** Starts and ends operation records. */
export interface OperationLog {
  start(transport: Transport, requestId: string): OperationRecord;
  /** Logs the access line and counts the operation; `status` is the HTTP status, when there is one. */
  finish(record: OperationRecord, status?: number): void;
}

/**
 * Creates the operation log. A client chooses its `operationName` freely, so
 * labelling metrics with it as sent would let a client grow `/metrics` (and
 * the process) without bound: only the first {@link OperationLogOptions.maxLabelledNames}
 * distinct names (plus the allowlist's) keep their own series, the rest
 * share `other`. The access log keeps the name as sent, cut to 100 characters.
 */
export function createOperationLog({ logger, metrics, knownNames = [], maxLabelledNames = 200 }: OperationLogOptions): OperationLog {
  const labelled = new Set<string>(knownNames);
  const budget = labelled.size + maxLabelledNames;
  const labelFor = (name: string | undefined): string => {
    if (name === undefined) return 'anonymous';
    if (labelled.has(name)) return name;
    if (labelled.size >= budget || name.length > 100) return 'other';
    labelled.add(name);
    return name;
  };
  return {
    start: (transport, requestId) => ({
      transport,
      requestId,
      started: performance.now(),
      operationName: undefined,
      type: 'unknown',
      refused: false,
      codes: new Set(),
      upstreamCalls: () => 0,
    }),
    finish(record, status) {
      const durationMs = performance.now() - record.started;
      const outcome = record.refused ? 'rejected' : record.codes.size > 0 ? 'error' : 'ok';
      const operation = labelFor(record.operationName);
      metrics.operations.inc({ operation, type: record.type, outcome, transport: record.transport });
      metrics.operationDuration.observe({ operation, type: record.type }, durationMs / 1000);
      logger.info({
        requestId: record.requestId,
        transport: record.transport,
        operation: record.operationName === undefined ? 'anonymous' : record.operationName.slice(0, 100),
        type: record.type,
        outcome,
        ...(status === undefined ? {} : { status }),
        durationMs: Math.round(durationMs * 10) / 10,
        upstreamCalls: record.upstreamCalls(),
        ...(record.codes.size === 0 ? {} : { errorCodes: [...record.codes] }),
      }, 'graphql operation');
    },
  };
}
