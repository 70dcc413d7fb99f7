/** Counting and numeric aggregates: count, countif, sum, avg, min, max, dcount, take_any, ... */
import type { Evaluator } from '../functions/registry.js';
import { comparatorFor } from '../values/compare.js';
import { toLong, toReal } from '../values/convert.js';
import { keyFnFor } from '../values/keys.js';
import type { Row, ScalarType } from '../values/types.js';
import type { Accumulator, AggregateFunction } from './registry.js';
import { aggregate, fromClass } from './registry.js';

class CountAcc implements Accumulator {
  n: number;
  constructor(
    private readonly test: Evaluator | null,
    n?: number,
  ) {
    this.n = n ?? 0;
  }
  add(row: Row): void {
    if (this.test === null || this.test(row) === true) this.n++;
  }
  merge(other: Accumulator): void {
    this.n += (other as CountAcc).n;
  }
  result(): unknown {
    return BigInt(this.n);
  }
  state(): unknown {
    return this.n;
  }
}

/** A value is counted by count(x)/min/max/sum unless it is null (or, for strings, empty). */
function presence(t: ScalarType): (v: unknown) => boolean {
  return t === 'string' ? (v) => v !== '' : (v) => v !== null && v !== undefined;
}

/** What every min/max accumulator of one call shares: held once, so that a group pays for its value only. */
interface ExtremeSpec {
  readonly arg: Evaluator;
  readonly present: (v: unknown) => boolean;
  readonly better: (candidate: unknown, current: unknown) => boolean;
  readonly empty: unknown;
}

class ExtremeAcc implements Accumulator {
  v: unknown;
  constructor(
    private readonly spec: ExtremeSpec,
    v?: unknown,
  ) {
    this.v = v === undefined ? null : v;
  }
  add(row: Row): void {
    this.offer(this.spec.arg(row));
  }
  private offer(x: unknown): void {
    if (!this.spec.present(x)) return;
    if (this.v === null || this.spec.better(x, this.v)) this.v = x;
  }
  merge(other: Accumulator): void {
    const o = (other as ExtremeAcc).v;
    if (o !== null) this.offer(o);
  }
  result(): unknown {
    return this.v === null ? this.spec.empty : this.v;
  }
  state(): unknown {
    return this.v;
  }
}

function extreme(name: string, max: boolean, conditional: boolean): AggregateFunction {
  return aggregate({
    name,
    description: `The ${max ? 'largest' : 'smallest'} value${conditional ? ' where the predicate is true' : ''} (nulls ignored).`,
    bind([a], [arg, pred]) {
      if (!a || !arg) return 'expects an argument';
      const cmp = comparatorFor(a.type);
      const present = presence(a.type);
      const test = conditional ? (pred as Evaluator) : null;
      const better = max
        ? (x: unknown, y: unknown) => cmp(x, y) > 0
        : (x: unknown, y: unknown) => cmp(x, y) < 0;
      const empty = a.type === 'string' ? '' : null;
      const ev: Evaluator = test ? (row) => (test(row) === true ? arg(row) : null) : arg;
      const spec: ExtremeSpec = { arg: ev, present, better, empty };
      return fromClass<unknown>((s) => new ExtremeAcc(spec, s));
    },
  });
}

class SumAcc implements Accumulator {
  constructor(
    private readonly arg: Evaluator,
    private readonly asBig: boolean,
    public sum: number | bigint | null = null,
  ) {}
  add(row: Row): void {
    const x = this.arg(row);
    if (x === null) return;
    this.addValue(x as number | bigint);
  }
  private addValue(x: number | bigint): void {
    if (this.sum === null) this.sum = x;
    else if (this.asBig) this.sum = BigInt.asIntN(64, (this.sum as bigint) + (x as bigint));
    else this.sum = (this.sum as number) + (x as number);
  }
  merge(other: Accumulator): void {
    const o = (other as SumAcc).sum;
    if (o !== null) this.addValue(o);
  }
  result(): unknown {
    // Over no values the sum is 0, not null (Kusto's default for sum()).
    return this.sum ?? (this.asBig ? 0n : 0);
  }
  state(): unknown {
    return this.sum;
  }
}

