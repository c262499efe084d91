// Summarises a V8 `.cpuprofile` (from `node --cpu-prof`): self time by cost bucket and by function.
import { readFileSync } from 'node:fs';

import { isRecord } from './ipc-protocol';

/** One line of a summary. */
export interface ProfileShare {
  name: string;
  /** Share of all sampled time, 0–1. */
  share: number;
}

/** A named bucket of self time: the first bucket whose test matches a frame takes its samples. */
export interface ProfileBucket {
  label: string;
  test: (frame: { functionName: string; url: string }) => boolean;
}

/** Where the sampled time went. */
export interface ProfileSummary {
  totalMs: number;
  buckets: ProfileShare[];
  functions: ProfileShare[];
}

interface Frame { functionName: string; url: string; lineNumber: number }

function readProfile(path: string): { frames: Map<number, Frame>; selfMicros: Map<number, number>; totalMicros: number } {
  const profile: unknown = JSON.parse(readFileSync(path, 'utf8'));
  if (!isRecord(profile) || !Array.isArray(profile['nodes']) || !Array.isArray(profile['samples']) || !Array.isArray(profile['timeDeltas'])) {
    throw new Error(`${path} is not a V8 cpuprofile`);
  }
  const frames = new Map<number, Frame>();
  for (const raw of profile['nodes'] as unknown[]) {
    if (!isRecord(raw) || typeof raw['id'] !== 'number' || !isRecord(raw['callFrame'])) continue;
    const frame = raw['callFrame'];
    frames.set(raw['id'], {
      functionName: typeof frame['functionName'] === 'string' && frame['functionName'] !== '' ? frame['functionName'] : '(anonymous)',
      url: typeof frame['url'] === 'string' ? frame['url'] : '',
      lineNumber: typeof frame['lineNumber'] === 'number' ? frame['lineNumber'] : 0,
    });
  }
  const samples = profile['samples'] as unknown[];
  const deltas = profile['timeDeltas'] as unknown[];
  const selfMicros = new Map<number, number>();
  let totalMicros = 0;
  for (let index = 0; index < samples.length; index += 1) {
    const id = samples[index];
    const delta = deltas[index];
    if (typeof id !== 'number' || typeof delta !== 'number' || delta < 0) continue;
    selfMicros.set(id, (selfMicros.get(id) ?? 0) + delta);
    totalMicros += delta;
  }
  return { frames, selfMicros, totalMicros };
}

/** `name package/file:line`, short enough for a table. */
function functionLabel(frame: Frame): string {
  if (frame.url === '') return frame.functionName;
  const file = frame.url.replace(/^.*node_modules\//, '').replace(/^.*\/dist\//, '').replace(/^file:\/\//, '');
  return `${frame.functionName} (${file}:${frame.lineNumber + 1})`;
}

/**
 * Sums self time per bucket (first match; unmatched time goes to `other`)
 * and per function, heaviest first.
 *
 * @throws Error when the file is not a V8 CPU profile.
 */
export function summariseProfile(path: string, buckets: readonly ProfileBucket[], topFunctions = 12): ProfileSummary {
  const { frames, selfMicros, totalMicros } = readProfile(path);
  if (totalMicros <= 0) throw new Error(`${path} holds no samples`);
  const byBucket = new Map<string, number>();
  const byFunction = new Map<string, number>();
  for (const [id, micros] of selfMicros) {
    const frame = frames.get(id);
    if (frame === undefined) continue;
    const bucket = buckets.find((candidate) => candidate.test(frame))?.label ?? 'other (node core, V8 builtins)';
    byBucket.set(bucket, (byBucket.get(bucket) ?? 0) + micros);
    const label = functionLabel(frame);
    byFunction.set(label, (byFunction.get(label) ?? 0) + micros);
  }
  const sorted = (map: Map<string, number>, count: number): ProfileShare[] =>
    [...map.entries()].sort(([, a], [, b]) => b - a).slice(0, count).map(([name, micros]) => ({ name, share: micros / totalMicros }));
  return { totalMs: totalMicros / 1000, buckets: sorted(byBucket, byBucket.size), functions: sorted(byFunction, topFunctions) };
}
