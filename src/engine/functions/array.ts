/**
 * Dynamic arrays: pack_array, array_length, array_concat, array_slice, array_split, array_shift_*,
 * array_rotate_*, array_reverse, array_sort_*, array_iff, array_index_of, array_sum, range, repeat, zip,
 * set_* and jaccard_index.
 */
import { compareDynamic } from '../values/compare.js';
import { toDynamic, toReal } from '../values/convert.js';
import type { Dynamic } from '../values/dynamic.js';
import { DynDateTime, DynTimespan, dynamicEquals } from '../values/dynamic.js';
import { dynamicKey } from '../values/keys.js';
import type { ScalarType } from '../values/types.js';
import { longArg, realArg } from './args.js';
import type { ArgInfo, Evaluator, ScalarFunction, ScalarImpl } from './registry.js';
import { eager, scalar } from './registry.js';

/** Kusto caps generated arrays (range, repeat) at 2^20 elements. */
const MAX_GENERATED = 1_048_576;

const arrayOrNull = (v: Dynamic): Dynamic[] | null => (Array.isArray(v) ? v : null);

/** A function of dynamic arrays and long arguments; a non-array argument gives null. */
function overArray(
  name: string,
  description: string,
  f: (a: Dynamic[], ...rest: (bigint | null)[]) => Dynamic,
): ScalarFunction {
  return scalar({
    name,
    description,
    bind(args) {
      const reads = args.slice(1).map((a) => longArg(a.type));
      return eager((v: Dynamic, ...rest: unknown[]) => {
        const a = arrayOrNull(v);
        return a === null
          ? null
          : f(a, ...rest.map((r, i) => (reads[i] as (v: unknown) => bigint | null)(r)));
      });
    },
  });
}

/** An index into an array of length n: negative counts from the end; clamped to [0, n]. */
function position(i: bigint, n: number): number {
  const k = Number(i);
  return Math.max(0, Math.min(n, k < 0 ? n + k : k));
}

function shifted(a: Dynamic[], by: number, fill: Dynamic): Dynamic[] {
  const n = a.length;
  return a.map((_, i) => {
    const j = i + by;
    return j >= 0 && j < n ? (a[j] ?? null) : fill;
  });
}

function rotated(a: Dynamic[], by: number): Dynamic[] {
  const n = a.length;
  if (n === 0) return [];
  const k = ((by % n) + n) % n;
  return [...a.slice(k), ...a.slice(0, k)];
}

function bindShift(left: boolean): (args: readonly ArgInfo[]) => ScalarImpl | string {
  return (args) => {
    const [arr, count, fill] = args;
    if (!arr || !count) return 'expects an array and a count';
    const readCount = longArg(count.type);
    const fillType = fill?.type ?? 'dynamic';
    return eager((v: Dynamic, c: unknown, f?: unknown) => {
      const a = arrayOrNull(v);
      const n = readCount(c);
      if (a === null || n === null) return null;
      const fillValue = fill ? toDynamic(f, fillType) : null;
      return shifted(a, left ? Number(n) : -Number(n), fillValue);
    });
  };
}

/** array_sort_asc/desc(array[, nulls_last]): nulls last by default. */
function sorter(name: string, descending: boolean): ScalarFunction {
  return scalar({
    name,
    description: `The array sorted in ${descending ? 'descending' : 'ascending'} order (nulls last unless nulls_last is false).`,
    bind(args) {
      if (args.length === 0) return 'expects an array';
      if (args.length > 2 || (args[1] && args[1].type !== 'bool'))
        return 'sorting several arrays together (a result of several columns)';
      return eager((v: Dynamic, nullsLast?: boolean | null) => {
        const a = arrayOrNull(v);
        if (a === null) return null;
        const values = a.filter((x) => x !== null);
        const nulls = a.filter((x) => x === null);
        values.sort((x, y) => (descending ? compareDynamic(y, x) : compareDynamic(x, y)));
        return nullsLast === false ? [...nulls, ...values] : [...values, ...nulls];
      });
    },
  });
}

