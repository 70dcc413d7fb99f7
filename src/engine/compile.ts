/**
 * Compiles IR expressions into closures over a row. Function calls are bound against the registry here
 * (plan time): an unknown function or unsupported overload is refused with its position before any row is
 * read. Calls whose arguments are all constant are folded once.
 */
import { KqlError } from '../kql/errors.js';
import type { CallExpr, Expr } from '../kql/ir.js';
import type { AggregateRegistry } from './aggregates/registry.js';
import type { ArgInfo, BindContext, Evaluator, FunctionRegistry } from './functions/registry.js';
import { parseDynamicText } from './values/convert.js';
import type { Dynamic } from './values/dynamic.js';
import { getElement, getMember, isPlainJson } from './values/dynamic.js';
import { dynamicToString } from './values/format.js';
import type { Row } from './values/types.js';

export interface CompileContext extends BindContext {
  readonly functions: FunctionRegistry;
  readonly aggregates: AggregateRegistry;
  /** Values of toscalar() subqueries and `in (T)` lists, computed before the main plan runs. */
  readonly scalarSubqueries: ReadonlyMap<Expr, unknown>;
  /** ExecuteOptions.joinRightCells. */
  readonly joinRightCells?: number;
}

export interface Compiled {
  readonly ev: Evaluator;
  /** Present when the expression has the same value for every row. */
  readonly constant?: { readonly value: unknown };
}

function constant(value: unknown): Compiled {
  return { ev: () => value, constant: { value } };
}

export function compileExpr(e: Expr, ctx: CompileContext): Evaluator {
  return compile(e, ctx).ev;
}

export function compile(e: Expr, ctx: CompileContext): Compiled {
  switch (e.kind) {
    case 'literal':
      return constant(e.value);
    case 'column': {
      const i = e.index;
      return { ev: (row: Row) => row[i] };
    }
    case 'member': {
      const obj = compile(e.object, ctx);
      const key = e.key;
      if (obj.constant) return constant(getMember(obj.constant.value as Dynamic, key));
      const o = obj.ev;
      return { ev: (row) => getMember(o(row) as Dynamic, key) };
    }
    case 'index': {
      const obj = compile(e.object, ctx);
      const idx = compile(e.index, ctx);
      const o = obj.ev;
      const at = (v: Dynamic, i: unknown): Dynamic => {
        if (i === null || i === undefined) return null;
        if (typeof i === 'string') return getMember(v, i);
        if (typeof i === 'bigint' || typeof i === 'number') return getElement(v, Number(i));
        return typeof i === 'object' ? null : getMember(v, String(i));
      };
      if (obj.constant && idx.constant)
        return constant(at(obj.constant.value as Dynamic, idx.constant.value));
      if (idx.constant) {
        const i = idx.constant.value;
        if (typeof i === 'bigint' || typeof i === 'number') {
          const n = Number(i);
          return { ev: (row) => getElement(o(row) as Dynamic, n) };
        }
        return { ev: (row) => at(o(row) as Dynamic, i) };
      }
      const ix = idx.ev;
      return { ev: (row) => at(o(row) as Dynamic, ix(row)) };
    }
    case 'call':
      return compileCall(e, ctx);
    case 'scalar-subquery':
    case 'column-values': {
      if (!ctx.scalarSubqueries.has(e))
        throw new Error('internal: toscalar() evaluated before its value was computed');
      return constant(ctx.scalarSubqueries.get(e));
    }
    case 'row-context':
      throw new KqlError(
        'unsupported',
        `${e.fn}() is not supported here (only in extend, project and serialize)`,
        e.span,
        `${e.fn}()`,
      );
  }
}

/**
 * `parse_json(tostring(x))` on a dynamic x re-parses the text of a value that is already parsed: Sentinel
 * queries write it constantly. For a bag or array without boxed values the round trip is the identity, so
 * only strings (and other scalars) take the slow path.
 */
function reparseShortcut(e: CallExpr, ctx: CompileContext): Compiled | undefined {
  if ((e.fn !== 'parse_json' && e.fn !== 'todynamic') || e.args.length !== 1) return undefined;
  const inner = e.args[0] as Expr;
  if (inner.kind !== 'call' || inner.fn !== 'tostring' || inner.args.length !== 1) return undefined;
  const x = inner.args[0] as Expr;
  if (x.type !== 'dynamic') return undefined;
  const arg = compile(x, ctx);
  if (arg.constant) return undefined;
  const ev = arg.ev;
  return {
    ev: (row) => {
      const v = ev(row) as Dynamic;
      if (v !== null && typeof v === 'object' && isPlainJson(v)) return v;
      const text = dynamicToString(v);
      return text === '' ? null : parseDynamicText(text);
    },
  };
}

function compileCall(e: CallExpr, ctx: CompileContext): Compiled {
  const shortcut = reparseShortcut(e, ctx);
  if (shortcut) return shortcut;
  const fn = ctx.functions.get(e.fn);
  if (!fn) throw new KqlError('unsupported', `the function ${e.fn}() is not supported`, e.span, `${e.fn}()`);
  const args = e.args.map((a) => compile(a, ctx));
  const infos: ArgInfo[] = e.args.map((a, i) => {
    const c = (args[i] as Compiled).constant;
    return c ? { type: a.type, constant: c } : { type: a.type };
  });
  const impl = fn.bind(infos, e.type, ctx);
  if (typeof impl === 'string') {
    const types = e.args.map((a) => a.type).join(', ');
    throw new KqlError('unsupported', `${e.fn}(${types}) is not supported: ${impl}`, e.span, `${e.fn}()`);
  }
  let ev: Evaluator;
  if (impl.kind === 'compiled') {
    ev = impl.compile(args.map((a) => a.ev));
  } else {
    ev = eagerEvaluator(
      impl.fn as (...a: unknown[]) => unknown,
      impl.strict === true,
      args.map((a) => a.ev),
    );
  }
  if (fn.deterministic !== false && args.every((a) => a.constant)) return constant(ev([]));
  return { ev };
}

/** Specialised by arity so the common cases allocate no argument array. */
function eagerEvaluator(fn: (...a: unknown[]) => unknown, strict: boolean, evs: Evaluator[]): Evaluator {
  const [a, b, c] = evs;
  if (!strict) {
    switch (evs.length) {
      case 0:
        return () => fn();
      case 1:
        return (row) => fn((a as Evaluator)(row));
      case 2:
        return (row) => fn((a as Evaluator)(row), (b as Evaluator)(row));
      case 3:
        return (row) => fn((a as Evaluator)(row), (b as Evaluator)(row), (c as Evaluator)(row));
      default:
        return (row) => fn(...evs.map((e) => e(row)));
    }
  }
  switch (evs.length) {
    case 1:
      return (row) => {
        const x = (a as Evaluator)(row);
        return x === null ? null : fn(x);
      };
    case 2:
      return (row) => {
        const x = (a as Evaluator)(row);
        const y = (b as Evaluator)(row);
        return x === null || y === null ? null : fn(x, y);
      };
    default:
      return (row) => {
        const xs = evs.map((e) => e(row));
        return xs.includes(null) ? null : fn(...xs);
      };
  }
}
