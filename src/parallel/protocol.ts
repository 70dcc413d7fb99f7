/** The messages between the main thread and the scan workers. */
import type { Plan } from '../kql/ir.js';
import type { InputProblem } from '../sources/problems.js';

/** A piece of a table's data: a byte range of a file, read with the file's format. */
export interface ScanPartition {
  readonly path: string;
  /** The FileFormat name (sources/formats). */
  readonly format: string;
  readonly from: number;
  /** Exclusive; Infinity for the end of the file. */
  readonly to: number;
}

export type ProblemSeverity = 'skip' | 'damaged' | 'warn';

/** What a worker is asked to do: run fragments over its share of each table, in order. */
export interface WorkerTask {
  readonly fragments: readonly { readonly root: Plan; readonly partial: boolean }[];
  /** For each table the fragments scan: this worker's partitions, in input order. */
  readonly partitions: Readonly<Record<string, readonly ScanPartition[]>>;
  readonly now: bigint;
  readonly strict: boolean;
  /** A partial aggregate sends its states on at this many groups (see BuildHooks.partialFlushAt). */
  readonly partialFlushAt: number;
}

export type WorkerMessage =
  /** A batch of output rows of fragment `fragment` (boxes encoded). */
  | { readonly kind: 'rows'; readonly fragment: number; readonly rows: unknown[][] }
  /** A skipped record, a damaged file, or a warning; `offset`: the line's byte offset when in a range. */
  | {
      readonly kind: 'problem';
      readonly severity: ProblemSeverity;
      readonly problem: InputProblem;
      readonly offset?: number;
    }
  /**
   * The worker's share is read. `records`: rows read (after duplicates within the share were dropped);
   * `ids`: the Id fingerprint tables of its AuditLogs rows, to find duplicates across shares.
   */
  | {
      readonly kind: 'done';
      readonly records: number;
      readonly duplicates: number;
      readonly ids?: Uint32Array[];
    }
  | {
      readonly kind: 'error';
      readonly message: string;
      readonly code?: string;
      readonly problem?: InputProblem;
    };
