/** Logical operators and conditionals: and, or, not, iff, case, coalesce, isempty, isnull, ... */
import { KqlError } from '../../kql/errors.js';
import type { ScalarType } from '../values/types.js';
import type { Evaluator, ScalarFunction } from './registry.js';
import { eager, scalar } from './registry.js';

/** Empty: null, or the empty string (a dynamic empty string too). */
function emptinessTest(t: ScalarType): (v: unknown) => boolean {
  if (t === 'string') return (v) => v === '';
  if (t === 'dynamic') return (v) => v === null || v === '';
  return (v) => v === null || v === undefined;
}

function isNullTest(t: ScalarType): (v: unknown) => boolean {
  // A string is never null in KQL: isnull("") is false.
  if (t === 'string') return () => false;
  return (v) => v === null || v === undefined;
}

export const logicalFunctions: readonly ScalarFunction[] = [
  scalar({
    name: 'and',
    description: 'Logical and, three-valued: false wins over null.',
    bind: () => ({
      kind: 'compiled',
      compile: ([a, b]) => {
        const l = a as Evaluator;
        const r = b as Evaluator;
        return (row) => {
          const x = l(row);
          if (x === false) return false;
          const y = r(row);
          if (y === false) return false;
          return x === null || y === null ? null : true;
        };
      },
    }),
  }),
  scalar({
    name: 'or',
    description: 'Logical or, three-valued: true wins over null.',
    bind: () => ({
      kind: 'compiled',
      compile: ([a, b]) => {
        const l = a as Evaluator;
        const r = b as Evaluator;
        return (row) => {
          const x = l(row);
          if (x === true) return true;
          const y = r(row);
          if (y === true) return true;
          return x === null || y === null ? null : false;
        };
      },
    }),
  }),
  scalar({
    name: 'not',
    description: 'Logical negation; null stays null.',
    bind: () => eager((v: boolean | null) => (v === null ? null : !v)),
  }),
  scalar({
    name: 'iff',
    aliases: ['iif'],
    description: 'iff(condition, then, else): then when the condition is true, else otherwise (null too).',
    bind: () => ({
      kind: 'compiled',
      compile: ([c, t, e]) => {
        const cond = c as Evaluator;
        const th = t as Evaluator;
        const el = e as Evaluator;
        return (row) => (cond(row) === true ? th(row) : el(row));
      },
    }),
  }),
  scalar({
    name: 'case',
    description: 'case(c1, v1, c2, v2, ..., else): the value of the first true condition.',
    bind: (args) => {
      if (args.length < 3 || args.length % 2 === 0) return 'expects condition/value pairs and an else value';
      return {
        kind: 'compiled',
        compile: (evs) => (row) => {
          const last = evs.length - 1;
          for (let i = 0; i < last; i += 2)
            if ((evs[i] as Evaluator)(row) === true) return (evs[i + 1] as Evaluator)(row);
          return (evs[last] as Evaluator)(row);
        },
      };
    },
  }),
  scalar({
    name: 'assert',
    description:
      'assert(condition, message): true when the condition holds; otherwise the query fails with the message.',
    bind: () => ({
      kind: 'compiled',
      compile: ([c, m]) => {
        const cond = c as Evaluator;
        const message = m as Evaluator;
        return (row) => {
          if (cond(row) === true) return true;
          throw new KqlError('semantic', `assertion failed: ${String(message(row))}`);
        };
      },
    }),
  }),
  scalar({
    name: 'coalesce',
    description: 'The first argument that is not null (for strings, not empty).',
    bind: (args) => {
      const t = args[0]?.type ?? 'string';
      const empty = emptinessTest(t);
      const isNull = t === 'string' ? empty : isNullTest(t);
      return {
        kind: 'compiled',
        compile: (evs) => (row) => {
          let v: unknown = null;
          for (const e of evs) {
            v = e(row);
            if (!isNull(v)) return v;
          }
          return t === 'string' ? '' : null;
        },
      };
    },
  }),
  scalar({
    name: 'isempty',
    description: 'True for null and the empty string.',
    bind: ([a]) => {
      const test = emptinessTest(a?.type ?? 'string');
      return eager((v: unknown) => test(v));
    },
  }),
  scalar({
    name: 'isnotempty',
    aliases: ['notempty'],
    description: 'False for null and the empty string.',
    bind: ([a]) => {
      const test = emptinessTest(a?.type ?? 'string');
      return eager((v: unknown) => !test(v));
    },
  }),
  scalar({
    name: 'isnull',
    description: 'True for null (a string is never null).',
    bind: ([a]) => {
      const test = isNullTest(a?.type ?? 'string');
      return eager((v: unknown) => test(v));
    },
  }),
  scalar({
    name: 'isnotnull',
    aliases: ['notnull'],
    description: 'False for null (a string is never null).',
    bind: ([a]) => {
      const test = isNullTest(a?.type ?? 'string');
      return eager((v: unknown) => !test(v));
    },
  }),
];