class AvgAcc implements Accumulator {
  constructor(
    private readonly arg: Evaluator,
    public sum = 0,
    public n = 0,
  ) {}
  add(row: Row): void {
    const x = this.arg(row);
    if (x === null) return;
    this.sum += x as number;
    this.n++;
  }
  merge(other: Accumulator): void {
    const o = other as AvgAcc;
    this.sum += o.sum;
    this.n += o.n;
  }
  result(): unknown {
    return this.n === 0 ? Number.NaN : this.sum / this.n;
  }
  state(): unknown {
    return [this.sum, this.n];
  }
}

/** The argument converted for sum/avg, optionally only where a predicate holds. */
function numericArg(
  type: ScalarType,
  arg: Evaluator,
  pred: Evaluator | undefined,
  toNumber: boolean,
): Evaluator {
  const conv: Evaluator = toNumber
    ? (row) => toReal(arg(row), type)
    : type === 'int'
      ? (row) => arg(row)
      : arg;
  return pred ? (row) => (pred(row) === true ? conv(row) : null) : conv;
}

function sum(name: string, conditional: boolean): AggregateFunction {
  return aggregate({
    name,
    description: `The sum of the values${conditional ? ' where the predicate is true' : ''} (nulls ignored).`,
    bind([a], [arg, pred], result) {
      if (!a || !arg) return 'expects an argument';
      const asBig = result === 'long' || result === 'timespan';
      const ev = numericArg(a.type, arg, conditional ? pred : undefined, !asBig && a.type !== 'int');
      const lift: Evaluator =
        asBig && a.type === 'int'
          ? (row) => {
              const v = ev(row);
              return v === null ? null : BigInt(v as number);
            }
          : ev;
      return fromClass<number | bigint | null>((s) => new SumAcc(lift, asBig, s ?? null));
    },
  });
}

function avg(name: string, conditional: boolean): AggregateFunction {
  return aggregate({
    name,
    description: `The mean of the values${conditional ? ' where the predicate is true' : ''} (nulls ignored).`,
    bind([a], [arg, pred]) {
      if (!a || !arg) return 'expects an argument';
      const ev = numericArg(a.type, arg, conditional ? pred : undefined, true);
      return fromClass<[number, number]>((s) => new AvgAcc(ev, s?.[0] ?? 0, s?.[1] ?? 0));
    },
  });
}

/** dcount: exact distinct count (Kusto estimates; the conformance rules accept the exact answer). */
class DistinctCountAcc implements Accumulator {
  readonly seen: Set<string>;
  constructor(
    private readonly key: Evaluator,
    seen?: Iterable<string>,
  ) {
    this.seen = new Set(seen);
  }
  add(row: Row): void {
    const k = this.key(row);
    if (k !== null) this.seen.add(k as string);
  }
  merge(other: Accumulator): void {
    for (const k of (other as DistinctCountAcc).seen) this.seen.add(k);
  }
  result(): unknown {
    return BigInt(this.seen.size);
  }
  state(): unknown {
    return [...this.seen];
  }
}

function dcount(name: string, conditional: boolean): AggregateFunction {
  return aggregate({
    name,
    description: `The number of distinct values${conditional ? ' where the predicate is true' : ''} (nulls ignored).`,
    bind([a], [arg, pred]) {
      if (!a || !arg) return 'expects an argument';
      const keyOf = keyFnFor(a.type);
      const present = presence(a.type);
      const test = conditional ? (pred as Evaluator) : null;
      const key: Evaluator = (row) => {
        if (test && test(row) !== true) return null;
        const v = arg(row);
        return present(v) ? keyOf(v) : null;
      };
      return fromClass<string[]>((s) => new DistinctCountAcc(key, s));
    },
  });
}

/**
 * take_any: the first value in input order that is not null or empty (so a value is returned when the group
 * has one, as the docs promise for a single column); `has` is set once such a value is found.
 */
