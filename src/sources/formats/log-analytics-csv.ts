/**
 * Log Analytics CSV exports (the portal's "Export to CSV", `Export-Csv` of query results): a header of
 * column names — datetime columns as `TimeGenerated [UTC]` — then one row per record, RFC 4180 quoted;
 * dates in the portal's locale form (`8/2/2021, 1:29:25.983 PM`) or ISO 8601; dynamic columns as JSON text.
 * Columns that are not AuditLogs columns (added by the query) are ignored; absent ones stay empty.
 */
import type { ScanRequest } from '../../engine/execute.js';
import type { Row } from '../../engine/values/types.js';
import { nullOf } from '../../engine/values/types.js';
import { AUDIT_LOGS } from '../../tables/auditlogs.js';
import { CsvScanner, headerDelimiter } from '../csv-scanner.js';
import { fieldConverter, INVALID } from '../field-values.js';
import type { FileFormat, RecordSink } from '../format.js';
import { passOverOtherTable } from '../record-table.js';
import type { DateOrder } from '../source-dates.js';
import { exportDateParser, inferDateOrder } from '../source-dates.js';
import { asDamage, readHead, readTextChunks } from '../text-stream.js';

const COLUMNS = new Map(AUDIT_LOGS.columns.map((c) => [c.name.toLowerCase(), c.name]));

/** A header cell: the column it names (case as the table spells it) and the unit in brackets, if any. */
function headerColumn(
  cell: string,
  columns: ReadonlyMap<string, string> = COLUMNS,
): { name: string; unit: string } | undefined {
  const m = /^\s*"?\s*(.*?)(?:\s*\[([^\]]*)\])?\s*"?\s*$/.exec(cell.replace(/^\ufeff/, ''));
  const name = columns.get((m?.[1] ?? '').toLowerCase());
  return name ? { name, unit: (m?.[2] ?? '').toLowerCase() } : undefined;
}

/** At least two AuditLogs column names in the header line (one could be a coincidence). */
function csvHeader(head: string): { delimiter: string; line: string } | undefined {
  const t = head.trimStart();
  if (t.startsWith('{') || t.startsWith('[')) return undefined;
  const nl = t.indexOf('\n');
  const line = (nl < 0 ? t : t.slice(0, nl)).replace(/\r$/, '');
  const delimiter = headerDelimiter(line, (f) => headerColumn(f) !== undefined);
  const known = line.split(delimiter).filter((f) => headerColumn(f) !== undefined).length;
  return known >= 2 ? { delimiter, line } : undefined;
}

interface CsvColumn {
  readonly index: number; // in the row
  readonly field: number; // in the CSV record
  readonly name: string;
  readonly convert: (text: string) => unknown;
}

function columnsFor(header: string[], request: ScanRequest, order: DateOrder): CsvColumn[] | string {
  const parseDate = exportDateParser(order);
  const fieldOf = new Map<string, { field: number; unit: string }>();
  const names = new Map(request.schema.map((c) => [c.name.toLowerCase(), c.name]));
  header.forEach((cell, field) => {
    const h = headerColumn(cell, names);
    if (h && !fieldOf.has(h.name)) fieldOf.set(h.name, { field, unit: h.unit });
  });
  const out: CsvColumn[] = [];
  for (const [index, c] of request.schema.entries()) {
    const f = fieldOf.get(c.name);
    if (!request.columns[index] || !f) continue;
    if (c.type === 'datetime') {
      if (f.unit !== '' && f.unit !== 'utc')
        return `'${c.name} [${f.unit}]': dates in the exporting browser's local time, whose UTC offset is unknown (export with UTC times); the file is not read`;
      out.push({ index, field: f.field, name: c.name, convert: (t) => parseDate(t.trim()) ?? INVALID });
    } else {
      const convert = fieldConverter(c.type);
      out.push({ index, field: f.field, name: c.name, convert: (t) => convert(t) });
    }
  }
  return out;
}

export const logAnalyticsCsv: FileFormat = {
  name: 'log-analytics-csv',
  description: 'Log Analytics CSV exports (portal, Export-Csv; locale dates)',
  detect(head) {
    return csvHeader(head) !== undefined;
  },
  async read(file, request, sink: RecordSink) {
    const head = await readHead(file);
    const header = csvHeader(head);
    if (!header) return;
    const order = inferDateOrder(head);
    if (order.ambiguous)
      sink.warn({
        file,
        reason: 'dates such as 07/06/2026 could be day/month or month/day: read as month/day',
      });
    const template: Row = request.schema.map((c) => nullOf(c.type));
    let columns: CsvColumn[] | undefined;
    let width = 0;
    let typeField = -1;
    let unusable = false;
    const scanner = new CsvScanner(
      {
        record(fields, line) {
          if (unusable) return;
          if (!columns) {
            const c = columnsFor(fields, request, order.order);
            if (typeof c === 'string') {
              unusable = true;
              sink.damaged({ file, line, reason: c });
              return;
            }
            if (!fields.some((f) => headerColumn(f)?.name === 'TimeGenerated'))
              sink.warn({
                file,
                line,
                reason: 'no TimeGenerated column: its rows have no time (hunts by time see none of them)',
              });
            columns = c;
            width = fields.length;
            typeField = fields.findIndex((f) => headerColumn(f)?.name === 'Type');
            return;
          }
          const type = typeField >= 0 ? fields[typeField]?.trim() : undefined;
          if (passOverOtherTable(request.table, type, sink)) return;
          if (fields.length !== width) {
            sink.skip({ file, line, reason: `${fields.length} fields where the header has ${width}` });
            return;
          }
          const row = template.slice();
          for (const c of columns) {
            const raw = fields[c.field] as string;
            const v = c.convert(raw);
            if (v === INVALID) {
              sink.skip({
                file,
                line,
                field: c.name,
                reason: `not a valid value: ${JSON.stringify(raw.slice(0, 80))}`,
              });
              return;
            }
            row[c.index] = v;
          }
          sink.row(row);
        },
        damaged: (reason, line) => sink.damaged({ file, line, reason }),
      },
      header.delimiter,
    );
    const decoder = new TextDecoder('utf-8');
    try {
      for await (const chunk of readTextChunks(file)) {
        scanner.push(decoder.decode(chunk, { stream: true }));
        if (unusable) return;
      }
    } catch (e) {
      if (asDamage(e, file)) scanner.end();
      throw e;
    }
    scanner.push(decoder.decode());
    scanner.end();
  },
};
