/**
 * Merging the partial aggregates of several workers into one result that equals a single thread's.
 *
 * States arrive as they are sent (a worker may send a group's states in several pieces, in its input order)
 * and are merged on arrival into one table: a group seen by several workers is held once, with one set of
 * accumulators per worker. The result is put together in worker order — groups in the order a single thread
 * would first have met them (the first worker's in its order, then each later worker's new ones in its
 * order), and each group's accumulators merged from the first worker to the last — so it does not depend on
 * arrival times or on the number of threads.
 */
import type { Accumulator, AggregateImpl } from '../engine/aggregates/registry.js';
import { memoryCheckpoint } from '../engine/memory-checkpoint.js';
import type { RowSink } from '../engine/operators/sink.js';
import { StringInterner } from '../engine/values/interner.js';
import { KeyTable } from '../engine/values/key-table.js';
import type { ScalarType } from '../engine/values/types.js';

interface MergedGroup {
  readonly keys: unknown[];
  /** The lowest worker that has sent this group. */
  firstWorker: number;
  /** Bit w set: worker w has sent this group. */
  sentBy: number;
  /** Per worker that sent the group, its accumulators; undefined when the summarize has no aggregates. */
  readonly accs: (Accumulator[] | undefined)[] | undefined;
}

/** Workers a merge can tell apart (one bit each in a small integer). */
export const MAX_MERGE_WORKERS = 30;

export class SummarizeMerge {
  private readonly groups: KeyTable<MergedGroup>;
  private readonly interners: (StringInterner | undefined)[];
  /** Per worker, its groups in the order it first sent them. */
  private readonly firstSent: MergedGroup[][];

  constructor(
    private readonly width: number,
    keyTypes: readonly ScalarType[],
    private readonly aggregates: readonly AggregateImpl[],
    private readonly workers: number,
  ) {
    if (workers > MAX_MERGE_WORKERS) throw new Error(`internal: at most ${MAX_MERGE_WORKERS} workers`);
    this.groups = new KeyTable(keyTypes, { keysOf: (g) => g.keys });
    this.interners = keyTypes.map((t) => (t === 'string' ? new StringInterner() : undefined));
    this.firstSent = Array.from({ length: workers }, () => []);
  }

  /** One group state from `worker`: its key values, then one accumulator state per aggregate. */
  add(worker: number, state: readonly unknown[]): void {
    memoryCheckpoint();
    const n = this.width;
    const aggregates = this.aggregates;
    let created = false;
    const g = this.groups.getOrCreate(state, () => {
      created = true;
      const keys = state.slice(0, n);
      for (let i = 0; i < n; i++) {
        const interner = this.interners[i];
        if (interner) keys[i] = interner.intern(keys[i] as string);
      }
      const accs = aggregates.length === 0 ? undefined : new Array<Accumulator[] | undefined>(this.workers);
      return { keys, firstWorker: worker, sentBy: 0, accs };
    });
    if (!created && worker < g.firstWorker) g.firstWorker = worker;
    const bit = 1 << worker;
    if ((g.sentBy & bit) === 0) {
      // The first state of this group from this worker.
      g.sentBy |= bit;
      (this.firstSent[worker] as MergedGroup[]).push(g);
      if (g.accs) g.accs[worker] = aggregates.map((a, i) => a.restore(state[n + i]));
      return;
    }
    const accs = g.accs?.[worker];
    if (!accs) return;
    for (let i = 0; i < aggregates.length; i++) {
      (accs[i] as Accumulator).merge((aggregates[i] as AggregateImpl).restore(state[n + i]));
    }
  }

  /** The merged groups, in single-thread order; the table is emptied as they go. */
  emit(out: RowSink): void {
    this.groups.drain(); // the key index is no longer needed: the groups live on in firstSent
    for (let w = 0; w < this.firstSent.length; w++) {
      const list = this.firstSent[w] as (MergedGroup | undefined)[];
      this.firstSent[w] = [];
      for (let i = 0; i < list.length; i++) {
        const g = list[i] as MergedGroup;
        list[i] = undefined;
        if (g.firstWorker !== w) continue; // emitted with an earlier worker's groups
        out.push(this.row(g));
      }
    }
  }

  private row(g: MergedGroup): unknown[] {
    const row = g.keys;
    if (this.aggregates.length === 0) return row;
    let merged: Accumulator[] | undefined;
    for (const accs of g.accs ?? []) {
      if (!accs) continue;
      if (!merged) merged = accs;
      else for (let i = 0; i < merged.length; i++) (merged[i] as Accumulator).merge(accs[i] as Accumulator);
    }
    for (const a of merged ?? []) row.push(a.result());
    return row;
  }
}
