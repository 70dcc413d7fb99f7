/**
 * Hash join. The right side is the build side: it is collected whole, keyed by its join keys; left rows
 * then probe it. Left rows that arrive before the right side has ended wait in a buffer (both sides may come
 * from the same scan). A key with a null (non-string) part matches nothing.
 *
 * A right side too large to hold (Sentinel's `small | join (AuditLogs | mv-expand ...)`: KQL puts the small
 * side on the left) is given up while it is read: once the left side is complete it becomes the build side,
 * and the right side is read again (RightReplay), its rows probing the left as they stream. Memory then
 * follows the left side, not the input. The switch depends only on the number of right rows, so the result
 * does not depend on how the two sides' rows interleave.
 *
 * Kinds: innerunique keeps the first left row of each key, then joins like inner; the outer kinds fill the
 * missing side with nulls (empty strings for string columns); anti/semi kinds emit one side's rows.
 */
import type { JoinKind, JoinOutputColumn } from '../../kql/ir.js';
import type { Evaluator } from '../functions/registry.js';
import { memoryCheckpoint } from '../memory-checkpoint.js';
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

/** How a join reads its right side again when it is too large to hold (see the module comment). */
export interface RightReplay {
  /** Right rows held while the left side is unfinished before the right side is given up. */
  readonly limit: number;
  /**
   * Asks for the right side to be read again into `sink` once the current reads are over; `ready` says
   * when the left side is complete (a replay waits for it).
   */
  readonly request: (sink: RowSink, ready: () => boolean) => void;
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
  /** Right rows taken in: past the replay's limit, the right side is given up. */
  private heldRight = 0;
  /** Set once the right side was given up: the left side is then the build side. */
  private leftBuilt: Map<string, Bucket> | null = null;
  /** Left rows whose key had a null part (for the kinds that emit unmatched left rows). */
  private unkeyedLeft: Row[] = [];

  readonly left: RowSink = {
    push: (row) => {
      if (this.pendingLeft) this.pendingLeft.push(row);
      else this.probe(row);
    },
    end: () => {
      this.leftEnded = true;
      if (this.leftBuilt) this.buildLeft();
      else this.maybeFinish();
    },
  };

  /** The right side read again, once the left side is the build side. */
  readonly replayedRight: RowSink = {
    push: (row) => this.probeRight(row),
    end: () => this.finishLeftBuilt(),
  };

  readonly right: RowSink = {
    push: (row) => {
      if (this.leftBuilt) return; // given up: read again into `replayedRight`
      const replay = this.replay;
      if (replay && !this.rightKeys && ++this.heldRight > replay.limit) {
        this.giveUpRight(replay);
        return;
      }
      this.build(row);
    },
    end: () => {
      if (this.leftBuilt) return;
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
    private readonly replay?: RightReplay,
  ) {
    // leftanti/leftsemi keep only the right side's distinct keys: never too large to hold.
    if (spec.kind === 'leftanti' || spec.kind === 'leftsemi') this.rightKeys = new Set();
  }

  private giveUpRight(replay: RightReplay): void {
    this.leftBuilt = new Map();
    this.table.clear();
    this.unkeyedRight.length = 0;
    replay.request(this.replayedRight, () => this.leftEnded);
    if (this.leftEnded) this.buildLeft();
  }

  /** The complete left side (held in pendingLeft) as the build side. */
  private buildLeft(): void {
    const table = this.leftBuilt as Map<string, Bucket>;
    const unique = this.spec.kind === 'innerunique';
    for (const row of this.pendingLeft ?? []) {
      const k = this.spec.leftKey(row);
      if (k === null) {
        if (!unique) this.unkeyedLeft.push(row);
        continue;
      }
      const b = table.get(k);
      if (!b) table.set(k, { rows: [row], matched: false });
      else if (!unique) b.rows.push(row); // innerunique keeps the first left row of each key
    }
    this.pendingLeft = null;
  }

  /** A right row of the replay against the left build side. */
  private probeRight(row: Row): void {
    const kind = this.spec.kind;
    const k = this.spec.rightKey(row);
    const b = k === null ? undefined : this.leftBuilt?.get(k);
    if (b) b.matched = true;
    switch (kind) {
      case 'inner':
      case 'innerunique':
      case 'leftouter':
        if (b) for (const l of b.rows) this.emit(l, row);
        return;
      case 'fullouter':
      case 'rightouter':
        if (b) for (const l of b.rows) this.emit(l, row);
        else this.emit(null, row);
        return;
      case 'rightanti':
        if (!b) this.emit(null, row);
        return;
      case 'rightsemi':
        if (b) this.emit(null, row);
        return;
      case 'leftanti':
      case 'leftsemi':
        throw new Error('internal: leftanti/leftsemi joins keep only keys and never replay');
    }
  }

  private finishLeftBuilt(): void {
    const kind = this.spec.kind;
    if (kind === 'leftouter' || kind === 'fullouter') {
      for (const b of (this.leftBuilt as Map<string, Bucket>).values())
        if (!b.matched) for (const l of b.rows) this.emit(l, null);
      for (const l of this.unkeyedLeft) this.emit(l, null);
    }
    this.leftBuilt?.clear();
    this.unkeyedLeft = [];
    this.out.end();
  }

  private build(row: Row): void {
    memoryCheckpoint();
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
