/**
 * What the files under some paths hold, file by file: the detected format, the records read, duplicates
 * (records whose Id an earlier record had, in the same file or an earlier one), the time range, and the
 * problems. One pass reading only TimeGenerated and Id.
 */
import type { ScanRequest } from '../engine/execute.js';
import { AUDIT_LOGS } from '../tables/auditlogs.js';
import { columnIndex } from '../tables/table-schema.js';
import { DuplicateFilter, LogSource, readLogFile } from './log-source.js';
import type { InputProblem } from './problems.js';
import { ProblemLog } from './problems.js';

export interface FileReport {
  readonly path: string;
  /** The detected format's name; null when the file is not read. */
  readonly format: string | null;
  /** Why the file is not read (empty, unknown format, unreadable). */
  readonly unread: string | null;
  /** AuditLogs records read (duplicates not included). */
  readonly records: number;
  /** Records of other tables in the file, by table (see record-table.ts). */
  readonly otherTables: Readonly<Record<string, number>>;
  readonly duplicates: number;
  readonly skipped: number;
  readonly damaged: boolean;
  readonly firstTime: bigint | null;
  readonly lastTime: bigint | null;
  /** The file's first problems (skips, damage, warnings). */
  readonly problems: readonly InputProblem[];
}

export interface InspectResult {
  readonly files: readonly FileReport[];
  readonly records: number;
  readonly duplicates: number;
  readonly skipped: number;
}

const PROBLEMS_PER_FILE = 5;

export async function inspectLogs(paths: readonly string[], strict = false): Promise<InspectResult> {
  const source = await LogSource.open(paths, { strict });
  const time = columnIndex(AUDIT_LOGS, 'TimeGenerated');
  const id = columnIndex(AUDIT_LOGS, 'Id');
  const request: ScanRequest = {
    table: AUDIT_LOGS.name,
    schema: AUDIT_LOGS.columns,
    columns: AUDIT_LOGS.columns.map((_, i) => i === time || i === id),
  };
  const unique = new DuplicateFilter(id);
  const reports: FileReport[] = [];
  for (const f of source.files) {
    const problems = new ProblemLog(strict, PROBLEMS_PER_FILE);
    let records = 0;
    const otherTables: Record<string, number> = {};
    let first: bigint | null = null;
    let last: bigint | null = null;
    const before = unique.duplicates;
    await readLogFile(f, request, {
      row(row) {
        if (!unique.admit(row)) return;
        records++;
        const t = row[time] as bigint | null;
        if (t === null) return;
        if (first === null || t < first) first = t;
        if (last === null || t > last) last = t;
      },
      skip: (p) => problems.skip(p),
      damaged: (p) => problems.damaged(p),
      warn: (p) => problems.warn(p),
      otherTable(table) {
        otherTables[table] = (otherTables[table] ?? 0) + 1;
      },
    });
    reports.push({
      path: f.path,
      format: f.format.name,
      unread: null,
      records,
      otherTables,
      duplicates: unique.duplicates - before,
      skipped: problems.skippedRecords,
      damaged: problems.damagedFiles > 0,
      firstTime: first,
      lastTime: last,
      problems: problems.kept,
    });
  }
  for (const u of source.unread) {
    reports.push({
      path: u.path,
      format: null,
      unread: u.reason,
      records: 0,
      otherTables: {},
      duplicates: 0,
      skipped: 0,
      damaged: false,
      firstTime: null,
      lastTime: null,
      problems: [],
    });
  }
  reports.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const sum = (k: 'records' | 'duplicates' | 'skipped') => reports.reduce((n, r) => n + r[k], 0);
  return { files: reports, records: sum('records'), duplicates: sum('duplicates'), skipped: sum('skipped') };
}
