/** `sort by`: buffers its input and emits it in key order (stable: ties keep input order). */
import type { Evaluator } from '../functions/registry.js';
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

export class SortOperator implements RowSink {
  private readonly buffer: { keys: unknown[]; row: Row }[] = [];
  constructor(
    private readonly keys: readonly CompiledSortKey[],
    private readonly out: RowSink,
  ) {}
  push(row: Row): void {
    this.buffer.push({ keys: this.keys.map((k) => k.ev(row)), row });
  }
  end(): void {
    const keys = this.keys;
    this.buffer.sort((a, b) => {
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
    });
    for (const e of this.buffer) this.out.push(e.row);
    this.buffer.length = 0;
    this.out.end();
  }
}
