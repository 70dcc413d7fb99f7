/**
 * extend / project / project-*: computes each output column of a new row. Columns nothing downstream reads
 * (a null evaluator) are not computed: the new row leaves them unset.
 */
import type { Evaluator } from '../functions/registry.js';
import type { Row } from '../values/types.js';
import type { RowSink } from './sink.js';

export class ProjectOperator implements RowSink {
  private readonly width: number;
  private readonly positions: number[] = [];
  private readonly evaluators: Evaluator[] = [];

  constructor(
    columns: readonly (Evaluator | null)[],
    private readonly out: RowSink,
  ) {
    this.width = columns.length;
    columns.forEach((e, i) => {
      if (e) {
        this.positions.push(i);
        this.evaluators.push(e);
      }
    });
  }

  push(row: Row): void {
    const positions = this.positions;
    const evs = this.evaluators;
    const next = new Array(this.width);
    for (let k = 0; k < evs.length; k++) next[positions[k] as number] = (evs[k] as Evaluator)(row);
    this.out.push(next);
  }
  end(): void {
    this.out.end();
  }
}
