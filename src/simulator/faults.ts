// Fault injection: makes chosen requests fail or slow down, for tests of client resilience.

/** What to inject; the same JSON shape is accepted by `POST /__sim/faults`. */
export interface FaultSpec {
  /** Only requests with this method (any case); default: every method. */
  method?: string;
  /** Only requests whose path starts with this, e.g. `/orders`. */
  pathPrefix: string;
  /**
   * Answer with this status and an upstream-format body. Omit it, or give a status
   * below 400 without `body`, to only delay and then serve the request normally.
   */
  status?: number;
  /** How many matching requests to affect; default 1, `0` until cleared. */
  times?: number;
  /** Wait this long before answering (or before serving normally, without `status`). */
  delayMs?: number;
  /** Send `Retry-After` with this many seconds (429 gets `1` by default). */
  retryAfterSeconds?: number;
  /** Send this body instead of the default upstream-format one (for malformed-body tests). */
  body?: unknown;
}

/** An armed fault: the spec plus its id and how many uses are left (`Infinity` until cleared). */
export interface ArmedFault extends Readonly<FaultSpec> {
  readonly id: number;
  readonly remaining: number;
}

/**
 * Narrows untrusted JSON to a FaultSpec.
 *
 * @throws TypeError naming the field that is wrong and what arrived.
 */
export function parseFaultSpec(value: unknown): FaultSpec {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new TypeError(`a fault must be a JSON object, got ${JSON.stringify(value)}`);
  }
  const v = value as Record<string, unknown>;
  const optionalNumber = (key: string, min: number, max: number): number | undefined => {
    const n = v[key];
    if (n === undefined) return undefined;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < min || n > max) {
      throw new TypeError(`fault.${key} must be an integer from ${min} to ${max}, got ${JSON.stringify(n)}`);
    }
    return n;
  };
  if (typeof v['pathPrefix'] !== 'string' || !v['pathPrefix'].startsWith('/')) {
    throw new TypeError(`fault.pathPrefix must be a string starting with '/', got ${JSON.stringify(v['pathPrefix'])}`);
  }
  if (v['method'] !== undefined && typeof v['method'] !== 'string') {
    throw new TypeError(`fault.method must be a string, got ${JSON.stringify(v['method'])}`);
  }
  const spec: FaultSpec = {
    pathPrefix: v['pathPrefix'],
    ...(typeof v['method'] === 'string' ? { method: v['method'] } : {}),
    ...(v['body'] !== undefined ? { body: v['body'] } : {}),
  };
  const status = optionalNumber('status', 100, 599);
  const times = optionalNumber('times', 0, 1_000_000);
  const delayMs = optionalNumber('delayMs', 0, 600_000);
  const retryAfterSeconds = optionalNumber('retryAfterSeconds', 0, 86_400);
  if (status !== undefined) spec.status = status;
  if (times !== undefined) spec.times = times;
  if (delayMs !== undefined) spec.delayMs = delayMs;
  if (retryAfterSeconds !== undefined) spec.retryAfterSeconds = retryAfterSeconds;
  if (spec.status === undefined && spec.delayMs === undefined) {
    throw new TypeError('a fault needs a status, a delayMs, or both');
  }
  return spec;
}

/** The set of armed faults; the first armed fault that matches a request wins. */
export class FaultInjector {
  private faults: ArmedFault[] = [];
  private nextId = 1;

  /**
   * Arms a fault and returns it.
   *
   * @throws TypeError when the spec is invalid (see `parseFaultSpec`).
   */
  add(spec: FaultSpec): ArmedFault {
    const checked = parseFaultSpec(spec);
    const times = checked.times ?? 1;
    const fault: ArmedFault = { ...checked, id: this.nextId, remaining: times === 0 ? Infinity : times };
    this.nextId += 1;
    this.faults.push(fault);
    return fault;
  }

  /** The armed faults, in matching order. */
  list(): ArmedFault[] {
    return [...this.faults];
  }

  /** Disarms every fault. */
  clear(): void {
    this.faults = [];
  }

  /**
   * The fault to apply to a request, using up one of its times; undefined when none matches.
   * A fault whose times are used up is removed.
   */
  take(method: string, path: string): ArmedFault | undefined {
    const index = this.faults.findIndex(
      (f) => (f.method === undefined || f.method.toUpperCase() === method.toUpperCase()) && path.startsWith(f.pathPrefix),
    );
    const fault = this.faults[index];
    if (fault === undefined) return undefined;
    const remaining = fault.remaining - 1;
    if (remaining <= 0) this.faults.splice(index, 1);
    else this.faults[index] = { ...fault, remaining };
    return fault;
  }
}
