// Records every grant and refusal of rate-budget acquires, in the order they happen, for the fair-share tests (in memory on fake timers, and on Redis in real time).
import { UpstreamRateLimitedError } from '../../src/upstream/errors';
import type { RateBudget } from '../../src/upstream/rate-budget';

/** One grant or refusal, with the time since the recorder started (fake or real, whichever clock runs). */
export interface BudgetOutcome {
  caller: string;
  index: number;
  granted: boolean;
  at: number;
  waitedMs: number;
}

/** What a recorder gives a test. */
export interface BudgetRecorder {
  /** Asks `budget` for `count` tokens as `caller`, each recorded once it is granted or refused. */
  ask(budget: RateBudget, caller: string, count: number, maxWaitMs?: number): void;
  outcomes: BudgetOutcome[];
  grants(): BudgetOutcome[];
  /** Settles once every acquire asked so far has. */
  all(): Promise<unknown>;
}

/** A recorder whose times start now; any error but a refusal fails the acquire's promise (and `all`). */
export function budgetRecorder(): BudgetRecorder {
  const started = performance.now();
  const outcomes: BudgetOutcome[] = [];
  const settled: Array<Promise<void>> = [];
  const ask = (budget: RateBudget, caller: string, count: number, maxWaitMs?: number): void => {
    for (let index = 0; index < count; index += 1) {
      const asked = performance.now();
      const record = (granted: boolean): void => {
        outcomes.push({ caller, index, granted, at: performance.now() - started, waitedMs: performance.now() - asked });
      };
      settled.push(budget.acquire({ caller, ...(maxWaitMs === undefined ? {} : { maxWaitMs }) }).then(() => record(true), (error: unknown) => {
        if (!(error instanceof UpstreamRateLimitedError)) throw error;
        record(false);
      }));
    }
  };
  return { ask, outcomes, grants: () => outcomes.filter((outcome) => outcome.granted), all: () => Promise.all(settled) };
}
