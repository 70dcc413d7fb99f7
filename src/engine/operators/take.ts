/** `take N`: the first N rows (Kusto promises no order; kqlhunt keeps input order). */
import type { Row } from '../values/types.js';
import type { RowSink } from './sink.js';

export class TakeOperator implements RowSink {
  private taken = 0;
  constructor(
    private readonly count: number,
    private readonly out: RowSink,
  ) {}
  push(row: Row): void {
    if (this.taken < this.count) {
      this.taken++;
      this.out.push(row);
    }
  }
  end(): void {
    this.taken = 0;
    this.out.end();
  }
}
