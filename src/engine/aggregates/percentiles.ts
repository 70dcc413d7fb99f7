/**
 * Percentiles by the nearest-rank definition Kusto documents: the smallest value such that at least p% of
 * the weight is less than or equal to it (percentile(x, 50) of 1..100 is 50) [percentilesw-aggregation-
 * function-01, invoke-operator-00]. Kusto estimates with t-digest; the conformance rules accept the exact
 * answer, which is what kqlhunt computes (it keeps the values).
 * percentile(x, p), percentilew(x, w, p), percentiles_array(x, p...), percentilesw_array(x, w, p...);
 * percentiles(x, p1, p2) and percentilesw become one call per column in the translator.
 */
import type { Evaluator } from '../functions/registry.js';
import { comparatorFor } from '../values/compare.js';
import { convert, toDynamic, toLong } from '../values/convert.js';
import type { Dynamic } from '../values/dynamic.js';
import type { Row, ScalarType } from '../values/types.js';
import type { Accumulator, AggregateFunction } from './registry.js';
import { aggregate, fromClass } from './registry.js';

/** Values with their weights, in input order. */
type Weighted = [value: unknown, weight: number][];

class ValuesAcc implements Accumulator {
  readonly items: Weighted;
  constructor(
    private readonly value: Evaluator,
    private readonly weight: Evaluator | undefined,
    private readonly present: (v: unknown) => boolean,
    private readonly finish: (items: Weighted) => unknown,
    items?: Weighted,
  ) {
    this.items = items ?? [];
  }
  add(row: Row): void {
    const v = this.value(row);
    if (!this.present(v)) return;
    const w = this.weight ? Number(this.weight(row) ?? 0) : 1;
    if (w > 0) this.items.push([v, w]);
  }
  merge(other: Accumulator): void {
    for (const item of (other as ValuesAcc).items) this.items.push(item);
  }
  result(): unknown {
    return this.finish(this.items);
  }
  state(): unknown {
    return this.items;
  }
}

/** The nearest-rank percentiles of weighted values (null for no values). */
export function nearestRank(
  items: Weighted,
  compare: (a: unknown, b: unknown) => number,
  percents: readonly number[],
): unknown[] {
  if (items.length === 0) return percents.map(() => null);
  const sorted = [...items].sort((a, b) => compare(a[0], b[0]));
  const total = sorted.reduce((s, [, w]) => s + w, 0);
  return percents.map((p) => {
    const target = Math.max((p / 100) * total, Number.MIN_VALUE);
    let cumulative = 0;
    for (const [v, w] of sorted) {
      cumulative += w;
      // A relative epsilon so that 99.9% of 18 does not miss the last value by rounding.
      if (cumulative >= target * (1 - 1e-12)) return v;
    }
    return (sorted[sorted.length - 1] as [unknown, number])[0];
  });
}

/** The percent arguments (constants): numbers, or for the _array forms dynamic arrays of numbers. */
function percentsOf(evs: readonly Evaluator[]): number[] | string {
  const out: number[] = [];
  for (const e of evs) {
    const v = e([]) as unknown;
    const items = Array.isArray(v) ? (v as Dynamic[]) : [v as Dynamic];
    for (const x of items) {
      const n = typeof x === 'bigint' ? Number(x) : x;
      if (typeof n !== 'number' || n < 0 || n > 100) return 'needs constant percentages between 0 and 100';
      out.push(n);
    }
  }
  return out;
}

function percentileAggregate(
  name: string,
  weighted: boolean,
  array: boolean,
  aliases: string[] = [],
): AggregateFunction {
  return aggregate({
    name,
    aliases,
    description: `${name}(x${weighted ? ', weight' : ''}, p${array ? '...' : ''}): the nearest-rank percentile${array ? 's, as a dynamic array' : ''}.`,
    bind(args, evs, result: ScalarType) {
      const [a] = args;
      const [x, w] = evs;
      if (!a || !x || (weighted && !w)) return 'expects a value, weights and percentages';
      const percents = percentsOf(evs.slice(weighted ? 2 : 1));
      if (typeof percents === 'string') return percents;
      const type = a.type;
      const compare = comparatorFor(type);
      const present = type === 'string' ? () => false : (v: unknown) => v !== null && v !== undefined;
      const weight = weighted
        ? (row: Row) => Number(toLong((w as Evaluator)(row), (args[1] as { type: ScalarType }).type) ?? 0n)
        : undefined;
      const finish = array
        ? (items: Weighted) => nearestRank(items, compare, percents).map((v) => toDynamic(v, type))
        : (items: Weighted) => {
            const v = nearestRank(items, compare, percents)[0];
            return v === null || v === undefined ? null : convert(v, type, result);
          };
      return fromClass<Weighted>((s) => new ValuesAcc(x, weight, present, finish, s));
    },
  });
}

export const percentileAggregates: readonly AggregateFunction[] = [
  // percentiles(x, p) with one percentage is one column (several become one percentile call each).
  percentileAggregate('percentile', false, false, ['percentiles']),
  percentileAggregate('percentilew', true, false, ['percentilesw']),
  percentileAggregate('percentiles_array', false, true),
  percentileAggregate('percentilesw_array', true, true),
];
