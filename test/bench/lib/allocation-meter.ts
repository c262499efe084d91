// Measures what this process allocates on the V8 heap, and what its garbage collections cost, between a start and a stop (v8.GCProfiler's heap figures around every collection).
import { GCProfiler, type HeapSpaceStatistics, getHeapStatistics } from 'node:v8';

/** What one measured stretch allocated and collected. */
export interface AllocationFigures {
  /** Bytes allocated on the V8 heap (JS objects and strings; not Buffers' external memory). */
  allocatedBytes: number;
  /** Bytes that young-generation collections moved to the old generation (survived two scavenges). */
  promotedBytes: number;
  /** Young-generation collections (scavenges). */
  scavenges: number;
  /** Full collections (mark-compact), incremental ones included. */
  fullCollections: number;
  /** Time the main thread spent in collections, ms (V8's own measure of each pause; helper threads not included). */
  gcPauseMs: number;
}

function oldSpaceUsed(spaces: readonly HeapSpaceStatistics[]): number {
  return spaces.find((space) => space.spaceName === 'old_space')?.spaceUsedSize ?? 0;
}

/**
 * Starts measuring; the function returned stops and reports. Only one meter
 * runs per process at a time (V8 keeps one GC profile per isolate).
 *
 * Heap use only grows between collections, by what was allocated, and only
 * drops in them: so the allocation of a stretch is the sum of the growths
 * from the end of one collection (or the start) to the beginning of the next
 * (or the stop). What the concurrent sweeper frees between collections is not
 * seen, so this is a lower bound, close for a short-lived-object workload.
 */
export function startAllocationMeter(): () => AllocationFigures {
  const profiler = new GCProfiler();
  const usedAtStart = getHeapStatistics().used_heap_size;
  profiler.start();
  return () => {
    const profile = profiler.stop();
    const usedAtStop = getHeapStatistics().used_heap_size;
    const figures: AllocationFigures = { allocatedBytes: 0, promotedBytes: 0, scavenges: 0, fullCollections: 0, gcPauseMs: 0 };
    let usedAfterLast = usedAtStart;
    for (const gc of profile.statistics) {
      figures.allocatedBytes += Math.max(0, gc.beforeGC.heapStatistics.usedHeapSize - usedAfterLast);
      usedAfterLast = gc.afterGC.heapStatistics.usedHeapSize;
      figures.gcPauseMs += gc.cost / 1000;
      if (gc.gcType === 'Scavenge' || gc.gcType === 'MinorMarkSweep') {
        figures.scavenges += 1;
        figures.promotedBytes += Math.max(0, oldSpaceUsed(gc.afterGC.heapSpaceStatistics) - oldSpaceUsed(gc.beforeGC.heapSpaceStatistics));
      } else if (gc.gcType === 'MarkSweepCompact') {
        figures.fullCollections += 1;
      }
    }
    figures.allocatedBytes += Math.max(0, usedAtStop - usedAfterLast);
    return figures;
  };
}
