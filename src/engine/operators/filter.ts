/** `where`: passes the rows whose predicate is true (false and null drop the row). */
import type { Evaluator } from '../functions/registry.js';
import type { Row } from '../values/types.js';
import type { RowSink } from './sink.js';

export class FilterOperator implements RowSink {
  constructor(
    private readonly predicate: Evaluator,
    private readonly out: RowSink,
  ) {}
  push(row: Row): void {
    if (this.predicate(row) === true) this.out.push(row);
  }
  end(): void {
    this.out.end();
  }
}
