// Retries the processing of an acknowledged event a few times: after the 202 the gateway owns the event and must not drop it lightly.
import type { Logger } from '../logger';

/** Settings of {@link retryProcessing}. */
export interface RetryProcessingOptions {
  /** Attempts in all. Defaults to 5. */
  attempts?: number;
  /** First delay; doubles each time. Defaults to 200 ms. */
  baseDelayMs?: number;
  /**
   * Aborted at shutdown: the wait before the next attempt ends at once and no
   * further attempt starts (the attempt under way finishes). With Redis the
   * event then stays pending for another instance.
   */
  signal?: AbortSignal;
}

/**
 * Runs `work` until it resolves, the attempts run out or `signal` aborts; in
 * the last two cases it rejects with the last failure (or, aborted before the
 * first attempt, without calling `work`).
 */
export async function retryProcessing<T>(work: (attempt: number) => Promise<T>, logger: Logger, eventId: string, options: RetryProcessingOptions = {}): Promise<T> {
  const { attempts = 5, baseDelayMs = 200, signal } = options;
  // A function, not a narrowed property read: the signal may abort during the pause.
  const aborted = (): boolean => signal?.aborted === true;
  // Stopped while this event waited its turn (behind another of its object): no attempt starts.
  if (aborted()) throw new Error(`processing of event ${eventId} stopped before it began`);
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await work(attempt);
    } catch (error) {
      if (attempt >= attempts || aborted()) throw error;
      logger.warn({ err: error, eventId, attempt }, 'webhook event processing failed; retrying');
      await pause(baseDelayMs * 2 ** (attempt - 1), signal);
      if (aborted()) throw error;
    }
  }
}

// Private: resolves after `ms`, or as soon as `signal` aborts.
function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve();
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