/** A value of array_iff's true/false arguments at position i: the element of an array, or the scalar. */
function pick(v: unknown, type: ScalarType, i: number): Dynamic {
  if (type === 'dynamic' && Array.isArray(v)) return (v[i] ?? null) as Dynamic;
  return toDynamic(v, type);
}

function bindArrayIff(args: readonly ArgInfo[]): ScalarImpl | string {
  const [c, t, f] = args;
  if (!c || !t || !f) return 'expects conditions, true values and false values';
  return eager((cond: Dynamic, whenTrue: unknown, whenFalse: unknown) => {
    const conditions = arrayOrNull(cond);
    if (conditions === null) return null;
    return conditions.map((x, i) => {
      let truth: boolean | null = null;
      if (typeof x === 'boolean') truth = x;
      else if (typeof x === 'number') truth = x !== 0;
      else if (typeof x === 'bigint') truth = x !== 0n;
      if (truth === null) return null;
      return truth ? pick(whenTrue, t.type, i) : pick(whenFalse, f.type, i);
    });
  });
}

function bindIndexOf(args: readonly ArgInfo[]): ScalarImpl | string {
  const [arr, value, start, length, occurrence] = args;
  if (!arr || !value) return 'expects an array and a value';
  const valueType = value.type;
  const readStart = start ? longArg(start.type) : () => 0n;
  const readLength = length ? longArg(length.type) : () => -1n;
  const readOccurrence = occurrence ? longArg(occurrence.type) : () => 1n;
  return eager((v: Dynamic, x: unknown, s?: unknown, l?: unknown, o?: unknown) => {
    const a = arrayOrNull(v);
    const from = readStart(s);
    const n = readLength(l);
    const nth = readOccurrence(o);
    if (a === null || from === null || n === null || nth === null || n < -1n || nth < 0n) return null;
    const needle = toDynamic(x, valueType);
    const begin = position(from, a.length);
    const end = n === -1n ? a.length : Math.min(a.length, begin + Number(n));
    let seen = 0n;
    for (let i = begin; i < end; i++) {
      if (dynamicEquals(a[i] ?? null, needle) && ++seen >= (nth === 0n ? 1n : nth)) return BigInt(i);
    }
    return -1n;
  });
}

/** range(start, stop[, step]) as a dynamic array: numbers, datetimes or timespans (default step 1 or 1h). */
function bindRange(args: readonly ArgInfo[]): ScalarImpl | string {
  const [start, stop, step] = args;
  if (!start || !stop) return 'expects a start and a stop';
  if (start.type === 'datetime' || start.type === 'timespan') {
    const box =
      start.type === 'datetime' ? (t: bigint) => new DynDateTime(t) : (t: bigint) => new DynTimespan(t);
    return eager((a: bigint | null, b: bigint | null, s?: bigint | null) => {
      const by = s === undefined ? 36_000_000_000n : s;
      if (a === null || b === null || by === null || by === 0n) return null;
      const out: Dynamic[] = [];
      for (let t = a; (by > 0n ? t <= b : t >= b) && out.length < MAX_GENERATED; t += by) out.push(box(t));
      return out;
    });
  }
  if (start.type === 'real' || stop.type === 'real' || step?.type === 'real' || start.type === 'decimal') {
    const [ra, rb, rs] = [start, stop, step].map((x) => realArg(x?.type ?? 'real'));
    return eager((x: unknown, y: unknown, z?: unknown) => {
      const a = (ra as (v: unknown) => number | null)(x);
      const b = (rb as (v: unknown) => number | null)(y);
      const s = z === undefined ? 1 : (rs as (v: unknown) => number | null)(z);
      if (a === null || b === null || s === null || s === 0) return null;
      const out: Dynamic[] = [];
      for (let i = 0; (s > 0 ? a + i * s <= b : a + i * s >= b) && out.length < MAX_GENERATED; i++)
        out.push(a + i * s);
      return out;
    });
  }
  const [la, lb, ls] = [start, stop, step].map((x) => longArg(x?.type ?? 'long'));
  return eager((x: unknown, y: unknown, z?: unknown) => {
    const a = (la as (v: unknown) => bigint | null)(x);
    const b = (lb as (v: unknown) => bigint | null)(y);
    const s = z === undefined ? 1n : (ls as (v: unknown) => bigint | null)(z);
    if (a === null || b === null || s === null || s === 0n) return null;
    const out: Dynamic[] = [];
    for (let v = a; (s > 0n ? v <= b : v >= b) && out.length < MAX_GENERATED; v += s)
      out.push(toDynamic(v, 'long'));
    return out;
  });
}

