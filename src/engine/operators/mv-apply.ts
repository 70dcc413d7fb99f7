/**
 * `mv-apply`: for each input row, its subtable (the row expanded like mv-expand) runs through the subquery,
 * and each row the subquery returns is combined with the input row. The subquery's operators are built once
 * and reused for every row: an operator's end() returns it to its initial state (see sink.ts), so a row
 * costs only the rows it expands into, never a new pipeline.
 */
import type { ApplyOutputColumn } from '../../kql/ir.js';
import type { Row } from '../values/types.js';
import type { Expander } from './mv-expand.js';
import type { RowSink } from './sink.js';

export class MvApplyOperator implements RowSink {
  private current: Row = [];
  private subquery: RowSink | undefined;
  /** The subquery's results arrive here, while `current` is the input row being applied. */
  readonly subqueryResults: RowSink = {
    push: (row) => this.emit(row),
    end: () => {},
  };
  private readonly fromOuter: readonly boolean[];
  private readonly index: readonly number[];

  constructor(
    private readonly expander: Expander,
    output: readonly ApplyOutputColumn[],
    private readonly out: RowSink,
  ) {
    this.fromOuter = output.map((c) => c.from === 'outer');
    this.index = output.map((c) => c.index);
  }

  /** Attaches the subquery's entry: the sink its implicit source feeds. */
  connect(subquery: RowSink): void {
    this.subquery = subquery;
  }

  push(row: Row): void {
    const sub = this.subquery as RowSink;
    this.current = row;
    this.expander.expand(row, sub);
    sub.end();
  }

  private emit(sub: Row): void {
    const outer = this.current;
    const fromOuter = this.fromOuter;
    const index = this.index;
    const n = index.length;
    const next = new Array(n);
    for (let i = 0; i < n; i++) next[i] = fromOuter[i] ? outer[index[i] as number] : sub[index[i] as number];
    this.out.push(next);
  }

  end(): void {
    this.current = [];
    this.out.end();
  }
}
