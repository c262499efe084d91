// The admission's last step, the caller's own rate (Shopify-style cost buckets): charge the requested cost up front or refuse THROTTLED, and after execution refund what the operation did not use.
import type { GraphQLSchema } from 'graphql';

import type { Viewer } from '../auth/viewer';
import { ErrorCode } from '../errors/codes';
import { actualCost } from './actual-cost';
import { AdmissionError } from './admission-error';
import type { AdmittedOperation } from './admission';
import type { CostBuckets } from './cost-bucket';

/** A caller's bucket as `extensions.cost.throttleStatus` reports it (Shopify's names). */
export interface ThrottleStatus {
  /** Points the bucket holds when full (CALLER_COST_LIMIT). */
  maximumAvailable: number;
  /** Points in the bucket now, rounded down. */
  currentlyAvailable: number;
  /** Points the bucket gains per second (CALLER_COST_PER_SECOND). */
  restoreRate: number;
}

/** What was charged for one operation; kept on its context until the answer is sent. */
export interface CallerCharge {
  /** Points taken up front: the requested cost. */
  readonly points: number;
  /** The bucket after the charge, and after the refund once the operation ran. */
  throttleStatus: ThrottleStatus;
}

/** What the charge reads and writes on an operation's context. */
export interface ChargeTarget {
  readonly viewer: Viewer;
  /** The rate key: `sub:<token subject>`, or `ip:<client ip>` without auth. */
  readonly caller: string;
  readonly admitted: AdmittedOperation | undefined;
  charge: CallerCharge | undefined;
  /** Set after execution: what the operation actually cost. */
  actualCost: number | undefined;
}

/** Settings of {@link createCallerRate}. */
export interface CallerRateOptions {
  /** The buckets; `undefined` turns the caller rate off (CALLER_COST_LIMIT=0): nothing is charged, actual costs are still reported. */
  buckets: CostBuckets | undefined;
  /** Charge admins too (CALLER_COST_ADMINS=on); by default they are exempt. */
  chargeAdmins: boolean;
}

/** The caller rate: one step before execution, one after. */
export interface CallerRate {
  /**
   * Charges the admitted operation's requested cost to the caller's bucket
   * and records the charge on `target`; an exempt caller (an admin, unless
   * `chargeAdmins`) is charged nothing. Rejects with a `THROTTLED`
   * {@link AdmissionError} (429, `extensions.retryAfterSeconds`, the bucket
   * under `extensions.cost.throttleStatus`) when the bucket holds less than
   * the cost; nothing is taken then. Never rejects otherwise.
   */
  charge(target: ChargeTarget): Promise<void>;
  /**
   * After execution: records the actual cost on `target` (see
   * `actualCost`) and gives the caller back the points charged beyond it.
   * Never rejects.
   */
  settle(target: ChargeTarget, data: unknown): Promise<void>;
}

/**
 * Creates the caller rate. Semantics of Shopify's cost extension: the
 * requested cost is charged before anything runs, so a caller cannot start
 * more than its bucket holds; once the operation ran, the difference to the
 * actual cost (pages that held fewer items than asked for) flows back.
 * Subscriptions are charged their requested cost when they start and never
 * refunded.
 */
export function createCallerRate(schema: GraphQLSchema, { buckets, chargeAdmins }: CallerRateOptions): CallerRate {
  const statusOf = (available: number): ThrottleStatus => ({
    maximumAvailable: buckets?.limit ?? 0,
    currentlyAvailable: Math.floor(available),
    restoreRate: buckets?.perSecond ?? 0,
  });
  return {
    async charge(target) {
      const { admitted } = target;
      if (buckets === undefined || admitted === undefined) return;
      if (target.viewer.kind === 'admin' && !chargeAdmins) return;
      const points = admitted.cost.requestedQueryCost;
      const result = await buckets.take(target.caller, points);
      const throttleStatus = statusOf(result.available);
      if (result.taken) {
        target.charge = { points, throttleStatus };
        return;
      }
      const retryAfterSeconds = Math.max(1, Math.ceil((points - result.available) / buckets.perSecond));
      throw new AdmissionError(
        `Throttled: the operation costs ${points} points and this caller has ${throttleStatus.currentlyAvailable} of ${buckets.limit} left, `
          + `restored at ${buckets.perSecond} per second; retry in ${retryAfterSeconds} s (or ask for fewer items per page)`,
        ErrorCode.THROTTLED,
        429,
        { retryAfterSeconds, cost: { ...admitted.cost, throttleStatus } },
      );
    },
    async settle(target, data) {
      const { admitted, charge } = target;
      if (admitted === undefined) return;
      const actual = actualCost(schema, admitted, data);
      target.actualCost = actual;
      if (buckets === undefined || charge === undefined || actual >= charge.points) return;
      const { available } = await buckets.give(target.caller, charge.points - actual);
      charge.throttleStatus = statusOf(available);
    },
  };
}
