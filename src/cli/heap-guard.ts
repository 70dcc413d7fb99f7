/**
 * A query whose live data outgrows V8's heap (a summarize by a near-unique key over weeks of events) would end
 * in V8's own fatal error: a stack dump and exit 134, any output half written. After each full garbage
 * collection this checks how much of the heap is still live; past `share` of the limit the run stops with a
 * message that says why and what to do. Only what survives a full collection counts, so garbage awaiting
 * collection never stops a run.
 */
import { constants, PerformanceObserver } from 'node:perf_hooks';
import { getHeapStatistics } from 'node:v8';

const MB = 1024 * 1024;
/** heap_size_limit counts V8's young generation too (3 × 16 MB semi-spaces on 64-bit): live data is old. */
const YOUNG_GENERATION = 48 * MB;

/** Watches the heap until the returned function is called; `exhausted` hears the reason once. */
export function guardHeap(exhausted: (reason: string) => void, share = 0.9): () => void {
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const kind = (entry as { detail?: { kind?: number } }).detail?.kind;
      if (kind !== constants.NODE_PERFORMANCE_GC_MAJOR) continue;
      const { used_heap_size: used, heap_size_limit: heapLimit } = getHeapStatistics();
      const limit = Math.max(heapLimit - YOUNG_GENERATION, heapLimit / 2);
      if (used <= share * limit) continue;
      observer.disconnect();
      exhausted(
        `out of memory: the query holds ${Math.round(used / MB)} MB of live data, near this process's ` +
          `${Math.round(limit / MB)} MB limit (what it keeps grows with its groups, join sides and sorted ` +
          'rows). Narrow the time range or the query, or allow more: ' +
          `NODE_OPTIONS=--max-old-space-size=${Math.round((limit * 2) / MB)}`,
      );
      return;
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  return () => observer.disconnect();
}
