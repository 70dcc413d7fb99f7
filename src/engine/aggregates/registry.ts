/**
 * Aggregation functions as small state machines (create / add / merge / result). `merge` is what lets
 * workers aggregate their share of the rows and the main thread combine the partial results.
 *
 * Recipe — adding an aggregate: declare it with `aggregate({...})` in its family file; `bind` receives the
 * argument types and their compiled evaluators and returns a factory of accumulators. An accumulator's
 * `state()` must be structured-clonable (it crosses worker boundaries) and `restore()` must rebuild it.
 */
import type { ArgInfo, BindContext, Evaluator } from '../functions/registry.js';
import type { Row, ScalarType } from '../values/types.js';

export interface Accumulator {
  add(row: Row): void;
  /** Folds another accumulator of the same aggregate (rows that came later in input order) into this one. */
  merge(other: Accumulator): void;
  result(): unknown;
  /** A structured-clonable snapshot, for moving partial aggregates between threads. */
  state(): unknown;
}

export interface AggregateImpl {
  create(): Accumulator;
  restore(state: unknown): Accumulator;
}

export interface AggregateFunction {
  readonly name: string;
  readonly aliases?: readonly string[];
  readonly description: string;
  bind(
    args: readonly ArgInfo[],
    evaluators: readonly Evaluator[],
    result: ScalarType,
    context: BindContext,
  ): AggregateImpl | string;
}

export function aggregate(def: AggregateFunction): AggregateFunction {
  return def;
}

export class AggregateRegistry {
  private readonly byName = new Map<string, AggregateFunction>();

  constructor(families: readonly (readonly AggregateFunction[])[]) {
    for (const family of families) {
      for (const f of family) {
        for (const name of [f.name, ...(f.aliases ?? [])]) {
          if (this.byName.has(name)) throw new Error(`aggregate '${name}' is declared twice`);
          this.byName.set(name, f);
        }
      }
    }
  }

  get(name: string): AggregateFunction | undefined {
    return this.byName.get(name);
  }

  names(): string[] {
    return [...this.byName.keys()].sort();
  }
}

/**
 * Builds an AggregateImpl from a class whose constructor takes the state (undefined for a fresh one), so
 * `create` and `restore` cannot drift apart.
 */
export function fromClass<S>(make: (state: S | undefined) => Accumulator): AggregateImpl {
  return { create: () => make(undefined), restore: (s) => make(s as S) };
}
