/** extend / project / project-*: computes each output column of a new row. */
import type { Evaluator } from '../functions/registry.js';
import type { Row } from '../values/types.js';
import type { RowSink } from './sink.js';

export class ProjectOperator implements RowSink {
  constructor(
    private readonly columns: readonly Evaluator[],
    private readonly out: RowSink,
  ) {}
  push(row: Row): void {
    const cols = this.columns;
    const n = cols.length;
    const next = new Array(n);
    for (let i = 0; i < n; i++) next[i] = (cols[i] as Evaluator)(row);
    this.out.push(next);
  }
  end(): void {
    this.out.end();
  }
}
