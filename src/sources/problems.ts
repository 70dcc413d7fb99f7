/**
 * Problems found while reading input: a record that cannot be used is skipped and reported with its file,
 * line (or record index) and field — never dropped silently. With `strict`, the first problem is fatal.
 */
import { IdSet } from './id-set.js';

export interface InputProblem {
  readonly file: string;
  /** 1-based line number, when the format is line-oriented. */
  readonly line?: number;
  /** 0-based index of the record within the file, when lines do not apply. */
  readonly record?: number;
  readonly field?: string;
  readonly reason: string;
}

export function describeProblem(p: InputProblem): string {
  let where = p.line !== undefined ? `:${p.line}` : '';
  // In a file of few lines (a one-line page), the record's index is what locates it.
  if (p.record !== undefined) where += ` (record ${p.record})`;
  const field = p.field ? ` field ${p.field}:` : '';
  return `${p.file}${where}:${field} ${p.reason}`;
}

export class InputError extends Error {
  constructor(readonly problem: InputProblem) {
    super(describeProblem(problem));
    this.name = 'InputError';
  }
}

/** Problems remembered as text before fingerprints take over (see ProblemLog's seenFew). */
const FEW_PROBLEMS = 4096;

/** Collects problems; keeps the first few in full and counts the rest. */
export class ProblemLog {
  readonly kept: InputProblem[] = [];
  skippedRecords = 0;
  ignoredFiles = 0;
  /** Files read only up to damage (a truncated gzip, a file ending inside its brackets). */
  damagedFiles = 0;
  /** Notes that lose no record; not counted in `total`. */
  warnings = 0;
  constructor(
    readonly strict: boolean,
    private readonly keep = 50,
  ) {}

  /**
   * Problems already counted: a record is read by every scan of its file — one per table a query reads, a
   * subquery's, a join's second read — and each may meet its problem, which is counted once. Kept as text
   * while they are few (most logs have none or a handful), then as 12-byte fingerprints: a damaged file may
   * have millions of bad lines, and an IdSet's own tables take about a megabyte however few it holds.
   */
  private seenFew: Set<string> | undefined;
  private seenMany: IdSet | undefined;

  /** A record was skipped. Throws InputError in strict mode. */
  skip(p: InputProblem): void {
    if (this.strict) throw new InputError(p);
    if (!this.firstTime(p)) return;
    this.skippedRecords++;
    if (this.kept.length < this.keep) this.kept.push(p);
  }

  private firstTime(p: InputProblem): boolean {
    const key = `${p.file}\0${p.line ?? ''}\0${p.record ?? ''}\0${p.field ?? ''}\0${p.reason}`;
    if (this.seenMany) return this.seenMany.add(key);
    this.seenFew ??= new Set();
    if (this.seenFew.has(key)) return false;
    this.seenFew.add(key);
    if (this.seenFew.size > FEW_PROBLEMS) {
      this.seenMany = new IdSet();
      for (const k of this.seenFew) this.seenMany.add(k);
      this.seenFew = undefined;
    }
    return true;
  }

  /** A whole file was ignored (unknown format, unreadable). Throws InputError in strict mode. */
  ignoreFile(p: InputProblem): void {
    if (this.strict) throw new InputError(p);
    this.ignoredFiles++;
    if (this.kept.length < this.keep) this.kept.push({ ...p, reason: `${p.reason}; ignored` });
  }

  /** A file is damaged: the records before the damage were read, the rest is lost. Fatal in strict mode. */
  damaged(p: InputProblem): void {
    if (this.strict) throw new InputError(p);
    if (!this.firstTime(p)) return;
    this.damagedFiles++;
    if (this.kept.length < this.keep) this.kept.push(p);
  }

  /** A note about a file that loses no record (never fatal). */
  warn(p: InputProblem): void {
    if (!this.firstTime(p)) return;
    this.warnings++;
    if (this.kept.length < this.keep) this.kept.push({ ...p, reason: `warning: ${p.reason}` });
  }

  get total(): number {
    return this.skippedRecords + this.ignoredFiles + this.damagedFiles + this.warnings;
  }
}
