/** Comparison operators: ==, !=, <, <=, >, >=, =~, !~, in, !in, in~, !in~, between, !between. */
import { compareDynamic, compareStrings } from '../values/compare.js';
import type { Dynamic } from '../values/dynamic.js';
import { dynamicEquals } from '../values/dynamic.js';
import { dynamicToString } from '../values/format.js';
import { keyFnFor } from '../values/keys.js';
import { toLowerInvariant } from '../values/text.js';
import type { ScalarType } from '../values/types.js';
import type { Common, CommonKind } from './coerce.js';
import { commonOf, dynamicAs } from './coerce.js';
import type { ArgInfo, Evaluator, ScalarFunction, ScalarImpl } from './registry.js';
import { scalar } from './registry.js';

type Cmp = (a: unknown, b: unknown) => number;

function orderOf(kind: CommonKind): Cmp {
  switch (kind) {
    case 'bigint':
      return (a, b) => ((a as bigint) < (b as bigint) ? -1 : (a as bigint) > (b as bigint) ? 1 : 0);
    case 'number':
      return (a, b) => ((a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0);
    case 'string':
      return (a, b) => compareStrings(a as string, b as string);
    case 'bool':
      return (a, b) => (a ? 1 : 0) - (b ? 1 : 0);
    case 'dynamic':
      return (a, b) => compareDynamic(a as Dynamic, b as Dynamic);
  }
}

function equalityOf(kind: CommonKind): (a: unknown, b: unknown) => boolean {
  switch (kind) {
    case 'dynamic':
      return (a, b) => dynamicEquals(a as Dynamic, b as Dynamic);
    case 'number':
      // NaN == NaN is false, as in IEEE (and Kusto).
      return (a, b) => a === b;
    default:
      return (a, b) => a === b;
  }
}

function binaryCompiled(f: (a: unknown, b: unknown) => unknown): ScalarImpl {
  return {
    kind: 'compiled',
    compile: ([l, r]) => {
      const left = l as Evaluator;
      const right = r as Evaluator;
      return (row) => f(left(row), right(row));
    },
  };
}

function common(args: readonly ArgInfo[]): Common | string {
  const [a, b] = args;
  if (!a || !b) return 'expects two operands';
  return commonOf(a.type, b.type) ?? `cannot compare ${a.type} with ${b.type}`;
}

/** `==` / `!=`: null on either side gives null (so `where` drops the row). */
function equality(name: string, negate: boolean): ScalarFunction {
  return scalar({
    name,
    description: negate ? 'Not equal.' : 'Equal (strings case-sensitively).',
    bind(args) {
      const c = common(args);
      if (typeof c === 'string') return c;
      const eq = equalityOf(c.kind);
      const { left, right } = c;
      const bothStrings = args[0]?.type === 'string' && args[1]?.type === 'string';
      if (bothStrings) {
        return binaryCompiled(negate ? (a, b) => a !== b : (a, b) => a === b);
      }
      return binaryCompiled((a, b) => {
        const x = left(a);
        const y = right(b);
        if (x === null || y === null) {
          // Measured on the real engine: null == 5 is false, null != 5 is true, null vs null is null.
          return x === null && y === null ? null : negate;
        }
        return eq(x, y) !== negate;
      });
    },
  });
}

function ordering(name: string, test: (c: number) => boolean): ScalarFunction {
  return scalar({
    name,
    description: `Ordering comparison ${name}.`,
    bind(args) {
      const c = common(args);
      if (typeof c === 'string') return c;
      const cmp = orderOf(c.kind);
      const { left, right } = c;
      return binaryCompiled((a, b) => {
        const x = left(a);
        const y = right(b);
        if (x === null || y === null) return null;
        if (c.kind === 'number' && (Number.isNaN(x) || Number.isNaN(y))) return false;
        return test(cmp(x, y));
      });
    },
  });
}

/** The text a value has for the case-insensitive string operators (`=~`, `in~`). */
function asText(t: ScalarType): (v: unknown) => string {
  if (t === 'string') return (v) => v as string;
  if (t === 'dynamic') return (v) => dynamicToString(v as Dynamic);
  return (v) => (v === null ? '' : String(v));
}

function equalsIgnoreCase(name: string, negate: boolean): ScalarFunction {
  return scalar({
    name,
    description: negate ? 'Not equal, ignoring case.' : 'Equal, ignoring case.',
    bind([a, b]) {
      if (!a || !b) return 'expects two operands';
      const ta = asText(a.type);
      const tb = asText(b.type);
      if (b.constant) {
        const target = toLowerInvariant(tb(b.constant.value));
        return {
          kind: 'compiled',
          compile: ([l]) => {
            const left = l as Evaluator;
            // Most values differ in length from the target: skip the lowering then.
            return (row) => {
              const s = ta(left(row));
              return (s.length === target.length && toLowerInvariant(s) === target) !== negate;
            };
          },
        };
      }
      return binaryCompiled((x, y) => (toLowerInvariant(ta(x)) === toLowerInvariant(tb(y))) !== negate);
    },
  });
}

/**
 * `in` family: the right-hand list may mix scalars and dynamic arrays (whose elements count one by one).
 * With a constant list, a hash set is built once.
 */
function membership(name: string, negate: boolean, ignoreCase: boolean): ScalarFunction {
  return scalar({
    name,
    description: `${negate ? 'Not in' : 'In'} a list${ignoreCase ? ', ignoring case' : ''}.`,
    bind(args) {
      const [left, ...items] = args;
      if (!left) return 'expects a left operand';
      const leftType = left.type;
      const leftKind: CommonKind =
        leftType === 'dynamic' ? 'dynamic' : (commonOf(leftType, leftType)?.kind ?? 'string');
      // Every candidate is brought to the left operand's type, then keyed.
      const key = ignoreCase ? (v: unknown) => toLowerInvariant(asText(leftType)(v)) : keyFnFor(leftType);
      const fromDynamic = leftType === 'dynamic' ? (v: unknown) => v : dynamicAs(leftKind);
      const itemKeys = (type: ScalarType, v: unknown, out: Set<string>) => {
        if (type === 'dynamic' && Array.isArray(v)) {
          for (const e of v as Dynamic[]) {
            const x = ignoreCase ? dynamicToString(e) : fromDynamic(e);
            if (x !== null) out.add(ignoreCase ? toLowerInvariant(x as string) : key(x));
          }
          return;
        }
        if (ignoreCase) {
          out.add(toLowerInvariant(asText(type)(v)));
          return;
        }
        const c = commonOf(leftType, type);
        if (!c) return;
        const x = type === leftType ? v : type === 'dynamic' ? fromDynamic(v) : c.right(v);
        if (x !== null) out.add(key(x));
      };
      const test = (v: unknown, set: Set<string>) => {
        if (v === null) return negate;
        return set.has(key(v)) !== negate;
      };
      if (items.every((i) => i.constant)) {
        const set = new Set<string>();
        for (const i of items) itemKeys(i.type, i.constant?.value, set);
        return {
          kind: 'compiled',
          compile:
            ([l]) =>
            (row) =>
              test((l as Evaluator)(row), set),
        };
      }
      const types = items.map((i) => i.type);
      return {
        kind: 'compiled',
        compile:
          ([l, ...rest]) =>
          (row) => {
            const set = new Set<string>();
            rest.forEach((e, i) => {
              itemKeys(types[i] as ScalarType, e(row), set);
            });
            return test((l as Evaluator)(row), set);
          },
      };
    },
  });
}

function between(name: string, negate: boolean): ScalarFunction {
  return scalar({
    name,
    description: `${negate ? 'Outside' : 'Within'} an inclusive range (a .. b); for datetimes b may be a timespan.`,
    bind([x, lo, hi]) {
      if (!x || !lo || !hi) return 'expects a value and two bounds';
      const cl = commonOf(x.type, lo.type);
      if (!cl) return `cannot compare ${x.type} with ${lo.type}`;
      // datetime between (start .. 1d): the upper bound is start + the timespan.
      const spanUpper = (x.type === 'datetime' || lo.type === 'datetime') && hi.type === 'timespan';
      const ch = spanUpper ? cl : commonOf(x.type, hi.type);
      if (!ch) return `cannot compare ${x.type} with ${hi.type}`;
      const cmpL = orderOf(cl.kind);
      const cmpH = orderOf(ch.kind);
      return {
        kind: 'compiled',
        compile:
          ([ev, el, eh]) =>
          (row) => {
            const v = (ev as Evaluator)(row);
            const a = (el as Evaluator)(row);
            let b = (eh as Evaluator)(row);
            if (v === null || a === null || b === null) return null;
            if (spanUpper) b = (a as bigint) + (b as bigint);
            const inside = cmpL(cl.left(v), cl.right(a)) >= 0 && cmpH(ch.left(v), ch.right(b)) <= 0;
            return inside !== negate;
          },
      };
    },
  });
}

export const comparisonFunctions: readonly ScalarFunction[] = [
  equality('==', false),
  equality('!=', true),
  ordering('<', (c) => c < 0),
  ordering('<=', (c) => c <= 0),
  ordering('>', (c) => c > 0),
  ordering('>=', (c) => c >= 0),
  equalsIgnoreCase('=~', false),
  equalsIgnoreCase('!~', true),
  membership('in', false, false),
  membership('!in', true, false),
  membership('in~', false, true),
  membership('!in~', true, true),
  between('between', false),
  between('!between', true),
];
