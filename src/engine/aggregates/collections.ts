/** Aggregates that build dynamic values: make_set, make_list, make_bag (and their _if forms). */
import type { Evaluator } from '../functions/registry.js';
import { toDynamic } from '../values/convert.js';
import type { Dynamic, DynamicBag } from '../values/dynamic.js';
import { isBag } from '../values/dynamic.js';
import { dynamicKey } from '../values/keys.js';
import type { Row, ScalarType } from '../values/types.js';
import type { Accumulator, AggregateFunction } from './registry.js';
import { aggregate, fromClass } from './registry.js';

/** Kusto's default cap on the number of elements of make_set/make_list/make_bag. */
const DEFAULT_MAX_SIZE = 1_048_576;

/** The value a row contributes (undefined: none). */
type Contribution = (row: Row) => Dynamic | undefined;

function contribution(
  type: ScalarType,
  arg: Evaluator,
  pred: Evaluator | undefined,
  keepNulls = false,
): Contribution {
  const lift = (row: Row): Dynamic | undefined => {
    const v = arg(row);
    if (v === null || v === undefined) return keepNulls ? null : undefined;
    if (type === 'string' && v === '') return undefined;
    return toDynamic(v, type);
  };
  return pred ? (row) => (pred(row) === true ? lift(row) : undefined) : lift;
}

class SetAcc implements Accumulator {
  readonly items: Map<string, Dynamic>;
  constructor(
    private readonly value: Contribution,
    private readonly max: number,
    items?: [string, Dynamic][],
  ) {
    this.items = new Map(items);
  }
  add(row: Row): void {
    const v = this.value(row);
    if (v === undefined) return;
    if (Array.isArray(v)) for (const e of v) this.offer(e ?? null);
    else this.offer(v);
  }
  private offer(v: Dynamic): void {
    if (this.items.size >= this.max) return;
    const k = dynamicKey(v);
    if (!this.items.has(k)) this.items.set(k, v);
  }
  merge(other: Accumulator): void {
    for (const [k, v] of (other as SetAcc).items) {
      if (this.items.size >= this.max) return;
      if (!this.items.has(k)) this.items.set(k, v);
    }
  }
  result(): unknown {
    return [...this.items.values()];
  }
  state(): unknown {
    return [...this.items];
  }
}

class ListAcc implements Accumulator {
  constructor(
    private readonly value: Contribution,
    private readonly max: number,
    readonly items: Dynamic[] = [],
  ) {}
  /** make_list keeps an array value as one element (make_set, by contrast, adds its elements). */
  add(row: Row): void {
    const v = this.value(row);
    if (v !== undefined) this.push(v);
  }
  private push(v: Dynamic): void {
    if (this.items.length < this.max) this.items.push(v);
  }
  merge(other: Accumulator): void {
    for (const v of (other as ListAcc).items) this.push(v);
  }
  result(): unknown {
    return this.items;
  }
  state(): unknown {
    return this.items;
  }
}

class BagAcc implements Accumulator {
  readonly bag: DynamicBag;
  count: number;
  constructor(
    private readonly value: Contribution,
    private readonly max: number,
    bag?: DynamicBag,
  ) {
    this.bag = bag ?? {};
    this.count = Object.keys(this.bag).length;
  }
  add(row: Row): void {
    const v = this.value(row);
    if (isBag(v)) this.absorb(v);
  }
  /** A key already present keeps its first value (Kusto keeps an arbitrary one). */
  private absorb(b: DynamicBag): void {
    for (const k in b) {
      if (!Object.hasOwn(b, k) || Object.hasOwn(this.bag, k)) continue;
      if (this.count >= this.max) return;
      Object.defineProperty(this.bag, k, {
        value: b[k] ?? null,
        enumerable: true,
        writable: true,
        configurable: true,
      });
      this.count++;
    }
  }
  merge(other: Accumulator): void {
    this.absorb((other as BagAcc).bag);
  }
  result(): unknown {
    return this.bag;
  }
  state(): unknown {
    return this.bag;
  }
}

function maxSize(evaluators: readonly Evaluator[], at: number): number {
  const e = evaluators[at];
  if (!e) return DEFAULT_MAX_SIZE;
  const v = e([]);
  return v === null || v === undefined ? DEFAULT_MAX_SIZE : Number(v);
}

function collector(
  name: string,
  kind: 'set' | 'list' | 'list-with-nulls' | 'bag',
  conditional: boolean,
  aliases: string[] = [],
): AggregateFunction {
  return aggregate({
    name,
    aliases,
    description: {
      set: 'The distinct values, as a dynamic array (elements of array values count one by one).',
      list: 'All the values, as a dynamic array.',
      'list-with-nulls': 'All the values, nulls included, as a dynamic array.',
      bag: 'The union of the property bags (a key seen twice keeps one value).',
    }[kind],
    bind([a], evs) {
      const arg = evs[0];
      if (!a || !arg) return 'expects an argument';
      const pred = conditional ? evs[1] : undefined;
      const max = maxSize(evs, conditional ? 2 : 1);
      const value = contribution(a.type, arg, pred, kind === 'list-with-nulls');
      switch (kind) {
        case 'set':
          return fromClass<[string, Dynamic][]>((s) => new SetAcc(value, max, s));
        case 'list':
        case 'list-with-nulls':
          return fromClass<Dynamic[]>((s) => new ListAcc(value, max, s ?? []));
        case 'bag':
          return fromClass<DynamicBag>((s) => new BagAcc(value, max, s));
      }
    },
  });
}

export const collectionAggregates: readonly AggregateFunction[] = [
  collector('make_set', 'set', false, ['makeset']),
  collector('make_set_if', 'set', true),
  collector('make_list', 'list', false, ['makelist']),
  collector('make_list_if', 'list', true),
  collector('make_list_with_nulls', 'list-with-nulls', false),
  collector('make_bag', 'bag', false),
  collector('make_bag_if', 'bag', true),
];
