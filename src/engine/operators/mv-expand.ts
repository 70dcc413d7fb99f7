/**
 * `mv-expand`: one row per element of the expanded arrays (property bags expand into one-entry bags, or
 * [key, value] pairs). Several columns expand in parallel, the shorter padded with null. A null value gives
 * one row holding null; an empty array or bag gives no row; any other scalar expands into itself.
 *
 * The Expander is shared with mv-apply, which expands each row into the subtable its subquery reads.
 */
import type { Evaluator } from '../functions/registry.js';
import type { Dynamic, DynamicBag } from '../values/dynamic.js';
import { DynDateTime, DynGuid, DynTimespan, isBag } from '../values/dynamic.js';
import type { Row, ScalarType } from '../values/types.js';
import type { RowSink } from './sink.js';

export interface CompiledExpansion {
  readonly outputIndex: number;
  readonly ev: Evaluator;
  readonly toType: ScalarType;
}

export interface ExpanderSpec {
  /** For each output column, the input column it copies, or -1. */
  readonly passthrough: readonly number[];
  readonly expansions: readonly CompiledExpansion[];
  readonly bagAsArray: boolean;
  readonly itemIndexOutput: number | undefined;
  readonly limit: number;
}

const NULL_ONLY: readonly Dynamic[] = [null];
const INT_MIN = -(2 ** 31);
const INT_MAX = 2 ** 31 - 1;

function singleEntryBag(key: string, value: Dynamic): DynamicBag {
  const bag: DynamicBag = {};
  // defineProperty: a key such as "__proto__" must be an ordinary entry.
  Object.defineProperty(bag, key, { value, enumerable: true, writable: true, configurable: true });
  return bag;
}

function elementsOf(v: Dynamic, bagAsArray: boolean): readonly Dynamic[] {
  if (Array.isArray(v)) return v;
  if (v === null || v === undefined) return NULL_ONLY;
  if (isBag(v)) {
    const out: Dynamic[] = [];
    for (const k of Object.keys(v)) {
      const value = v[k] ?? null;
      out.push(bagAsArray ? [k, value] : singleEntryBag(k, value));
    }
    return out;
  }
  return [v];
}

/**
 * `to typeof(T)`: an element that is a T becomes that T's value, any other becomes null (the documented
 * "elements that don't conform to this type are replaced by a null value"; no parsing or conversion).
 */
export function castElement(v: Dynamic, to: ScalarType): unknown {
  switch (to) {
    case 'dynamic':
      return v;
    case 'string':
      return typeof v === 'string' ? v : '';
    case 'long':
      if (typeof v === 'bigint') return v;
      return typeof v === 'number' && Number.isInteger(v) ? BigInt(v) : null;
    case 'int':
      if (typeof v === 'bigint') return v >= INT_MIN && v <= INT_MAX ? Number(v) : null;
      return typeof v === 'number' && Number.isInteger(v) && v >= INT_MIN && v <= INT_MAX ? v : null;
    case 'real':
    case 'decimal':
      if (typeof v === 'number') return v;
      return typeof v === 'bigint' ? Number(v) : null;
    case 'bool':
      return typeof v === 'boolean' ? v : null;
    case 'datetime':
      return v instanceof DynDateTime ? v.ticks : null;
    case 'timespan':
      return v instanceof DynTimespan ? v.ticks : null;
    case 'guid':
      return v instanceof DynGuid ? v.text : null;
  }
}

/** Expands one row into its element rows. Stateless: safe to share. */
export class Expander {
  constructor(private readonly spec: ExpanderSpec) {}

  expand(row: Row, out: RowSink): void {
    const { expansions, bagAsArray, limit } = this.spec;
    if (expansions.length === 1) {
      const e = expansions[0] as CompiledExpansion;
      const items = elementsOf(e.ev(row) as Dynamic, bagAsArray);
      const n = Math.min(items.length, limit);
      for (let i = 0; i < n; i++) {
        const next = this.base(row, i);
        next[e.outputIndex] = castElement(items[i] ?? null, e.toType);
        out.push(next);
      }
      return;
    }
    const lists = expansions.map((e) => elementsOf(e.ev(row) as Dynamic, bagAsArray));
    let n = 0;
    for (const l of lists) n = Math.max(n, l.length);
    n = Math.min(n, limit);
    for (let i = 0; i < n; i++) {
      const next = this.base(row, i);
      for (let j = 0; j < expansions.length; j++) {
        const e = expansions[j] as CompiledExpansion;
        next[e.outputIndex] = castElement((lists[j] as readonly Dynamic[])[i] ?? null, e.toType);
      }
      out.push(next);
    }
  }

  private base(row: Row, i: number): Row {
    const p = this.spec.passthrough;
    const next = new Array(p.length);
    for (let c = 0; c < p.length; c++) {
      const from = p[c] as number;
      if (from >= 0) next[c] = row[from];
    }
    const itemIndex = this.spec.itemIndexOutput;
    if (itemIndex !== undefined) next[itemIndex] = BigInt(i);
    return next;
  }
}

export class MvExpandOperator implements RowSink {
  constructor(
    private readonly expander: Expander,
    private readonly out: RowSink,
  ) {}

  push(row: Row): void {
    this.expander.expand(row, this.out);
  }

  end(): void {
    this.out.end();
  }
}
