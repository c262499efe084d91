// The `extensions.cost` every answer carries, whatever transport: what the operation was measured at and what it spent upstream.
import type { OperationContext } from './context';
import type { QueryLimits } from './document-limits';

/** `extensions.cost` of an answer. */
export interface CostExtension {
  requestedQueryCost: number;
  maximumAvailable: number;
  depth: number;
  upstreamCalls: number;
}

/** Builds `extensions.cost` for the operation of `context` (a refused one reports what it was measured at). */
export function costExtension(context: OperationContext | undefined, limits: QueryLimits): CostExtension {
  const measured = context?.admitted?.cost ?? context?.refusedCost;
  return {
    requestedQueryCost: measured?.requestedQueryCost ?? 0,
    maximumAvailable: limits.maxCost,
    depth: measured?.depth ?? 0,
    upstreamCalls: context?.upstreamCalls() ?? 0,
  };
}
