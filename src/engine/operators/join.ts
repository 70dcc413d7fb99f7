/**
 * Hash join. The right side is the build side: it is collected whole, keyed by its join keys; left rows
 * then probe it. Left rows that arrive before the right side has ended wait in a buffer (both sides may come
 * from the same scan). A key with a null (non-string) part matches nothing.
 *
 * Kinds: innerunique keeps the first left row of each key, then joins like inner; the outer kinds fill the
 * missing side with nulls (empty strings for string columns); anti/semi kinds emit one side's rows.
 */
import type { JoinKind, JoinOutputColumn } from '../../kql/ir.js';
import type { Evaluator } from '../functions/registry.js';
import type { Row } from '../values/types.js';
import type { RowSink } from './sink.js';

export interface JoinSpec {
  readonly kind: JoinKind;
  /** Computes a row's join key, or null when a key part is null (no match possible). */
  readonly leftKey: (row: Row) => string | null;
  readonly rightKey: (row: Row) => string | null;
  readonly output: readonly JoinOutputColumn[];
  /** The empty value of each left / right column (null, or "" for strings). */
  readonly leftNulls: readonly unknown[];
  readonly rightNulls: readonly unknown[];
}

interface Bucket {
  readonly rows: Row[];
  matched: boolean;
}

export class JoinOperator {
  private readonly table = new Map<string, Bucket>();
  /** leftanti/leftsemi need only whether a key is on the right: the right rows are not kept. */
  private readonly rightKeys: Set<string> | undefined;
  /** Right rows whose key had a null part: they can only appear unmatched. */
  private readonly unkeyedRight: Row[] = [];
  private rightEnded = false;
  private leftEnded = false;
  private pendingLeft: Row[] | null = [];
  private readonly seenLeftKeys = new Set<string>();

  readonly left: RowSink = {
    push: (row) => {
      if (this.pendingLeft) this.pendingLeft.push(row);
      else this.probe(row);
    },
    end: () => {
      this.leftEnded = true;
      this.maybeFinish();
    },
  };

  readonly right: RowSink = {
    push: (row) => this.build(row),
    end: () => {
      this.rightEnded = true;
      const pending = this.pendingLeft ?? [];
      this.pendingLeft = null;
      for (const row of pending) this.probe(row);
      this.maybeFinish();
    },
  };

  constructor(
    private readonly spec: JoinSpec,
    private readonly out: RowSink,
  ) {
    if (spec.kind === 'leftanti' || spec.kind === 'leftsemi') this.rightKeys = new Set();
  }

  private build(row: Row): void {
    const k = this.spec.rightKey(row);
    if (this.rightKeys) {
      if (k !== null) this.rightKeys.add(k); // a right row with a null key part matches nothing
      return;
    }
    if (k === null) {
      this.unkeyedRight.push(row);
      return;
    }
    const b = this.table.get(k);
    if (b) b.rows.push(row);
    else this.table.set(k, { rows: [row], matched: false });
  }

  private emit(left: Row | null, right: Row | null): void {
    const spec = this.spec;
    const out = spec.output;
    const next = new Array(out.length);
    for (let i = 0; i < out.length; i++) {
      const c = out[i] as JoinOutputColumn;
      next[i] =
        c.side === 'left'
          ? left
            ? left[c.index]
            : spec.leftNulls[c.index]
          : right
            ? right[c.index]
            : spec.rightNulls[c.index];
    }
    this.out.push(next);
  }

  private probe(row: Row): void {
    const kind = this.spec.kind;
    const k = this.spec.leftKey(row);
    if (kind === 'innerunique') {
      if (k === null || this.seenLeftKeys.has(k)) return;
      this.seenLeftKeys.add(k);
    }
    const b = k === null ? undefined : this.table.get(k);
    switch (kind) {
      case 'inner':
      case 'innerunique':
        if (b) for (const r of b.rows) this.emit(row, r);
        return;
      case 'leftouter':
        if (b) for (const r of b.rows) this.emit(row, r);
        else this.emit(row, null);
        return;
      case 'fullouter':
      case 'rightouter':
        if (b) {
          b.matched = true;
          for (const r of b.rows) this.emit(row, r);
        } else if (kind === 'fullouter') this.emit(row, null);
        return;
      case 'leftanti':
        if (k === null || !this.rightKeys?.has(k)) this.emit(row, null);
        return;
      case 'leftsemi':
        if (k !== null && this.rightKeys?.has(k)) this.emit(row, null);
        return;
      case 'rightanti':
      case 'rightsemi':
        if (b) b.matched = true;
        return;
    }
  }

  private maybeFinish(): void {
    if (!this.leftEnded || !this.rightEnded) return;
    const kind = this.spec.kind;
    if (kind === 'rightouter' || kind === 'fullouter' || kind === 'rightanti') {
      for (const b of this.table.values()) if (!b.matched) for (const r of b.rows) this.emit(null, r);
      for (const r of this.unkeyedRight) this.emit(null, r);
    } else if (kind === 'rightsemi') {
      for (const b of this.table.values()) if (b.matched) for (const r of b.rows) this.emit(null, r);
    }
    this.table.clear();
    this.rightKeys?.clear();
    this.out.end();
  }
}

/** A join key function over several key evaluators; null when any part is a null non-string value. */
export function joinKeyFn(
  evs: readonly Evaluator[],
  keyFns: readonly ((v: unknown) => string)[],
): (row: Row) => string | null {
  if (evs.length === 1) {
    const e = evs[0] as Evaluator;
    const f = keyFns[0] as (v: unknown) => string;
    return (row) => {
      const v = e(row);
      return v === null ? null : f(v);
    };
  }
  return (row) => {
    let k = '';
    for (let i = 0; i < evs.length; i++) {
      const v = (evs[i] as Evaluator)(row);
      if (v === null) return null;
      k += `${(keyFns[i] as (v: unknown) => string)(v)}\u0001`;
    }
    return k;
  };
}
