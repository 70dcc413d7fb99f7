/**
 * The scalar function registry: every KQL scalar function and operator is declared once, in its family file
 * (string.ts, datetime.ts, ...), as a `ScalarFunction`. The registry is built from those lists; there is no
 * other list of names to keep in sync.
 *
 * Recipe — adding a function: add a `scalar({...})` entry to the family's array with its name, a one-line
 * description, and a `bind` that returns an implementation for the argument types it supports (or a reason
 * it does not). Implementations receive values in kqlhunt's representation (see values/types.ts) and return
 * one. Add a test with expected values from the docs or ../shared/conformance.
 */
import type { Row, ScalarType } from '../values/types.js';

/** A compiled expression: the value of the expression for a row. */
export type Evaluator = (row: Row) => unknown;

export interface ArgInfo {
  readonly type: ScalarType;
  /** Present when the argument is a literal (or folded to one): lets bind() precompute (regexes, sets). */
  readonly constant?: { readonly value: unknown };
}

/** What a query run fixes for every function: the time `now()` returns (Kusto's query_now). */
export interface BindContext {
  readonly now: bigint;
}

export type ScalarImpl =
  /** Called with evaluated arguments; with `strict`, a null argument yields null without calling. */
  | { readonly kind: 'eager'; readonly fn: (...args: never[]) => unknown; readonly strict?: boolean }
  /** Full control over argument evaluation (short-circuit, lazy branches). */
  | { readonly kind: 'compiled'; readonly compile: (args: readonly Evaluator[]) => Evaluator };

export interface ScalarFunction {
  readonly name: string;
  readonly aliases?: readonly string[];
  readonly description: string;
  /** False for now(), rand(), new_guid(): never constant-folded. */
  readonly deterministic?: boolean;
  /** True for rand(), new_guid(): a new value on every call, so a plan part read twice would differ. */
  readonly random?: boolean;
  /** An implementation for these argument types and result type, or why that overload is unsupported. */
  bind(args: readonly ArgInfo[], result: ScalarType, context: BindContext): ScalarImpl | string;
}

/** Declares a scalar function (identity helper for type inference in family files). */
export function scalar(def: ScalarFunction): ScalarFunction {
  return def;
}

/** Shorthand: a function whose implementation does not depend on argument types. */
export function eager(fn: (...args: never[]) => unknown, strict = false): ScalarImpl {
  return { kind: 'eager', fn, strict };
}

export class FunctionRegistry {
  private readonly byName = new Map<string, ScalarFunction>();

  constructor(families: readonly (readonly ScalarFunction[])[]) {
    for (const family of families) {
      for (const f of family) {
        for (const name of [f.name, ...(f.aliases ?? [])]) {
          if (this.byName.has(name)) throw new Error(`scalar function '${name}' is declared twice`);
          this.byName.set(name, f);
        }
      }
    }
  }

  get(name: string): ScalarFunction | undefined {
    return this.byName.get(name);
  }

  names(): string[] {
    return [...this.byName.keys()].sort();
  }
}
