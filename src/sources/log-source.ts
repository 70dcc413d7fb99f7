/**
 * The audit logs on disk, as the AuditLogs table: a set of files of detected formats. Every scan streams
 * every file; a file of unknown format is named and ignored (never half-read); bad records are skipped and
 * counted, damaged files are read up to the damage (see problems.ts); an event delivered twice (the same Id
 * in overlapping exports) is read once and counted (see id-set.ts).
 */
import type { ScanRequest, TableProvider } from '../engine/execute.js';
import type { RowSink } from '../engine/operators/sink.js';
import type { Row } from '../engine/values/types.js';
import { AUDIT_LOGS } from '../tables/auditlogs.js';
import { columnIndex } from '../tables/table-schema.js';
import { expandPaths } from './files.js';
import type { FileFormat, RecordSink } from './format.js';
import { detectFormat } from './formats/index.js';
import { IdSet } from './id-set.js';
import type { InputProblem } from './problems.js';
import { ProblemLog } from './problems.js';
import { ANY_TABLE_FORMATS } from './record-table.js';
import { asDamage, readHead } from './text-stream.js';

export interface LogFile {
  readonly path: string;
  readonly format: FileFormat;
}

/** A file found under the paths that holds nothing to read: empty, unreadable or of unknown format. */
export interface UnreadFile {
  readonly path: string;
  readonly reason: string;
}

export interface ScanStats {
  /** Scans made (a query reading AuditLogs twice in one pass counts once). */
  scans: number;
  /** Records in one full scan of the data (duplicates counted once). */
  rows: number;
  /** Records dropped in one full scan because an earlier record had the same Id. */
  duplicates: number;
}

export interface LogSourceOptions {
  readonly strict?: boolean;
  /** Called once per table a query reads that has no data. */
  readonly onEmptyTable?: (table: string) => void;
}

const ID_COLUMN = columnIndex(AUDIT_LOGS, 'Id');

/** Reads one file into `sink`; damage that ends the file early is reported through the sink. */
export async function readLogFile(f: LogFile, request: ScanRequest, sink: RecordSink): Promise<void> {
  try {
    await f.format.read(f.path, request, sink);
  } catch (e) {
    const damage = asDamage(e, f.path);
    if (!damage) throw e;
    sink.damaged({ file: f.path, reason: damage.message });
  }
}

/** The request with the Id column read too (duplicates are found by Id). */
export function withIdColumn(request: ScanRequest): ScanRequest {
  const id = request.schema.findIndex((c) => c.name === 'Id');
  if (id < 0 || request.columns[id]) return request;
  const columns = request.columns.slice();
  columns[id] = true;
  return { ...request, columns };
}

/**
 * Under --strict every field of every record is checked, whatever the query reads: the scan converts every
 * column and skips nothing early (the prefilter and path selections are optimisations a source may ignore).
 */
export function strictRequest(request: ScanRequest): ScanRequest {
  const { prefilter: _prefilter, paths: _paths, ...rest } = request;
  return { ...rest, columns: request.schema.map(() => true) };
}

/**
 * A sink that drops rows whose Id was seen before (empty Ids are never duplicates: there is nothing to
 * compare), counting them.
 */
export class DuplicateFilter {
  readonly ids = new IdSet();
  duplicates = 0;
  /** `idColumn` -1: the table has no Id, every row is new. */
  constructor(private readonly idColumn = ID_COLUMN) {}
  /** True when the row is new. */
  admit(row: Row): boolean {
    return this.idColumn < 0 || this.admitId(row[this.idColumn]);
  }

  /** True when the Id is new (or absent); records a duplicate otherwise. */
  admitId(id: unknown): boolean {
    if (typeof id !== 'string' || id === '') return true;
    if (this.ids.add(id)) return true;
    this.duplicates++;
    return false;
  }
}

function problemSink(
  problems: ProblemLog,
  row: (row: Row) => void,
  filtered?: (id: string | undefined) => void,
): RecordSink {
  return {
    row,
    skip: (p: InputProblem) => problems.skip(p),
    damaged: (p: InputProblem) => problems.damaged(p),
    warn: (p: InputProblem) => problems.warn(p),
    strict: problems.strict,
    ...(filtered ? { filtered } : {}),
  };
}

/**
 * A JSON container with no records in it: `[]`, or a Graph page (`{"@odata.context": ..., "value": []}`) or
 * diagnostic blob (`{"records": []}`) of a period with no events. Such a file is empty, not of unknown format.
 */
export function isEmptyContainer(head: string): boolean {
  let doc: unknown;
  try {
    doc = JSON.parse(head);
  } catch {
    return false; // not JSON, or longer than the head: not an empty container
  }
  if (Array.isArray(doc)) return doc.length === 0;
  if (typeof doc !== 'object' || doc === null) return false;
  const keys = Object.keys(doc).filter((k) => !k.startsWith('@odata.'));
  if (keys.length !== 1) return false;
  const items = (doc as Record<string, unknown>)[keys[0] as string];
  return (keys[0] === 'value' || keys[0] === 'records') && Array.isArray(items) && items.length === 0;
}

export class LogSource implements TableProvider {
  readonly stats: ScanStats = { scans: 0, rows: 0, duplicates: 0 };
  private readonly duplicatesByTable = new Map<string, number>();
  /** The tables each Log Analytics file holds, once a scan has read all of it without a problem. */
  private readonly tablesIn = new Map<string, Set<string>>();

