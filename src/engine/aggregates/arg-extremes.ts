/**
 * arg_max / arg_min, one output column at a time: `arg_max(x, c)` is c's value in the row where x is largest
 * (the translator turns arg_max(x, a, b) and arg_max(x, *) into one call per column). Ties keep the first
 * row, so every call of one arg_max picks the same row. Rows where x is null are skipped, unless all are:
 * then the first row gives the values [arg-max-aggregation-function-02].
 */
import type { Evaluator } from '../functions/registry.js';
import { comparatorFor } from '../values/compare.js';
import type { Row } from '../values/types.js';
import type { Accumulator, AggregateFunction } from './registry.js';
import { aggregate, fromClass } from './registry.js';

interface ArgState {
  has: boolean;
  /** The chosen row had a null x (only while no row with a value has come). */
  byNull: boolean;
  by: unknown;
  value: unknown;
}

class ArgExtremeAcc implements Accumulator {
  readonly s: ArgState;
  constructor(
    private readonly by: Evaluator,
    private readonly value: Evaluator,
    private readonly present: (v: unknown) => boolean,
    private readonly better: (a: unknown, b: unknown) => boolean,
    state?: ArgState,
  ) {
    this.s = state ? { ...state } : { has: false, byNull: false, by: null, value: null };
  }
  add(row: Row): void {
    const b = this.by(row);
    const s = this.s;
    if (!this.present(b)) {
      if (!s.has) this.take(false, null, this.value(row));
      return;
    }
    if (!s.has || s.byNull || this.better(b, s.by)) this.take(true, b, this.value(row));
  }
  private take(present: boolean, by: unknown, value: unknown): void {
    this.s.has = true;
    this.s.byNull = !present;
    this.s.by = by;
    this.s.value = value;
  }
  merge(other: Accumulator): void {
    const o = (other as ArgExtremeAcc).s;
    if (!o.has) return;
    const s = this.s;
    if (!s.has || (!o.byNull && (s.byNull || this.better(o.by, s.by)))) this.take(!o.byNull, o.by, o.value);
  }
  result(): unknown {
    return this.s.value;
  }
  state(): unknown {
    return { ...this.s };
  }
}

function argExtreme(name: string, max: boolean): AggregateFunction {
  return aggregate({
    name,
    description: `arg_${max ? 'max' : 'min'}(x, c): the value of c in the row where x is ${max ? 'largest' : 'smallest'}.`,
    bind([a, c], [by, value]) {
      if (!a || !c || !by || !value) return 'expects the expression to maximize and a column';
      const cmp = comparatorFor(a.type);
      const present =
        a.type === 'string' ? (v: unknown) => v !== '' : (v: unknown) => v !== null && v !== undefined;
      const better = max
        ? (x: unknown, y: unknown) => cmp(x, y) > 0
        : (x: unknown, y: unknown) => cmp(x, y) < 0;
      return fromClass<ArgState>((s) => new ArgExtremeAcc(by, value, present, better, s));
    },
  });
}

export const argExtremeAggregates: readonly AggregateFunction[] = [
  argExtreme('arg_max', true),
  argExtreme('arg_min', false),
];
