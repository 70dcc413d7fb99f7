/** hll / hll_merge and tdigest / tdigest_merge (merge_tdigest): exact sketches (see sketch-values.ts). */
import { toDynamic } from '../values/convert.js';
import type { Dynamic } from '../values/dynamic.js';
import { keyFnFor } from '../values/keys.js';
import type { Row } from '../values/types.js';
import type { Accumulator, AggregateFunction } from './registry.js';
import { aggregate, fromClass } from './registry.js';
import type { WeightedValues } from './sketch-values.js';
import { hllKeys, hllValue, tdigestItems, tdigestValue } from './sketch-values.js';

class KeySetAcc implements Accumulator {
  readonly keys: Set<string>;
  constructor(
    private readonly keysOf: (row: Row) => Iterable<string>,
    keys?: Iterable<string>,
  ) {
    this.keys = new Set(keys);
  }
  add(row: Row): void {
    for (const k of this.keysOf(row)) this.keys.add(k);
  }
  merge(other: Accumulator): void {
    for (const k of (other as KeySetAcc).keys) this.keys.add(k);
  }
  result(): unknown {
    return hllValue(this.keys);
  }
  state(): unknown {
    return [...this.keys];
  }
}

class DigestAcc implements Accumulator {
  readonly items: WeightedValues;
  constructor(
    private readonly itemsOf: (row: Row) => WeightedValues,
    items?: WeightedValues,
  ) {
    this.items = items ?? [];
  }
  add(row: Row): void {
    for (const item of this.itemsOf(row)) this.items.push(item);
  }
  merge(other: Accumulator): void {
    for (const item of (other as DigestAcc).items) this.items.push(item);
  }
  result(): unknown {
    return tdigestValue(this.items);
  }
  state(): unknown {
    return this.items;
  }
}

export const sketchAggregates: readonly AggregateFunction[] = [
  aggregate({
    name: 'hll',
    description: 'A sketch of the distinct values, for dcount_hll() and hll_merge() (kqlhunt: exact).',
    bind([a], [x]) {
      if (!a || !x) return 'expects a value';
      const key = keyFnFor(a.type);
      const present = a.type === 'string' ? (v: unknown) => v !== '' : (v: unknown) => v !== null;
      return fromClass<string[]>(
        (s) =>
          new KeySetAcc((row) => {
            const v = x(row);
            return present(v) ? [key(v)] : [];
          }, s),
      );
    },
  }),
  aggregate({
    name: 'hll_merge',
    description: 'The union of hll() sketches.',
    bind(_args, [x]) {
      if (!x) return 'expects hll values';
      return fromClass<string[]>((s) => new KeySetAcc((row) => hllKeys(x(row) as Dynamic) ?? [], s));
    },
  }),
  aggregate({
    name: 'tdigest',
    description: 'A sketch of the values (optionally weighted), for percentile_tdigest() (kqlhunt: exact).',
    bind([a], [x, w]) {
      if (!a || !x) return 'expects a value';
      const type = a.type;
      return fromClass<WeightedValues>(
        (s) =>
          new DigestAcc((row) => {
            const v = x(row);
            const weight = w ? Number(w(row) ?? 0) : 1;
            return v === null || weight <= 0 ? [] : [[toDynamic(v, type), weight]];
          }, s),
      );
    },
  }),
  aggregate({
    name: 'tdigest_merge',
    aliases: ['merge_tdigest'],
    description: 'The union of tdigest() sketches.',
    bind(_args, [x]) {
      if (!x) return 'expects tdigest values';
      return fromClass<WeightedValues>(
        (s) => new DigestAcc((row) => tdigestItems(x(row) as Dynamic) ?? [], s),
      );
    },
  }),
];