  private constructor(
    readonly files: readonly LogFile[],
    /** Files found but not read (empty, unreadable, unknown format), for inspection. */
    readonly unread: readonly UnreadFile[],
    readonly problems: ProblemLog,
    private readonly options: LogSourceOptions,
  ) {}

  /** Finds the files under `paths` and detects their formats. */
  static async open(paths: readonly string[], options: LogSourceOptions = {}): Promise<LogSource> {
    const problems = new ProblemLog(options.strict ?? false);
    const files: LogFile[] = [];
    const unread: UnreadFile[] = [];
    for (const path of await expandPaths(paths)) {
      let head: string;
      try {
        head = await readHead(path);
      } catch (e) {
        const reason = `cannot be read (${(e as Error).message})`;
        unread.push({ path, reason });
        problems.ignoreFile({ file: path, reason });
        continue;
      }
      if (head.trim() === '' || isEmptyContainer(head)) {
        unread.push({ path, reason: 'empty' }); // an empty file holds no records: nothing to report
        continue;
      }
      const format = detectFormat(head, path);
      if (!format) {
        const reason = 'not a recognised audit-log format';
        unread.push({ path, reason: `${reason}; ignored` });
        problems.ignoreFile({ file: path, reason });
        continue;
      }
      files.push({ path, format });
    }
    return new LogSource(files, unread, problems, options);
  }

  async scan(request: ScanRequest, sink: RowSink): Promise<void> {
    // AuditLogs comes from every format; other tables only from Log Analytics rows that name them (Type).
    const files =
      request.table === AUDIT_LOGS.name
        ? this.files
        : this.files.filter((f) => ANY_TABLE_FORMATS.has(f.format.name));
    if (files.length === 0) {
      this.options.onEmptyTable?.(request.table);
      sink.end();
      return;
    }
    // Every scan reports what it meets; the log counts each problem once.
    const problems = this.problems;
    const unique = new DuplicateFilter(request.schema.findIndex((c) => c.name === 'Id'));
    let rows = 0;
    // Records seen, and those of them of other tables: the table has data when the first outnumber the second.
    let seen = 0;
    let others = 0;
    // The tables the file being read holds, and whether a problem left some record's table unknown.
    let fileTables = new Set<string>();
    let fileTrouble = false;
    const reporting = problemSink(
      problems,
      (row) => {
        seen++;
        if (!unique.admit(row)) return;
        rows++;
        sink.push(row);
      },
      // Records the reader dropped early (no consumer would keep them) were read all the same.
      (id) => {
        seen++;
        if (unique.admitId(id)) rows++;
      },
    );
    const records: RecordSink = {
      ...reporting,
      skip(p) {
        fileTrouble = true;
        reporting.skip(p);
      },
      damaged(p) {
        fileTrouble = true;
        reporting.damaged(p);
      },
      otherTable(table) {
        others++;
        fileTables.add(table);
      },
    };
    const read = problems.strict ? strictRequest(request) : withIdColumn(request);
    for (const f of files) {
      // A file read whole before holds no row of this table: a scan of, say, SigninLogs over audit exports
      // does not read them all again.
      if (this.tablesIn.get(f.path)?.has(request.table) === false) continue;
      fileTables = new Set();
      fileTrouble = false;
      const before = seen - others;
      await readLogFile(f, read, records);
      if (seen - others > before) fileTables.add(request.table);
      if (!fileTrouble && ANY_TABLE_FORMATS.has(f.format.name)) this.tablesIn.set(f.path, fileTables);
    }
    if (seen === others && request.table !== AUDIT_LOGS.name) this.options.onEmptyTable?.(request.table);
    this.recordScan(request.table, rows, unique.duplicates);
    sink.end();
  }

  /**
   * A scan's counts into the stats. Every scan reads the same files, so records read are the largest count of
   * any scan; duplicates are per table (a scan of AuditLogs and one of SigninLogs drop different records).
   */
  recordScan(table: string, records: number, duplicates: number): void {
    this.stats.scans++;
    this.stats.rows = Math.max(this.stats.rows, records);
    this.duplicatesByTable.set(table, Math.max(this.duplicatesByTable.get(table) ?? 0, duplicates));
    this.stats.duplicates = [...this.duplicatesByTable.values()].reduce((a, b) => a + b, 0);
  }

  /** The earliest and latest TimeGenerated of the data (one pass reading only that column). */
  async timeRange(): Promise<{ min: bigint; max: bigint } | undefined> {
    const at = columnIndex(AUDIT_LOGS, 'TimeGenerated');
    let min: bigint | undefined;
    let max: bigint | undefined;
    const request: ScanRequest = {
      table: AUDIT_LOGS.name,
      schema: AUDIT_LOGS.columns,
      columns: AUDIT_LOGS.columns.map((_, i) => i === at),
    };
    // Problems are reported by the query's own scan; this pass must not count them twice. Duplicates do not
    // move a minimum or a maximum.
    const records = problemSink(new ProblemLog(false), (row) => {
      const t = row[at] as bigint | null;
      if (t === null) return;
      if (min === undefined || t < min) min = t;
      if (max === undefined || t > max) max = t;
    });
    for (const f of this.files) await readLogFile(f, request, records);
    return min === undefined || max === undefined ? undefined : { min, max };
  }
}
