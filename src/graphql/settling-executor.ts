// The compiled executor with the caller rate's second half: once an operation ran, its actual cost is recorded and the unused points flow back, before any transport writes the answer.
import type { ExecutionResult, GraphQLSchema } from 'graphql';

import type { CallerRate, ChargeTarget } from './caller-rate';
import { CompiledExecutor, type Execution } from './execute';

/**
 * Every transport runs queries and mutations through {@link CompiledExecutor.run}
 * (Apollo through its gateway seam, the WebSocket and SSE directly), so
 * settling here covers them all and each transport's `extensions.cost`,
 * built after `run` resolves, already reports the actual cost and the
 * refunded bucket.
 */
export class SettlingExecutor extends CompiledExecutor {
  constructor(schema: GraphQLSchema, private readonly callerRate: CallerRate) {
    super(schema);
  }

  override async run(execution: Execution): Promise<ExecutionResult> {
    const result = await super.run(execution);
    if (isChargeTarget(execution.context)) {
      try {
        await this.callerRate.settle(execution.context, result.data);
      } catch {
        // A refund that failed leaves the caller charged its requested cost: never a reason to fail the answer.
      }
    }
    return result;
  }
}

function isChargeTarget(context: unknown): context is ChargeTarget {
  return typeof context === 'object' && context !== null && 'admitted' in context && 'caller' in context && 'charge' in context;
}
