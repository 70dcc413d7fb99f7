/**
 * `summarize`: hash aggregation. Memory grows with the number of groups, not the number of rows: each group
 * keeps its key values and one accumulator per aggregate. Groups come out in first-seen order.
 */
import type { Accumulator, AggregateImpl } from '../aggregates/registry.js';
import type { Evaluator } from '../functions/registry.js';
import { KeyTable } from '../values/key-table.js';
import type { Row, ScalarType } from '../values/types.js';
import type { RowSink } from './sink.js';

interface Group {
  readonly keys: unknown[];
  readonly accs: Accumulator[];
}

export class SummarizeOperator implements RowSink {
  private readonly groups: KeyTable<Group>;
  /** The current row's key values (copied into a group only when the group is new). */
  private readonly scratch: unknown[];
  private readonly create = (): Group => ({
    keys: this.scratch.slice(),
    accs: this.aggregates.map((a) => a.create()),
  });

  constructor(
    private readonly keyEvs: readonly Evaluator[],
    keyTypes: readonly ScalarType[],
    private readonly aggregates: readonly AggregateImpl[],
    private readonly out: RowSink,
    /** `states`: emit each group's accumulator states, for merging elsewhere (partial aggregation). */
    private readonly emit: 'results' | 'states' = 'results',
  ) {
    this.groups = new KeyTable(keyTypes);
    this.scratch = new Array(keyEvs.length);
  }

  push(row: Row): void {
    const evs = this.keyEvs;
    const values = this.scratch;
    for (let i = 0; i < evs.length; i++) values[i] = (evs[i] as Evaluator)(row);
    const accs = this.groups.getOrCreate(values, this.create).accs;
    for (let i = 0; i < accs.length; i++) (accs[i] as Accumulator).add(row);
  }

  end(): void {
    // Without group keys there is always exactly one row, even over no input (count() is then 0).
    if (this.keyEvs.length === 0 && this.groups.size === 0) this.groups.getOrCreate([], this.create);
    const states = this.emit === 'states';
    for (const g of this.groups.entries) {
      this.out.push([...g.keys, ...g.accs.map((a) => (states ? a.state() : a.result()))]);
    }
    this.groups.clear();
    this.out.end();
  }
}
