/**
 * Reading hll() and tdigest() sketches: dcount_hll, hll_merge, percentile_tdigest, percentiles_array_tdigest,
 * rank_tdigest, tdigest_merge. Percentiles use the nearest-rank rule of the percentile() aggregate.
 */
import { nearestRank } from '../aggregates/percentiles.js';
import type { WeightedValues } from '../aggregates/sketch-values.js';
import { hllKeys, hllValue, sortedItems, tdigestItems, tdigestValue } from '../aggregates/sketch-values.js';
import { compareDynamic } from '../values/compare.js';
import { convert, toDynamic } from '../values/convert.js';
import type { Dynamic } from '../values/dynamic.js';
import { fromReal, realArg } from './args.js';
import type { Evaluator, ScalarFunction } from './registry.js';
import { eager, scalar } from './registry.js';

const byValue = (a: unknown, b: unknown) => compareDynamic(a as Dynamic, b as Dynamic);

function percentilesOf(items: WeightedValues, percents: number[]): Dynamic[] {
  return nearestRank(items as [unknown, number][], byValue, percents) as Dynamic[];
}

export const sketchFunctions: readonly ScalarFunction[] = [
  scalar({
    name: 'dcount_hll',
    description: 'The number of distinct values an hll() sketch holds.',
    bind: () =>
      eager((v: Dynamic) => {
        const keys = hllKeys(v);
        return keys === null ? null : BigInt(keys.length);
      }),
  }),
  scalar({
    name: 'hll_merge',
    description: 'hll_merge(hll1, hll2, ...): the union of hll() sketches.',
    bind: () => ({
      kind: 'compiled',
      compile: (evs) => (row) => {
        const all = new Set<string>();
        for (const e of evs) for (const k of hllKeys(e(row) as Dynamic) ?? []) all.add(k);
        return hllValue(all);
      },
    }),
  }),
  scalar({
    name: 'tdigest_merge',
    aliases: ['merge_tdigest'],
    description: 'tdigest_merge(digest1, digest2, ...): the union of tdigest() sketches.',
    bind: () => ({
      kind: 'compiled',
      compile: (evs: readonly Evaluator[]) => (row) =>
        tdigestValue(evs.flatMap((e) => tdigestItems(e(row) as Dynamic) ?? [])),
    }),
  }),
  scalar({
    name: 'percentile_tdigest',
    description:
      'percentile_tdigest(digest, p[, typeof(T)]): the nearest-rank percentile of a tdigest() sketch.',
    bind([, p], result) {
      const readPercent = realArg(p?.type ?? 'real');
      return eager((v: Dynamic, x: unknown) => {
        const items = tdigestItems(v);
        const percent = readPercent(x);
        if (items === null || percent === null || items.length === 0) return null;
        const value = percentilesOf(items, [percent])[0] ?? null;
        return result === 'dynamic' ? value : convert(value, 'dynamic', result);
      });
    },
  }),
  scalar({
    name: 'percentiles_array_tdigest',
    description:
      'percentiles_array_tdigest(digest, p1, p2, ...): nearest-rank percentiles, as a dynamic array.',
    bind: (args) => {
      const reads = args.slice(1).map((a) => (a.type === 'dynamic' ? null : realArg(a.type)));
      return eager((v: Dynamic, ...xs: unknown[]) => {
        const items = tdigestItems(v);
        if (items === null) return null;
        const percents: number[] = [];
        xs.forEach((x, i) => {
          const read = reads[i];
          const values = read ? [read(x)] : Array.isArray(x) ? (x as Dynamic[]).map(Number) : [];
          for (const n of values) if (n !== null) percents.push(n);
        });
        return percentilesOf(items, percents);
      });
    },
  }),
  scalar({
    name: 'rank_tdigest',
    description: 'rank_tdigest(digest, value): the weight of the values less than or equal to the value.',
    bind([, value], result) {
      const type = value?.type ?? 'dynamic';
      const out = fromReal(result);
      return eager((v: Dynamic, x: unknown) => {
        const items = tdigestItems(v);
        if (items === null || x === null) return null;
        const needle = toDynamic(x, type);
        let rank = 0;
        for (const [item, w] of sortedItems(items)) {
          if (compareDynamic(item, needle) > 0) break;
          rank += w;
        }
        return out(rank);
      });
    },
  }),
];
