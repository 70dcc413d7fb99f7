/**
 * The Log Analytics query API's answer, as scripts save it (`Invoke-RestMethod .../query` > file, the REST
 * API's JSON): `{"tables": [{"name": "PrimaryResult", "columns": [{"name", "type"}, ...], "rows": [[...],
 * ...]}]}`. Each row is a list of values in the order of its table's columns; dynamic columns are JSON text,
 * datetimes ISO 8601. Read streaming (json-path-scanner.ts): one row at a time, whatever the file's size.
 */
import type { Row } from '../../engine/values/types.js';
import { AUDIT_LOGS } from '../../tables/auditlogs.js';
import type { FileFormat, RecordSink } from '../format.js';
import { JsonPathScanner } from '../json-path-scanner.js';
import { passOverOtherTable } from '../record-table.js';
import { readTextChunks } from '../text-stream.js';
import { logAnalyticsRowMapper } from './log-analytics-rows.js';

const COLUMNS_PATH = ['tables', '*', 'columns'];
const ROWS_PATH = ['tables', '*', 'rows', '*'];
/** A response with some results missing: `"error": {"code": "PartialError", ...}` next to its tables. */
const ERROR_PATH = ['error'];
const AUDIT_COLUMNS = new Set(AUDIT_LOGS.columns.map((c) => c.name));

/** The column names of a table's `columns` list, or why it cannot be used. */
function columnNames(text: string): string[] | string {
  let list: unknown;
  try {
    list = JSON.parse(text);
  } catch (e) {
    return `its column list is not valid JSON (${(e as Error).message})`;
  }
  if (!Array.isArray(list)) return 'its "columns" is not a list';
  const names = list.map((c) => (typeof c === 'object' && c !== null ? (c as { name?: unknown }).name : c));
  if (!names.every((n) => typeof n === 'string')) return 'a column of its "columns" has no name';
  return names as string[];
}

/** What the response's "error" says (code, message and its details' messages), or undefined for none. */
function partialError(text: string): string | undefined {
  let error: unknown;
  try {
    error = JSON.parse(text);
  } catch {
    return 'an "error" that is not valid JSON';
  }
  if (error === null || typeof error !== 'object') return undefined;
  const { code, message, details } = error as { code?: unknown; message?: unknown; details?: unknown };
  const detailMessages = Array.isArray(details)
    ? details.map((d) => (d as { message?: unknown } | null)?.message).filter((m) => typeof m === 'string')
    : [];
  return [code, message, ...detailMessages].filter((s) => typeof s === 'string' && s !== '').join(': ');
}

/**
 * Whether the head holds a table's column list at the document's top (`{"tables": [{"columns": [...]`):
 * "tables" keys deeper in another format's records (a Graph page, a diagnostic blob) do not count.
 */
function hasTableColumns(head: string): boolean {
  let found = false;
  const scanner = new JsonPathScanner([COLUMNS_PATH], {
    value(_path, text) {
      if (text.startsWith('[')) found = true;
    },
    damaged() {},
  });
  scanner.push(Buffer.from(head, 'utf8'));
  return found;
}

const NO_COLUMNS_YET = 'rows come before their table\'s "columns"';

export const logAnalyticsApiJson: FileFormat = {
  name: 'log-analytics-api-json',
  description: 'Log Analytics query API responses ({"tables": [{"columns", "rows"}]})',
  detect(head) {
    return /^\s*\{/.test(head) && hasTableColumns(head);
  },
  async read(file, request, sink: RecordSink) {
    const map = logAnalyticsRowMapper(request);
    /** The column names of table `table`, or why its rows cannot be read (each is then skipped, counted). */
    let columns: string[] | string = NO_COLUMNS_YET;
    let table = 0;
    /** A row's index restarts with each table: past the first, the table is named too. */
    const inTable = (reason: string) => (table > 1 ? `table ${table}: ${reason}` : reason);
    const scanner = new JsonPathScanner([COLUMNS_PATH, ROWS_PATH, ERROR_PATH], {
      value(path, text, line, index, holders) {
        if (path === 2) {
          const error = partialError(text);
          if (error !== undefined)
            sink.damaged({ file, line, reason: `the response says rows are missing (${error})` });
          return;
        }
        // A table's rows are never read by another table's columns.
        const ofTable = (holders[0] ?? 0) + 1;
        if (ofTable !== table) {
          table = ofTable;
          columns = NO_COLUMNS_YET;
        }
        if (path === 0) {
          const names = columnNames(text);
          columns =
            typeof names === 'string' || names.some((n) => AUDIT_COLUMNS.has(n))
              ? names
              : 'the table has no AuditLogs column';
          return;
        }
        if (typeof columns === 'string') {
          sink.skip({ file, line, record: index, reason: `table ${table}: ${columns}` });
          return;
        }
        let values: unknown;
        try {
          values = JSON.parse(text);
        } catch (e) {
          sink.skip({ file, line, record: index, reason: inTable(`invalid JSON (${(e as Error).message})`) });
          return;
        }
        const names = columns;
        if (!Array.isArray(values) || values.length !== names.length) {
          sink.skip({
            file,
            line,
            record: index,
            reason: inTable(
              Array.isArray(values)
                ? `${values.length} values for ${names.length} columns`
                : 'a row that is not a list of values',
            ),
          });
          return;
        }
        const list = values;
        const record: Record<string, unknown> = {};
        names.forEach((name, i) => {
          record[name] = list[i];
        });
        if (passOverOtherTable(request.table, record.Type, sink)) return;
        const row = map(record);
        if (Array.isArray(row)) sink.row(row as Row);
        else sink.skip({ file, line, record: index, field: row.field, reason: inTable(row.reason) });
      },
      damaged: (reason, line) => sink.damaged({ file, line, reason }),
    });
    for await (const chunk of readTextChunks(file)) scanner.push(chunk);
    scanner.end();
  },
};
