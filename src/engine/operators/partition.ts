/**
 * `partition by Key (subquery)`: keeps each partition's rows (the subquery may need all of them: memory
 * grows with the input), then runs the subquery over each partition in turn, in the order the partitions
 * first appeared. The subquery's operators are built once and reused (they re-arm on end).
 */
import type { Evaluator } from '../functions/registry.js';
import type { KeyFn } from '../values/keys.js';
import type { Row } from '../values/types.js';
import type { RowSink } from './sink.js';

export class PartitionOperator implements RowSink {
  private partitions = new Map<string, Row[]>();
  private subquery: RowSink | undefined;
  /** The subquery's results go straight out. */
  readonly subqueryResults: RowSink = {
    push: (row) => this.out.push(row),
    end: () => {},
  };

  constructor(
    private readonly key: Evaluator,
    private readonly keyFn: KeyFn,
    private readonly out: RowSink,
  ) {}

  connect(subquery: RowSink): void {
    this.subquery = subquery;
  }

  push(row: Row): void {
    const k = this.keyFn(this.key(row));
    const rows = this.partitions.get(k);
    if (rows) rows.push(row);
    else this.partitions.set(k, [row]);
  }

  end(): void {
    const sub = this.subquery as RowSink;
    const partitions = this.partitions;
    this.partitions = new Map();
    for (const rows of partitions.values()) {
      for (const r of rows) sub.push(r);
      sub.end();
    }
    this.out.end();
  }
}
