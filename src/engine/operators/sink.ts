/**
 * The streaming contract: an operator receives rows by `push` and a final `end`, and pushes its own rows to
 * the sink it was built with. Rows are never mutated after being pushed (several consumers may share one).
 * After `end`, an operator is back in its initial state and may receive a new stream: mv-apply runs one
 * chain of operators over each input row's subtable in turn.
 */
import type { Row } from '../values/types.js';

export interface RowSink {
  push(row: Row): void;
  end(): void;
}

/** Sends every row to several consumers (a plan node used more than once, e.g. a let-bound table). */
export class Tee implements RowSink {
  constructor(private readonly outs: readonly RowSink[]) {}
  push(row: Row): void {
    for (const o of this.outs) o.push(row);
  }
  end(): void {
    for (const o of this.outs) o.end();
  }
}

/** Collects rows in memory (for results and tests). */
export class CollectSink implements RowSink {
  readonly rows: Row[] = [];
  ended = false;
  push(row: Row): void {
    this.rows.push(row);
  }
  end(): void {
    this.ended = true;
  }
}
