/** `sort by`: buffers its input and emits it in key order (stable: ties keep input order). */
import type { Evaluator } from '../functions/registry.js';
import { memoryCheckpoint } from '../memory-checkpoint.js';
import type { Comparator } from '../values/compare.js';
import type { Row } from '../values/types.js';
import type { RowSink } from './sink.js';

export interface CompiledSortKey {
  readonly ev: Evaluator;
  readonly compare: Comparator;
  readonly descending: boolean;
  readonly nullsFirst: boolean;
  /** The type's null test (a string is never null). */
  readonly isNull: (v: unknown) => boolean;
}

/** A row with its sort key values, computed once. */
export interface SortEntry {
  readonly keys: unknown[];
  readonly row: Row;
}

export function sortEntry(keys: readonly CompiledSortKey[], row: Row): SortEntry {
  const values = new Array(keys.length);
  for (let i = 0; i < keys.length; i++) values[i] = (keys[i] as CompiledSortKey).ev(row);
  return { keys: values, row };
}

/** The order of entries by the keys: direction and nulls placement per key. */
export function entryComparator(keys: readonly CompiledSortKey[]): (a: SortEntry, b: SortEntry) => number {
  return (a, b) => {
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i] as CompiledSortKey;
      const x = a.keys[i];
      const y = b.keys[i];
      const xn = k.isNull(x);
      const yn = k.isNull(y);
      if (xn || yn) {
        if (xn && yn) continue;
        return xn === k.nullsFirst ? -1 : 1;
      }
      const c = k.compare(x, y);
      if (c !== 0) return k.descending ? -c : c;
    }
    return 0;
  };
}

export class SortOperator implements RowSink {
  private readonly buffer: SortEntry[] = [];
  private readonly compare: (a: SortEntry, b: SortEntry) => number;
  constructor(
    private readonly keys: readonly CompiledSortKey[],
    private readonly out: RowSink,
  ) {
    this.compare = entryComparator(keys);
  }
  push(row: Row): void {
    this.buffer.push(sortEntry(this.keys, row));
    memoryCheckpoint();
  }
  end(): void {
    this.buffer.sort(this.compare);
    for (const e of this.buffer) this.out.push(e.row);
    this.buffer.length = 0;
    this.out.end();
  }
}
