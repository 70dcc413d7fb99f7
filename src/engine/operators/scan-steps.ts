/**
 * The `scan` operator's state machine (docs: scan-operator.md, "Scan logic"). The state holds, for each step
 * k, the records of steps 1..k of the sequence that has reached step k (or nothing). Each row is checked
 * against the steps from the last to the first:
 *   1. if step k-1 has a sequence and the row meets step k's condition (reading that sequence), the sequence
 *      moves up to step k with the row as its k-th record;
 *   2. otherwise, if step k has a sequence (or k is the first step) and the row meets the condition (reading
 *      step k's sequence), the row replaces the sequence's k-th record; on the first step with no sequence,
 *      a new sequence (match id) begins.
 * A matching row is output (extended by the step's assignments) unless the step says output=none. Memory
 * is the state: one record per step and sequence level, whatever the input.
 */
import type { Evaluator } from '../functions/registry.js';
import type { Row } from '../values/types.js';
import type { RowSink } from './sink.js';

export interface CompiledScanStep {
  readonly output: boolean;
  readonly condition: Evaluator;
  readonly assignments: readonly { readonly column: number; readonly ev: Evaluator }[];
}

interface Sequence {
  readonly records: Row[];
  readonly matchId: bigint;
}

export class ScanStepsOperator implements RowSink {
  private state: (Sequence | null)[];
  private nextMatchId = 0n;
  private readonly width: number;

  constructor(
    private readonly defaults: readonly unknown[],
    /** The record's value for each input column when a step's record is absent (typed null). */
    private readonly emptyRecord: readonly unknown[],
    private readonly steps: readonly CompiledScanStep[],
    private readonly withMatchId: boolean,
    private readonly out: RowSink,
  ) {
    this.width = emptyRecord.length;
    this.state = steps.map(() => null);
  }

  /** The row expressions read: the current record, then one record per step of `records` (or empty). */
  private context(record: Row, records: readonly Row[]): Row {
    const w = this.width;
    const ctx = new Array(w * (1 + this.steps.length));
    for (let i = 0; i < w; i++) ctx[i] = record[i];
    for (let s = 0; s < this.steps.length; s++) {
      const r = records[s] ?? this.emptyRecord;
      for (let i = 0; i < w; i++) ctx[(s + 1) * w + i] = r[i];
    }
    return ctx;
  }

  private extend(record: Row, step: CompiledScanStep, ctx: Row): Row {
    const ext = record.slice();
    for (const a of step.assignments) ext[a.column] = a.ev(ctx);
    return ext;
  }

  private emit(step: CompiledScanStep, ext: Row, matchId: bigint): void {
    if (!step.output) return;
    this.out.push(this.withMatchId ? [...ext, matchId] : ext);
  }

  push(row: Row): void {
    const record = row.concat(this.defaults);
    const state = this.state;
    for (let k = this.steps.length - 1; k >= 0; k--) {
      const step = this.steps[k] as CompiledScanStep;
      const previous = k > 0 ? state[k - 1] : null;
      if (previous) {
        const ctx = this.context(record, previous.records);
        if (step.condition(ctx) === true) {
          const ext = this.extend(record, step, ctx);
          state[k] = { records: [...previous.records, ext], matchId: previous.matchId };
          state[k - 1] = null;
          this.emit(step, ext, previous.matchId);
          continue;
        }
      }
      const own = state[k];
      if (k !== 0 && !own) continue;
      const ctx = this.context(record, own?.records ?? []);
      if (step.condition(ctx) !== true) continue;
      const ext = this.extend(record, step, ctx);
      if (own) {
        own.records[k] = ext;
        this.emit(step, ext, own.matchId);
      } else {
        const matchId = this.nextMatchId++;
        state[0] = { records: [ext], matchId };
        this.emit(step, ext, matchId);
      }
    }
  }

  end(): void {
    this.state = this.steps.map(() => null);
    this.nextMatchId = 0n;
    this.out.end();
  }
}
