// A timer for delays longer than setTimeout's 2^31-1 ms (24.8 days), which node would otherwise fire at once.
/** The longest delay node's setTimeout honours. */
const MAX_TIMEOUT_MS = 2_147_483_647;

/** A running long timer. */
export interface LongTimer {
  clear(): void;
}

/**
 * Calls `callback` after `delayMs` (at once when it is 0 or negative),
 * re-arming in steps of at most {@link MAX_TIMEOUT_MS}. The timer never
 * keeps the process alive.
 */
export function setLongTimeout(callback: () => void, delayMs: number): LongTimer {
  const due = Date.now() + Math.max(0, delayMs);
  let timer: NodeJS.Timeout;
  const arm = (): void => {
    const left = due - Date.now();
    timer = setTimeout(left > MAX_TIMEOUT_MS ? arm : callback, Math.min(Math.max(0, left), MAX_TIMEOUT_MS));
    timer.unref();
  };
  arm();
  return { clear: () => clearTimeout(timer) };
}
