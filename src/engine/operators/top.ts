/**
 * `top N by keys`: the first N rows in key order. Keeps at most N rows (a heap whose root is the worst row
 * kept), so memory grows with N, not with the input.
 */
import type { Row } from '../values/types.js';
import type { RowSink } from './sink.js';
import type { CompiledSortKey, SortEntry } from './sort.js';
import { entryComparator, sortEntry } from './sort.js';

interface Ranked extends SortEntry {
  /** Arrival order: among equal keys, the earlier row ranks first. */
  readonly seq: number;
}

export class TopOperator implements RowSink {
  /** A max-heap by rank: heap[0] is the worst row kept. */
  private heap: Ranked[] = [];
  private seq = 0;
  private readonly rank: (a: Ranked, b: Ranked) => number;

  constructor(
    private readonly count: number,
    private readonly keys: readonly CompiledSortKey[],
    private readonly out: RowSink,
  ) {
    const byKeys = entryComparator(keys);
    this.rank = (a, b) => byKeys(a, b) || a.seq - b.seq;
  }

  push(row: Row): void {
    if (this.count <= 0) return;
    const e: Ranked = { ...sortEntry(this.keys, row), seq: this.seq++ };
    const heap = this.heap;
    if (heap.length < this.count) {
      heap.push(e);
      this.siftUp(heap.length - 1);
    } else if (this.rank(e, heap[0] as Ranked) < 0) {
      heap[0] = e;
      this.siftDown(0);
    }
  }

  private siftUp(i: number): void {
    const heap = this.heap;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.rank(heap[i] as Ranked, heap[parent] as Ranked) <= 0) return;
      [heap[i], heap[parent]] = [heap[parent] as Ranked, heap[i] as Ranked];
      i = parent;
    }
  }

  private siftDown(i: number): void {
    const heap = this.heap;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let worst = i;
      if (l < heap.length && this.rank(heap[l] as Ranked, heap[worst] as Ranked) > 0) worst = l;
      if (r < heap.length && this.rank(heap[r] as Ranked, heap[worst] as Ranked) > 0) worst = r;
      if (worst === i) return;
      [heap[i], heap[worst]] = [heap[worst] as Ranked, heap[i] as Ranked];
      i = worst;
    }
  }

  end(): void {
    const rows = this.heap.sort(this.rank);
    this.heap = [];
    this.seq = 0;
    for (const e of rows) this.out.push(e.row);
    this.out.end();
  }
}
