/**
 * `mv-expand`: one row per element of the expanded arrays (property bags expand into one-entry bags, or
 * [key, value] pairs). Several columns expand in parallel, the shorter padded with null. A null value gives
 * one row holding null; an empty array or bag gives no row.
 */
import type { Evaluator } from '../functions/registry.js';
import { convert } from '../values/convert.js';
import type { Dynamic, DynamicBag } from '../values/dynamic.js';
import { isBag } from '../values/dynamic.js';
import type { Row, ScalarType } from '../values/types.js';
import type { RowSink } from './sink.js';

export interface CompiledExpansion {
  readonly outputIndex: number;
  readonly ev: Evaluator;
  readonly toType: ScalarType;
}

const NULL_ONLY: readonly Dynamic[] = [null];

function elementsOf(v: Dynamic, bagAsArray: boolean): readonly Dynamic[] {
  if (Array.isArray(v)) return v;
  if (v === null) return NULL_ONLY;
  if (isBag(v)) {
    const out: Dynamic[] = [];
    for (const k in v) {
      if (!Object.hasOwn(v, k)) continue;
      if (bagAsArray) out.push([k, v[k] ?? null]);
      else {
        const one: DynamicBag = {};
        Object.defineProperty(one, k, {
          value: v[k] ?? null,
          enumerable: true,
          writable: true,
          configurable: true,
        });
        out.push(one);
      }
    }
    return out;
  }
  // A scalar expands into itself.
  return [v];
}

export class MvExpandOperator implements RowSink {
  constructor(
    private readonly passthrough: readonly number[],
    private readonly expansions: readonly CompiledExpansion[],
    private readonly bagAsArray: boolean,
    private readonly itemIndexOutput: number | undefined,
    private readonly limit: number,
    private readonly out: RowSink,
  ) {}

  push(row: Row): void {
    const ex = this.expansions;
    if (ex.length === 1) {
      const e = ex[0] as CompiledExpansion;
      const items = elementsOf(e.ev(row) as Dynamic, this.bagAsArray);
      const n = Math.min(items.length, this.limit);
      for (let i = 0; i < n; i++) this.emit(row, i, e, items[i] ?? null);
      return;
    }
    const lists = ex.map((e) => elementsOf(e.ev(row) as Dynamic, this.bagAsArray));
    let n = 0;
    for (const l of lists) n = Math.max(n, l.length);
    n = Math.min(n, this.limit);
    for (let i = 0; i < n; i++) {
      const next = this.base(row, i);
      ex.forEach((e, j) => {
        next[e.outputIndex] = this.cast(e, (lists[j] as readonly Dynamic[])[i] ?? null);
      });
      this.out.push(next);
    }
  }

  private base(row: Row, i: number): Row {
    const p = this.passthrough;
    const next = new Array(p.length);
    for (let c = 0; c < p.length; c++) {
      const from = p[c] as number;
      if (from >= 0) next[c] = row[from];
    }
    if (this.itemIndexOutput !== undefined) next[this.itemIndexOutput] = BigInt(i);
    return next;
  }

  private cast(e: CompiledExpansion, v: Dynamic): unknown {
    return e.toType === 'dynamic' ? v : convert(v, 'dynamic', e.toType);
  }

  private emit(row: Row, i: number, e: CompiledExpansion, v: Dynamic): void {
    const next = this.base(row, i);
    next[e.outputIndex] = this.cast(e, v);
    this.out.push(next);
  }

  end(): void {
    this.out.end();
  }
}
