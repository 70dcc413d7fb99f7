/**
 * `sample N`: N rows chosen at random (reservoir sampling: every row equally likely, N rows kept at most).
 * The rows come out in input order.
 */
import type { Row } from '../values/types.js';
import type { RowSink } from './sink.js';

export class SampleOperator implements RowSink {
  private kept: { seq: number; row: Row }[] = [];
  private seen = 0;
  constructor(
    private readonly count: number,
    private readonly out: RowSink,
    private readonly random: () => number = Math.random,
  ) {}
  push(row: Row): void {
    const seq = this.seen++;
    if (this.kept.length < this.count) {
      this.kept.push({ seq, row });
      return;
    }
    const j = Math.floor(this.random() * (seq + 1));
    if (j < this.count) this.kept[j] = { seq, row };
  }
  end(): void {
    const rows = this.kept.sort((a, b) => a.seq - b.seq);
    this.kept = [];
    this.seen = 0;
    for (const k of rows) this.out.push(k.row);
    this.out.end();
  }
}
