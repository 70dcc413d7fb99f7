/**
 * String predicates: has, contains, startswith, endswith (each with _cs and negated forms), hasprefix,
 * hassuffix, has_any, has_all. A dynamic or other non-string left operand is matched against its text.
 */
import type { Dynamic } from '../values/dynamic.js';
import { dynamicToString, valueToString } from '../values/format.js';
import { hasTerm, hasTermPrefix, hasTermSuffix, toLowerInvariant } from '../values/text.js';
import type { ScalarType } from '../values/types.js';
import type { ArgInfo, Evaluator, ScalarFunction, ScalarImpl } from './registry.js';
import { scalar } from './registry.js';

type Matcher = (haystack: string, needle: string) => boolean;

export function textOf(t: ScalarType): (v: unknown) => string {
  if (t === 'string') return (v) => v as string;
  if (t === 'dynamic') return (v) => dynamicToString(v as Dynamic);
  return (v) => valueToString(v, t);
}

function predicate(
  name: string,
  match: Matcher,
  caseSensitive: boolean,
  negate: boolean,
  description: string,
) {
  return scalar({
    name,
    description,
    bind([a, b]: readonly ArgInfo[]): ScalarImpl | string {
      if (!a || !b) return 'expects two operands';
      const left = textOf(a.type);
      const right = textOf(b.type);
      const fold = caseSensitive ? (s: string) => s : toLowerInvariant;
      if (b.constant) {
        const needle = fold(right(b.constant.value));
        return {
          kind: 'compiled',
          compile: ([l]) => {
            const ev = l as Evaluator;
            return (row) => match(fold(left(ev(row))), needle) !== negate;
          },
        };
      }
      return {
        kind: 'compiled',
        compile: ([l, r]) => {
          const el = l as Evaluator;
          const er = r as Evaluator;
          return (row) => match(fold(left(el(row))), fold(right(er(row)))) !== negate;
        },
      };
    },
  });
}

const contains: Matcher = (h, n) => h.includes(n);
const startsWith: Matcher = (h, n) => h.startsWith(n);
const endsWith: Matcher = (h, n) => h.endsWith(n);

/** The needles of has_any/has_all: scalars and the elements of dynamic arrays, as lower-case text. */
function needlesOf(types: readonly ScalarType[], values: readonly unknown[]): string[] {
  const out: string[] = [];
  values.forEach((v, i) => {
    const t = types[i] as ScalarType;
    if (t === 'dynamic' && Array.isArray(v)) {
      for (const e of v as Dynamic[]) if (e !== null) out.push(toLowerInvariant(dynamicToString(e)));
    } else {
      out.push(toLowerInvariant(textOf(t)(v)));
    }
  });
  return out;
}

function anyOrAll(name: string, all: boolean): ScalarFunction {
  return scalar({
    name,
    description: `True when the text has ${all ? 'all' : 'any'} of the terms (case-insensitive, whole terms).`,
    bind(args) {
      const [a, ...items] = args;
      if (!a) return 'expects a left operand';
      const left = textOf(a.type);
      const types = items.map((i) => i.type);
      const test = (hay: string, needles: readonly string[]) => {
        if (all) {
          for (const n of needles) if (!hasTerm(hay, n)) return false;
          return true;
        }
        for (const n of needles) if (hasTerm(hay, n)) return true;
        return false;
      };
      if (items.every((i) => i.constant)) {
        const needles = needlesOf(
          types,
          items.map((i) => i.constant?.value),
        );
        return {
          kind: 'compiled',
          compile: ([l]) => {
            const ev = l as Evaluator;
            return (row) => test(toLowerInvariant(left(ev(row))), needles);
          },
        };
      }
      return {
        kind: 'compiled',
        compile:
          ([l, ...rest]) =>
          (row) =>
            test(
              toLowerInvariant(left((l as Evaluator)(row))),
              needlesOf(
                types,
                rest.map((e) => e(row)),
              ),
            ),
      };
    },
  });
}

export const stringOperatorFunctions: readonly ScalarFunction[] = [
  predicate('has', hasTerm, false, false, 'The text has the term (whole term, case-insensitive).'),
  predicate('!has', hasTerm, false, true, 'The text does not have the term.'),
  predicate('has_cs', hasTerm, true, false, 'The text has the term (whole term, case-sensitive).'),
  predicate('!has_cs', hasTerm, true, true, 'The text does not have the term (case-sensitive).'),
  predicate('hasprefix', hasTermPrefix, false, false, 'A term of the text starts with the value.'),
  predicate('!hasprefix', hasTermPrefix, false, true, 'No term of the text starts with the value.'),
  predicate('hasprefix_cs', hasTermPrefix, true, false, 'A term starts with the value (case-sensitive).'),
  predicate('!hasprefix_cs', hasTermPrefix, true, true, 'No term starts with the value (case-sensitive).'),
  predicate('hassuffix', hasTermSuffix, false, false, 'A term of the text ends with the value.'),
  predicate('!hassuffix', hasTermSuffix, false, true, 'No term of the text ends with the value.'),
  predicate('hassuffix_cs', hasTermSuffix, true, false, 'A term ends with the value (case-sensitive).'),
  predicate('!hassuffix_cs', hasTermSuffix, true, true, 'No term ends with the value (case-sensitive).'),
  predicate('contains', contains, false, false, 'The text contains the value (case-insensitive).'),
  predicate('!contains', contains, false, true, 'The text does not contain the value.'),
  predicate('contains_cs', contains, true, false, 'The text contains the value (case-sensitive).'),
  predicate('!contains_cs', contains, true, true, 'The text does not contain the value (case-sensitive).'),
  predicate('startswith', startsWith, false, false, 'The text starts with the value (case-insensitive).'),
  predicate('!startswith', startsWith, false, true, 'The text does not start with the value.'),
  predicate('startswith_cs', startsWith, true, false, 'The text starts with the value (case-sensitive).'),
  predicate(
    '!startswith_cs',
    startsWith,
    true,
    true,
    'The text does not start with the value (case-sensitive).',
  ),
  predicate('endswith', endsWith, false, false, 'The text ends with the value (case-insensitive).'),
  predicate('!endswith', endsWith, false, true, 'The text does not end with the value.'),
  predicate('endswith_cs', endsWith, true, false, 'The text ends with the value (case-sensitive).'),
  predicate('!endswith_cs', endsWith, true, true, 'The text does not end with the value (case-sensitive).'),
  anyOrAll('has_any', false),
  anyOrAll('has_all', true),
];
