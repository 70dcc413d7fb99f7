/**
 * `summarize`: hash aggregation. Memory grows with the number of groups, not the number of rows: each group
 * keeps its key values and one accumulator per aggregate. Groups come out in first-seen order.
 */
import type { Accumulator, AggregateImpl } from '../aggregates/registry.js';
import type { Evaluator } from '../functions/registry.js';
import type { KeyFn } from '../values/keys.js';
import type { Row } from '../values/types.js';
import type { RowSink } from './sink.js';

interface Group {
  readonly keys: unknown[];
  readonly accs: Accumulator[];
}

export class SummarizeOperator implements RowSink {
  private readonly groups = new Map<string, Group>();
  constructor(
    private readonly keyEvs: readonly Evaluator[],
    private readonly keyFns: readonly KeyFn[],
    private readonly aggregates: readonly AggregateImpl[],
    private readonly out: RowSink,
    /** `states`: emit each group's accumulator states, for merging elsewhere (partial aggregation). */
    private readonly emit: 'results' | 'states' = 'results',
  ) {}

  private groupKey(values: unknown[]): string {
    const fns = this.keyFns;
    if (fns.length === 1) return (fns[0] as KeyFn)(values[0]);
    let k = '';
    for (let i = 0; i < fns.length; i++) k += `${(fns[i] as KeyFn)(values[i])}\u0001`;
    return k;
  }

  push(row: Row): void {
    const evs = this.keyEvs;
    const values = new Array(evs.length);
    for (let i = 0; i < evs.length; i++) values[i] = (evs[i] as Evaluator)(row);
    const k = this.groupKey(values);
    let g = this.groups.get(k);
    if (!g) {
      g = { keys: values, accs: this.aggregates.map((a) => a.create()) };
      this.groups.set(k, g);
    }
    for (const acc of g.accs) acc.add(row);
  }

  end(): void {
    // Without group keys there is always exactly one row, even over no input (count() is then 0).
    if (this.keyEvs.length === 0 && this.groups.size === 0) {
      this.groups.set('', { keys: [], accs: this.aggregates.map((a) => a.create()) });
    }
    const states = this.emit === 'states';
    for (const g of this.groups.values()) {
      this.out.push([...g.keys, ...g.accs.map((a) => (states ? a.state() : a.result()))]);
    }
    this.groups.clear();
    this.out.end();
  }
}