/** Distinct elements of the arrays, in first-seen order (keys by dynamic value). */
function distinct(values: Iterable<Dynamic>): Map<string, Dynamic> {
  const m = new Map<string, Dynamic>();
  for (const v of values) {
    const k = dynamicKey(v);
    if (!m.has(k)) m.set(k, v);
  }
  return m;
}

/** A function of the distinct elements of each array argument (null if one is not an array). */
function setFunction(
  name: string,
  description: string,
  f: (sets: Map<string, Dynamic>[]) => unknown,
): ScalarFunction {
  return scalar({
    name,
    description,
    bind: () => ({
      kind: 'compiled',
      compile: (evs: readonly Evaluator[]) => (row) => {
        const sets: Map<string, Dynamic>[] = [];
        for (const e of evs) {
          const a = arrayOrNull(e(row) as Dynamic);
          if (a === null) return null;
          sets.push(distinct(a));
        }
        return f(sets);
      },
    }),
  });
}

export const arrayFunctions: readonly ScalarFunction[] = [
  scalar({
    name: 'pack_array',
    description: 'pack_array(v1, v2, ...): a dynamic array of the values.',
    bind: (args) => {
      const types = args.map((a) => a.type);
      return {
        kind: 'compiled',
        compile: (evs) => (row) => evs.map((e, i) => toDynamic(e(row), types[i] as ScalarType)),
      };
    },
  }),
  scalar({
    name: 'array_length',
    description: 'The number of elements of a dynamic array; null when not an array.',
    bind: () => eager((v: Dynamic) => (Array.isArray(v) ? BigInt(v.length) : null)),
  }),
  scalar({
    name: 'array_concat',
    description: 'The arrays concatenated into one (null if any argument is not an array).',
    bind: () => ({
      kind: 'compiled',
      compile: (evs) => (row) => {
        const out: Dynamic[] = [];
        for (const e of evs) {
          const a = arrayOrNull(e(row) as Dynamic);
          if (a === null) return null;
          for (const v of a) out.push(v); // not push(...a): a make_list of 1M values would overflow the stack
        }
        return out;
      },
    }),
  }),
  overArray('array_reverse', 'The array in reverse order.', (a) => [...a].reverse()),
  overArray(
    'array_slice',
    'array_slice(array, start, end): elements start..end inclusive (negative from the end).',
    (a, s, e) => {
      if (s === null || e === null) return null;
      const n = a.length;
      const from = Number(s) < 0 ? Math.max(0, n + Number(s)) : Number(s);
      const to = Number(e) < 0 ? n + Number(e) : Math.min(n - 1, Number(e));
      return from > to ? [] : a.slice(from, to + 1);
    },
  ),
  scalar({
    name: 'array_split',
    description: 'array_split(array, index or indexes): the array cut into pieces at the indexes.',
    bind([, at]) {
      const type = at?.type ?? 'long';
      return eager((v: Dynamic, x: unknown) => {
        const a = arrayOrNull(v);
        if (a === null || x === null) return null;
        const raw =
          type === 'dynamic' ? (Array.isArray(x) ? (x as Dynamic[]) : [x as Dynamic]) : [x as Dynamic];
        const cuts = raw.map((c) => position(BigInt(Math.trunc(toReal(c, 'dynamic') ?? 0)), a.length));
        const out: Dynamic[][] = [];
        let from = 0;
        for (const c of cuts) {
          out.push(a.slice(from, Math.max(from, c)));
          from = Math.max(from, c);
        }
        out.push(a.slice(from));
        return out;
      });
    },
  }),
  scalar({
    name: 'array_shift_left',
    description: 'array_shift_left(array, n[, fill]): elements moved n places left.',
    bind: bindShift(true),
  }),
  scalar({
    name: 'array_shift_right',
    description: 'array_shift_right(array, n[, fill]): elements moved n places right.',
    bind: bindShift(false),
  }),
  overArray('array_rotate_left', 'array_rotate_left(array, n): rotated n places left.', (a, n) =>
    n === null ? null : rotated(a, Number(n)),
  ),
  overArray('array_rotate_right', 'array_rotate_right(array, n): rotated n places right.', (a, n) =>
    n === null ? null : rotated(a, -Number(n)),
  ),
  sorter('array_sort_asc', false),
  sorter('array_sort_desc', true),
  scalar({
    name: 'array_iff',
    aliases: ['array_iif'],
    description: 'array_iff(conditions, when_true, when_false): element-wise iff.',
    bind: bindArrayIff,
  }),
  scalar({
    name: 'array_index_of',
    description: 'array_index_of(array, value[, start[, length[, occurrence]]]): position, or -1.',
    bind: bindIndexOf,
  }),
  scalar({
    name: 'array_sum',
    description: 'The sum of the elements, as a real (null if an element is not a number).',
    bind: () =>
      eager((v: Dynamic) => {
        const a = arrayOrNull(v);
        if (a === null) return null;
        let sum = 0;
        for (const x of a) {
          if (typeof x !== 'number' && typeof x !== 'bigint') return null;
          sum += Number(x);
        }
        return sum;
      }),
  }),
  scalar({
    name: 'range',
    description: 'range(start, stop[, step]): a dynamic array of the values.',
    bind: bindRange,
  }),
  scalar({
    name: 'repeat',
    description: 'repeat(value, count): a dynamic array holding the value count times.',
    bind([v, n]) {
      const type = v?.type ?? 'dynamic';
      const readCount = longArg(n?.type ?? 'long');
      return eager((x: unknown, c: unknown) => {
        const count = readCount(c);
        if (count === null) return null;
        const value = toDynamic(x, type);
        return Array.from({ length: Math.max(0, Math.min(MAX_GENERATED, Number(count))) }, () => value);
      });
    },
  }),
  scalar({
    name: 'zip',
    description:
      'zip(array1, array2, ...): arrays of the elements at each position (shorter arrays padded with null).',
    bind: () => ({
      kind: 'compiled',
      compile: (evs) => (row) => {
        const arrays: Dynamic[][] = [];
        for (const e of evs) {
          const a = arrayOrNull(e(row) as Dynamic);
          if (a === null) return null;
          arrays.push(a);
        }
        const n = Math.max(...arrays.map((a) => a.length));
        return Array.from({ length: n }, (_, i) => arrays.map((a) => a[i] ?? null));
      },
    }),
  }),
  setFunction('set_union', 'The distinct values of all the arrays.', (sets) => [
    ...distinct(sets.flatMap((s) => [...s.values()])).values(),
  ]),
  setFunction('set_intersect', 'The distinct values present in every array.', ([first, ...rest]) =>
    [...(first ?? new Map()).entries()].filter(([k]) => rest.every((s) => s.has(k))).map(([, v]) => v),
  ),
  setFunction(
    'set_difference',
    'The distinct values of the first array that are in no other.',
    ([first, ...rest]) =>
      [...(first ?? new Map()).entries()].filter(([k]) => !rest.some((s) => s.has(k))).map(([, v]) => v),
  ),
  scalar({
    name: 'set_has_element',
    description: 'set_has_element(array, value): whether the array holds the value.',
    bind([, value]) {
      const type = value?.type ?? 'dynamic';
      return eager((v: Dynamic, x: unknown) => {
        const a = arrayOrNull(v);
        if (a === null) return null;
        const needle = toDynamic(x, type);
        return a.some((e) => dynamicEquals(e ?? null, needle));
      });
    },
  }),
  setFunction(
    'jaccard_index',
    'The size of the intersection of two sets divided by the size of their union.',
    ([a, b]) => {
      if (!a || !b) return null;
      let common = 0;
      for (const k of a.keys()) if (b.has(k)) common++;
      const union = a.size + b.size - common;
      return union === 0 ? 0 : common / union;
    },
  ),
];
