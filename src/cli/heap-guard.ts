/**
 * A query whose live data outgrows V8's heap (a summarize by a near-unique key over weeks of events) would end
 * in V8's own fatal error: a stack dump and exit 134, any output half written. This stops it first, with a
 * message that says why and what to do, when live data passes `share` of the heap limit. Only what survives a
 * full garbage collection counts, so garbage awaiting collection never stops a run. Two ways in:
 * - after each full collection (a GC observer): catches growth while files are read;
 * - at the engine's memory checkpoints (engine/memory-checkpoint.ts), inside long synchronous steps where the
 *   observer cannot run: when the heap in use nears the limit, a full collection is forced there and then.
 */
import { constants, PerformanceObserver } from 'node:perf_hooks';
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { setMemoryCheck } from '../engine/memory-checkpoint.js';

const MB = 1024 * 1024;
/** heap_size_limit counts V8's young generation too (3 × 16 MB semi-spaces on 64-bit): live data is old. */
const YOUNG_GENERATION = 48 * MB;

function heap(): { used: number; limit: number } {
  const { used_heap_size: used, heap_size_limit: heapLimit } = getHeapStatistics();
  return { used, limit: Math.max(heapLimit - YOUNG_GENERATION, heapLimit / 2) };
}

let collect: (() => void) | undefined;
/** A full garbage collection, now (V8's gc(), exposed the first time it is needed). */
function collectGarbage(): void {
  if (!collect) {
    setFlagsFromString('--expose-gc');
    collect = runInNewContext('gc') as () => void;
  }
  collect();
}

function reason(used: number, limit: number): string {
  return (
    `out of memory: the query holds ${Math.round(used / MB)} MB of live data, near this process's ` +
    `${Math.round(limit / MB)} MB limit (what it keeps grows with its groups, join sides and sorted ` +
    'rows). Narrow the time range or the query, or allow more: ' +
    `NODE_OPTIONS=--max-old-space-size=${Math.round((limit * 2) / MB)}`
  );
}

/** Watches the heap until the returned function is called; `exhausted` hears the reason once. */
export function guardHeap(exhausted: (reason: string) => void, share = 0.85): () => void {
  /** The heap's use and limit when live data may be past `share` of it (garbage included until collected). */
  const nearLimit = () => {
    const { used, limit } = heap();
    return used > share * limit ? { used, limit } : undefined;
  };
  let stopped = false;
  const stop = ({ used, limit }: { used: number; limit: number }) => {
    if (stopped) return;
    stopped = true;
    observer.disconnect();
    setMemoryCheck(undefined);
    exhausted(reason(used, limit));
  };
  // After a full collection, what is in use is live.
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const kind = (entry as { detail?: { kind?: number } }).detail?.kind;
      if (kind !== constants.NODE_PERFORMANCE_GC_MAJOR) continue;
      const near = nearLimit();
      if (near) return stop(near);
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  setMemoryCheck(() => {
    if (!nearLimit()) return;
    collectGarbage(); // what is in use may be garbage: only what survives counts
    const after = nearLimit();
    if (after) stop(after);
  });
  return () => {
    observer.disconnect();
    setMemoryCheck(undefined);
  };
}
