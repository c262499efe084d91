// Retries the processing of an acknowledged event a few times: after the 202 the gateway owns the event and must not drop it.
import type { Logger } from '../logger';

/** Settings of {@link retryProcessing}. */
export interface RetryProcessingOptions {
  /** Attempts in all. Defaults to 5. */
  attempts?: number;
  /** First delay; doubles each time. Defaults to 200 ms. */
  baseDelayMs?: number;
}

/** Runs `work` until it resolves or the attempts run out (then rejects with the last failure). */
export async function retryProcessing<T>(work: (attempt: number) => Promise<T>, logger: Logger, eventId: string, { attempts = 5, baseDelayMs = 200 }: RetryProcessingOptions = {}): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await work(attempt);
    } catch (error) {
      if (attempt >= attempts) throw error;
      logger.warn({ err: error, eventId, attempt }, 'webhook event processing failed; retrying');
      await new Promise((resolve) => setTimeout(resolve, baseDelayMs * 2 ** (attempt - 1)));
    }
  }
}
