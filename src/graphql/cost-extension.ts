// The `extensions.cost` every answer carries, whatever transport: what the operation was measured at, what it actually cost, what it spent upstream and what is left in the caller's bucket.
import type { ThrottleStatus } from './caller-rate';
import type { OperationContext } from './context';
import type { QueryLimits } from './document-limits';

/**
 * `extensions.cost` of an answer. `requestedQueryCost`, `actualQueryCost` and
 * `throttleStatus` carry the names of Shopify's cost extension, so tools
 * that read it work unchanged; the rest is this gateway's own.
 */
export interface CostExtension {
  /** The cost the operation was measured at before it ran (0 when refused before it was measured). */
  requestedQueryCost: number;
  /** The cost once it ran, with pages costed at the items they held; null when it did not run (refused, or a subscription). */
  actualQueryCost: number | null;
  /** The most an operation may cost (QUERY_MAX_COST). */
  maximumAvailable: number;
  depth: number;
  /** Upstream requests the operation made. */
  upstreamCalls: number;
  /** Answers its loaders took from the shared cache instead of upstream (CACHE_TTL_SECONDS). */
  cacheHits: number;
  /** The caller's bucket after this operation; absent for callers the caller rate exempts (admins, unless CALLER_COST_ADMINS=on). */
  throttleStatus?: ThrottleStatus;
}

/** Builds `extensions.cost` for the operation of `context` (a refused one reports what it was measured at). */
export function costExtension(context: OperationContext | undefined, limits: QueryLimits): CostExtension {
  const measured = context?.admitted?.cost ?? context?.refusedCost;
  const throttleStatus = context?.charge?.throttleStatus ?? context?.refusedCost?.throttleStatus;
  return {
    requestedQueryCost: measured?.requestedQueryCost ?? 0,
    actualQueryCost: context?.actualCost ?? null,
    maximumAvailable: limits.maxCost,
    depth: measured?.depth ?? 0,
    upstreamCalls: context?.upstreamCalls() ?? 0,
    cacheHits: context?.cacheHits() ?? 0,
    ...(throttleStatus === undefined ? {} : { throttleStatus: { ...throttleStatus } }),
  };
}
