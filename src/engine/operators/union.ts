/** `union`: rows of every input, each mapped onto the union's columns; ends when every input has ended. */
import type { Row } from '../values/types.js';
import type { RowSink } from './sink.js';

export class UnionOperator {
  private pending: number;
  constructor(
    private readonly columnMaps: readonly (readonly number[])[],
    private readonly nulls: readonly unknown[],
    private readonly out: RowSink,
  ) {
    this.pending = columnMaps.length;
  }
  /** The sink for input `i`. */
  input(i: number): RowSink {
    const map = this.columnMaps[i] as readonly number[];
    return {
      push: (row: Row) => this.out.push(map.map((from, j) => (from < 0 ? this.nulls[j] : row[from]))),
      end: () => {
        if (--this.pending === 0) this.out.end();
      },
    };
  }
}
