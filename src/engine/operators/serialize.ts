/**
 * `serialize` and the functions of the serialized row stream: row_number(), prev(), next(), row_cumsum(),
 * row_rank_dense(), row_rank_min(), row_window_session(). An extend or project that calls them becomes a
 * serialize node: its row-context calls are computed in row order into extra slots appended to each input
 * row (inner calls first, so `row_cumsum(x, name != prev(name))` works), then its columns are computed from
 * the row and the slots. next() looks ahead: rows wait until the rows they look at have arrived, so memory
 * grows with next()'s offset, not with the input.
 */
import { KqlError } from '../../kql/errors.js';
import type { Expr, NamedExpr } from '../../kql/ir.js';
import type { Evaluator } from '../functions/registry.js';
import { keyFnFor } from '../values/keys.js';
import type { Row, ScalarType } from '../values/types.js';
import { nullOf } from '../values/types.js';
import type { RowSink } from './sink.js';

/** One call's state over the row stream: given the call's evaluated arguments, its value for this row. */
type RowStep = (args: readonly unknown[]) => unknown;

interface RowFunction {
  /** A fresh state for a stream. `types` are the argument types; `constants` the constant arguments. */
  start(types: readonly ScalarType[], result: ScalarType, constants: readonly unknown[]): RowStep;
}

const isTrue = (v: unknown) => v === true;

function toNumberOf(result: ScalarType): (v: unknown) => unknown {
  return result === 'long'
    ? (v) => (typeof v === 'bigint' ? v : BigInt(Math.trunc(v as number)))
    : (v) => Number(v);
}

/** Docs: row-number-function.md, prev-function.md, row-cumsum-function.md, row-rank-*.md, row-window-session. */
const ROW_FUNCTIONS: Readonly<Record<string, RowFunction>> = {
  row_number: {
    start() {
      let n: bigint | undefined;
      return ([startAt, restart]) => {
        const first = startAt === undefined || startAt === null ? 1n : BigInt(startAt as bigint | number);
        n = n === undefined || isTrue(restart) ? first : n + 1n;
        return n;
      };
    },
  },
  prev: {
    start(_types, result, constants) {
      const offset = Number(constants[1] ?? 1);
      const history: unknown[] = [];
      return ([value, , fallback]) => {
        const v = history.length >= offset ? history[history.length - offset] : (fallback ?? nullOf(result));
        history.push(value);
        if (history.length > offset) history.shift();
        return v;
      };
    },
  },
  row_cumsum: {
    start(_types, result) {
      const as = toNumberOf(result);
      let sum: unknown;
      return ([term, restart]) => {
        if (sum === undefined || isTrue(restart)) sum = as(0);
        if (term !== null && term !== undefined) {
          const t = as(term);
          sum =
            typeof sum === 'bigint'
              ? BigInt.asIntN(64, sum + (t as bigint))
              : (sum as number) + (t as number);
        }
        return sum;
      };
    },
  },
  row_rank_dense: {
    start(types) {
      const key = keyFnFor(types[0] as ScalarType);
      let rank = 0n;
      let last: string | undefined;
      return ([term, restart]) => {
        const k = key(term);
        if (last === undefined || isTrue(restart)) rank = 1n;
        else if (k !== last) rank++;
        last = k;
        return rank;
      };
    },
  },
  row_rank_min: {
    start(types) {
      const key = keyFnFor(types[0] as ScalarType);
      let position = 0n;
      let rank = 0n;
      let last: string | undefined;
      return ([term, restart]) => {
        const k = key(term);
        if (last === undefined || isTrue(restart)) {
          position = 1n;
          rank = 1n;
        } else {
          position++;
          if (k !== last) rank = position;
        }
        last = k;
        return rank;
      };
    },
  },
  row_window_session: {
    start() {
      let first: bigint | null = null;
      let previous: bigint | null = null;
      return ([value, fromFirst, betweenNeighbors, restart]) => {
        const v = value as bigint | null;
        if (v === null) return first;
        const newSession =
          first === null ||
          previous === null ||
          isTrue(restart) ||
          v - first > (fromFirst as bigint) ||
          v - previous > (betweenNeighbors as bigint);
        if (newSession) first = v;
        previous = v;
        return first;
      };
    },
  },
};

/** True for the functions that read the serialized row stream (next() included). */
export function isRowFunction(name: string): boolean {
  return name === 'next' || Object.hasOwn(ROW_FUNCTIONS, name);
}

/** A row-context call, computed into slot `input width + index` of the augmented row. */
type Slot =
  | { readonly kind: 'step'; readonly fn: RowFunction; readonly call: Expr; readonly args: readonly Expr[] }
  | {
      readonly kind: 'next';
      readonly type: ScalarType;
      readonly offset: number;
      readonly value: Expr;
      readonly fallback: Expr | null;
    };

function constantOf(e: Expr | undefined): unknown {
  return e?.kind === 'literal' ? e.value : undefined;
}

/**
 * Replaces every row-context call in `e` by a reference to its slot (allocated in post-order: a call's
 * row-context arguments get slots before the call).
 */
