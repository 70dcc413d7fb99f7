/**
 * The audit logs on disk, as the AuditLogs table: a set of files of detected formats. Every scan streams
 * every file; a file of unknown format is named and ignored (never half-read); bad records are skipped and
 * counted (see problems.ts).
 */
import type { ScanRequest, TableProvider } from '../engine/execute.js';
import type { RowSink } from '../engine/operators/sink.js';
import type { Row } from '../engine/values/types.js';
import { AUDIT_LOGS } from '../tables/auditlogs.js';
import { columnIndex } from '../tables/table-schema.js';
import { expandPaths } from './files.js';
import type { FileFormat, RecordSink } from './format.js';
import { detectFormat } from './formats/index.js';
import { ProblemLog } from './problems.js';
import { readHead } from './text-stream.js';

export interface LogFile {
  readonly path: string;
  readonly format: FileFormat;
}

export interface ScanStats {
  /** Scans made (a query reading AuditLogs twice in one pass counts once). */
  scans: number;
  /** Records in one full scan of the data. */
  rows: number;
}

export interface LogSourceOptions {
  readonly strict?: boolean;
  /** Called once per table a query reads that has no data. */
  readonly onEmptyTable?: (table: string) => void;
}

export class LogSource implements TableProvider {
  readonly stats: ScanStats = { scans: 0, rows: 0 };

  private constructor(
    readonly files: readonly LogFile[],
    readonly problems: ProblemLog,
    private readonly options: LogSourceOptions,
  ) {}

  /** Finds the files under `paths` and detects their formats. */
  static async open(paths: readonly string[], options: LogSourceOptions = {}): Promise<LogSource> {
    const problems = new ProblemLog(options.strict ?? false);
    const files: LogFile[] = [];
    for (const path of await expandPaths(paths)) {
      let head: string;
      try {
        head = await readHead(path);
      } catch (e) {
        problems.ignoreFile({ file: path, reason: `cannot be read (${(e as Error).message})` });
        continue;
      }
      if (head.trim() === '') continue; // an empty file holds no records
      const format = detectFormat(head, path);
      if (!format) {
        problems.ignoreFile({ file: path, reason: 'not a recognised audit-log format; ignored' });
        continue;
      }
      files.push({ path, format });
    }
    return new LogSource(files, problems, options);
  }

  async scan(request: ScanRequest, sink: RowSink): Promise<void> {
    if (request.table !== AUDIT_LOGS.name || this.files.length === 0) {
      this.options.onEmptyTable?.(request.table);
      sink.end();
      return;
    }
    // Bad records are reported once, by the first scan.
    const problems = this.stats.scans === 0 ? this.problems : new ProblemLog(this.problems.strict);
    let rows = 0;
    const records: RecordSink = {
      row(row: Row) {
        rows++;
        sink.push(row);
      },
      skip: (p) => problems.skip(p),
    };
    for (const f of this.files) await f.format.read(f.path, request, records);
    this.stats.scans++;
    this.stats.rows = Math.max(this.stats.rows, rows);
    sink.end();
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
    // Problems are reported by the query's own scan; this pass must not count them twice.
    const quiet = new ProblemLog(false);
    const records: RecordSink = {
      row(row: Row) {
        const t = row[at] as bigint | null;
        if (t === null) return;
        if (min === undefined || t < min) min = t;
        if (max === undefined || t > max) max = t;
      },
      skip: (p) => quiet.skip(p),
    };
    for (const f of this.files) await f.format.read(f.path, request, records);
    return min === undefined || max === undefined ? undefined : { min, max };
  }
}
