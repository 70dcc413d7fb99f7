/**
 * The reader seam: a file format knows how to recognise its files from their first bytes and how to turn a
 * file into rows of a table. Formats are listed in formats/index.ts; detection tries them in order.
 */
import type { ScanRequest } from '../engine/execute.js';
import type { Row } from '../engine/values/types.js';
import type { InputProblem } from './problems.js';

export interface RecordSink {
  row(row: Row): void;
  /** A record that cannot be used: skipped and reported. */
  skip(problem: InputProblem): void;
  /** The file is damaged (truncated, corrupt): what follows the damage cannot be read. */
  damaged(problem: InputProblem): void;
  /** Worth knowing about a file, though no record is lost (e.g. ambiguous dates, a missing column). */
  warn(problem: InputProblem): void;
  /**
   * A record read but dropped by the scan's prefilter (see ScanRequest.prefilter): it counts as read, and its
   * Id, when the format knows it, counts for duplicates.
   */
  filtered?(id: string | undefined): void;
  /**
   * A record of another table (see record-table.ts): read, and counted as read through `filtered`, but not
   * a row of the scanned table. `table` names it (a diagnostic record's category, with how it was told).
   */
  otherTable?(table: string): void;
  /** Strict reading: every record is checked in full, none dropped unparsed (see fast/early-drop.ts). */
  readonly strict?: boolean;
}

export interface FileFormat {
  readonly name: string;
  readonly description: string;
  /** True when the file's first bytes (decompressed, BOM removed) look like this format. */
  detect(head: string, path: string): boolean;
  /** Streams the file's records as rows of the requested table. */
  read(file: string, request: ScanRequest, sink: RecordSink): Promise<void>;
}