function flatten(e: Expr, width: number, slots: Slot[], dependsOnNext: Set<number>): Expr {
  switch (e.kind) {
    case 'call':
      return { ...e, args: e.args.map((a) => flatten(a, width, slots, dependsOnNext)) };
    case 'member':
      return { ...e, object: flatten(e.object, width, slots, dependsOnNext) };
    case 'index':
      return {
        ...e,
        object: flatten(e.object, width, slots, dependsOnNext),
        index: flatten(e.index, width, slots, dependsOnNext),
      };
    case 'row-context': {
      const args = e.args.map((a) => flatten(a, width, slots, dependsOnNext));
      const readsNext = args.some((a) => reads(a, width, dependsOnNext));
      if (e.fn === 'next') {
        const offset = Number(constantOf(e.args[1]) ?? 1);
        if (!Number.isInteger(offset) || offset < 0)
          throw new KqlError(
            'unsupported',
            'next() with an offset that is not a constant count',
            undefined,
            'next()',
          );
        if (readsNext) throw new KqlError('unsupported', 'next() of next()', undefined, 'next()');
        slots.push({ kind: 'next', type: e.type, offset, value: args[0] as Expr, fallback: args[2] ?? null });
        dependsOnNext.add(width + slots.length - 1);
      } else {
        const fn = ROW_FUNCTIONS[e.fn];
        if (!fn) throw new KqlError('unsupported', `${e.fn}() is not supported`, undefined, `${e.fn}()`);
        if (readsNext)
          throw new KqlError('unsupported', `${e.fn}() of a next() value`, undefined, `${e.fn}()`);
        slots.push({ kind: 'step', fn, call: e, args });
      }
      return {
        kind: 'column',
        type: e.type,
        name: `__row${slots.length - 1}`,
        index: width + slots.length - 1,
      };
    }
    default:
      return e;
  }
}

function reads(e: Expr, width: number, indexes: ReadonlySet<number>): boolean {
  switch (e.kind) {
    case 'column':
      return e.index >= width && indexes.has(e.index);
    case 'call':
    case 'row-context':
      return e.args.some((a) => reads(a, width, indexes));
    case 'member':
      return reads(e.object, width, indexes);
    case 'index':
      return reads(e.object, width, indexes) || reads(e.index, width, indexes);
    default:
      return false;
  }
}

interface CompiledStep {
  readonly fn: RowFunction;
  readonly types: readonly ScalarType[];
  readonly result: ScalarType;
  readonly constants: readonly unknown[];
  readonly args: readonly Evaluator[];
}

interface CompiledNext {
  readonly type: ScalarType;
  readonly offset: number;
  readonly value: Evaluator;
  readonly fallback: Evaluator | null;
}

/** A row waiting for the rows its next() calls look at. */
interface Pending {
  readonly row: Row;
  /** The value and fallback of each next() call, as evaluated on this row. */
  readonly nextValues: unknown[];
  readonly nextFallbacks: unknown[];
}

export class SerializeOperator implements RowSink {
  private readonly width: number;
  private readonly steps: { slot: number; step: CompiledStep }[] = [];
  private readonly nexts: { slot: number; next: CompiledNext }[] = [];
  private readonly columns: readonly Evaluator[];
  private readonly lookahead: number;
  private states: RowStep[] = [];
  private readonly pending: Pending[] = [];

  constructor(
    inputWidth: number,
    columns: readonly NamedExpr[],
    compile: (e: Expr) => Evaluator,
    private readonly out: RowSink,
  ) {
    this.width = inputWidth;
    const slots: Slot[] = [];
    const flat = columns.map((c) => flatten(c.expr, inputWidth, slots, new Set()));
    slots.forEach((s, i) => {
      const slot = inputWidth + i;
      if (s.kind === 'step') {
        this.steps.push({
          slot,
          step: {
            fn: s.fn,
            types: s.args.map((a) => a.type),
            result: s.call.type,
            constants: s.args.map(constantOf),
            args: s.args.map(compile),
          },
        });
      } else {
        this.nexts.push({
          slot,
          next: {
            type: s.type,
            offset: s.offset,
            value: compile(s.value),
            fallback: s.fallback ? compile(s.fallback) : null,
          },
        });
      }
    });
    this.columns = flat.map(compile);
    this.lookahead = this.nexts.reduce((m, n) => Math.max(m, n.next.offset), 0);
    this.restart();
  }

  private restart(): void {
    this.states = this.steps.map(({ step }) => step.fn.start(step.types, step.result, step.constants));
  }

  push(row: Row): void {
    const aug = row.slice();
    aug.length = this.width + this.steps.length + this.nexts.length;
    const args: unknown[] = [];
    this.steps.forEach(({ slot, step }, i) => {
      args.length = 0;
      for (const a of step.args) args.push(a(aug));
      aug[slot] = (this.states[i] as RowStep)(args);
    });
    if (this.nexts.length === 0) {
      this.emit(aug);
      return;
    }
    this.pending.push({
      row: aug,
      nextValues: this.nexts.map(({ next }) => next.value(aug)),
      nextFallbacks: this.nexts.map(({ next }) => (next.fallback ? next.fallback(aug) : null)),
    });
    if (this.pending.length > this.lookahead) this.release();
  }

  /** Completes the oldest pending row: its next() values are those of the rows after it (or its fallback). */
  private release(): void {
    const p = this.pending.shift() as Pending;
    this.nexts.forEach(({ slot, next }, i) => {
      const ahead = this.pending[next.offset - 1];
      if (next.offset === 0) p.row[slot] = p.nextValues[i];
      else p.row[slot] = ahead ? ahead.nextValues[i] : (p.nextFallbacks[i] ?? nullOf(next.type));
    });
    this.emit(p.row);
  }

  private emit(aug: Row): void {
    const cols = this.columns;
    const next = new Array(cols.length);
    for (let i = 0; i < cols.length; i++) next[i] = (cols[i] as Evaluator)(aug);
    this.out.push(next);
  }

  end(): void {
    while (this.pending.length > 0) this.release();
    this.restart();
    this.out.end();
  }
}
