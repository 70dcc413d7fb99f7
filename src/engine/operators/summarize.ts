/**
 * `summarize`: hash aggregation. Memory grows with the number of groups, not the number of rows: each group
 * keeps its key values and one accumulator per aggregate. Groups come out in first-seen order.
 */
import type { Accumulator, AggregateImpl } from '../aggregates/registry.js';
import type { Evaluator } from '../functions/registry.js';
import { memoryCheckpoint } from '../memory-checkpoint.js';
import { StringInterner } from '../values/interner.js';
import { KeyTable } from '../values/key-table.js';
import type { Row, ScalarType } from '../values/types.js';
import type { RowSink } from './sink.js';

interface Group {
  readonly keys: unknown[];
  readonly accs: Accumulator[];
}

const NO_ACCUMULATORS: Accumulator[] = [];

export class SummarizeOperator implements RowSink {
  private readonly groups: KeyTable<Group>;
  /** The current row's key values (copied into a group only when the group is new). */
  private readonly scratch: unknown[];
  /** Per string key column, the shared copies of its values (see StringInterner); undefined otherwise. */
  private readonly interners: (StringInterner | undefined)[];
  private readonly flushAt: number;
  private readonly create = (): Group => {
    const keys = this.scratch.slice();
    for (let i = 0; i < keys.length; i++) {
      const interner = this.interners[i];
      if (interner) keys[i] = interner.intern(keys[i] as string);
    }
    return {
      keys,
      accs: this.aggregates.length === 0 ? NO_ACCUMULATORS : this.aggregates.map((a) => a.create()),
    };
  };

  constructor(
    private readonly keyEvs: readonly Evaluator[],
    keyTypes: readonly ScalarType[],
    private readonly aggregates: readonly AggregateImpl[],
    private readonly out: RowSink,
    /**
     * `states`: emit each group's accumulator states, for merging elsewhere (partial aggregation); with
     * `flushAt`, also whenever that many groups are held, emptying the table (memory stays bounded; the
     * receiver merges the pieces of a group in order).
     */
    private readonly emit: { readonly states: boolean; readonly flushAt?: number | undefined } = {
      states: false,
    },
  ) {
    this.groups = new KeyTable(keyTypes, { keysOf: (g) => g.keys });
    this.scratch = new Array(keyEvs.length);
    this.interners = keyTypes.map((t) => (t === 'string' ? new StringInterner() : undefined));
    this.flushAt = emit.states && emit.flushAt !== undefined ? emit.flushAt : Number.POSITIVE_INFINITY;
  }

  push(row: Row): void {
    const evs = this.keyEvs;
    const values = this.scratch;
    for (let i = 0; i < evs.length; i++) values[i] = (evs[i] as Evaluator)(row);
    const accs = this.groups.getOrCreate(values, this.create).accs;
    for (let i = 0; i < accs.length; i++) (accs[i] as Accumulator).add(row);
    if (this.groups.size >= this.flushAt) this.emitGroups();
    memoryCheckpoint();
  }

  end(): void {
    // Without group keys there is always exactly one row, even over no input (count() is then 0).
    if (this.keyEvs.length === 0 && this.groups.size === 0) this.groups.getOrCreate([], this.create);
    this.emitGroups();
    this.out.end();
  }

  private emitGroups(): void {
    const states = this.emit.states;
    // Each group is let go once emitted, so that memory falls as the next operator's rises.
    const groups: (Group | undefined)[] = this.groups.drain();
    for (let i = 0; i < groups.length; i++) {
      const g = groups[i] as Group;
      groups[i] = undefined;
      const row = g.keys; // the group's own array becomes the output row
      for (const a of g.accs) row.push(states ? a.state() : a.result());
      this.out.push(row);
    }
  }
}