class AnyAcc implements Accumulator {
  constructor(
    private readonly arg: Evaluator,
    private readonly present: (v: unknown) => boolean,
    private readonly pred: Evaluator | undefined,
    public has = false,
    public v: unknown = null,
  ) {}
  add(row: Row): void {
    if (this.has || (this.pred && this.pred(row) !== true)) return;
    const v = this.arg(row);
    if (this.present(v)) {
      this.v = v;
      this.has = true;
    } else if (this.v === null) {
      this.v = v;
    }
  }
  merge(other: Accumulator): void {
    const o = other as AnyAcc;
    if (!this.has && (o.has || this.v === null)) {
      this.v = o.v;
      this.has = o.has;
    }
  }
  result(): unknown {
    return this.v;
  }
  state(): unknown {
    return [this.has, this.v];
  }
}

function takeAny(name: string, aliases: string[], conditional: boolean): AggregateFunction {
  return aggregate({
    name,
    aliases,
    description: conditional
      ? 'A value of the group from a row where the predicate is true (kqlhunt: the first non-empty one).'
      : 'A value of the group (kqlhunt: the first non-empty one in input order).',
    bind([a], [arg, pred]) {
      if (!a || !arg || (conditional && !pred)) return 'expects an argument';
      const present = presence(a.type);
      return fromClass<[boolean, unknown]>(
        (s) => new AnyAcc(arg, present, conditional ? pred : undefined, s?.[0] ?? false, s?.[1] ?? null),
      );
    },
  });
}

/** binary_all_and / _or / _xor: the bits of every (non-null) long combined. */
class BitsAcc implements Accumulator {
  constructor(
    private readonly arg: Evaluator,
    private readonly op: (a: bigint, b: bigint) => bigint,
    public v: bigint | null = null,
  ) {}
  add(row: Row): void {
    const x = this.arg(row) as bigint | null;
    if (x !== null) this.v = this.v === null ? x : this.op(this.v, x);
  }
  merge(other: Accumulator): void {
    const o = (other as BitsAcc).v;
    if (o !== null) this.v = this.v === null ? o : this.op(this.v, o);
  }
  result(): unknown {
    return this.v;
  }
  state(): unknown {
    return this.v;
  }
}

function bits(name: string, op: (a: bigint, b: bigint) => bigint): AggregateFunction {
  return aggregate({
    name,
    description: `The bitwise ${name.slice('binary_all_'.length)} of all the values.`,
    bind([a], [arg]) {
      if (!a || !arg) return 'expects a long';
      const t = a.type;
      const read: Evaluator = t === 'long' ? arg : (row) => toLong(arg(row), t);
      return fromClass<bigint | null>((s) => new BitsAcc(read, op, s ?? null));
    },
  });
}

export const basicAggregates: readonly AggregateFunction[] = [
  aggregate({
    name: 'count',
    description: 'The number of rows. count(predicate) counts the rows where it is true (like countif).',
    bind([a], [arg]) {
      // The docs count every row for count(x), nulls included; only a bool argument is a predicate.
      if (a?.type === 'bool' && arg) return fromClass<number>((s) => new CountAcc(arg, s));
      return fromClass<number>((s) => new CountAcc(null, s));
    },
  }),
  aggregate({
    name: 'countif',
    description: 'The number of rows where the predicate is true.',
    bind(_args, [pred]) {
      if (!pred) return 'expects a predicate';
      return fromClass<number>((s) => new CountAcc(pred, s));
    },
  }),
  extreme('min', false, false),
  extreme('max', true, false),
  extreme('minif', false, true),
  extreme('maxif', true, true),
  sum('sum', false),
  sum('sumif', true),
  avg('avg', false),
  avg('avgif', true),
  dcount('dcount', false),
  dcount('dcountif', true),
  takeAny('take_any', ['any'], false),
  takeAny('take_anyif', ['anyif'], true),
  bits('binary_all_and', (a, b) => a & b),
  bits('binary_all_or', (a, b) => a | b),
  bits('binary_all_xor', (a, b) => a ^ b),
];
