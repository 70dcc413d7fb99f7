/**
 * Audit records in JSON of any container (JSON lines, arrays, Graph pages, `{"records": [...]}` blobs,
 * back-to-back arrays, single objects, pretty-printed or on one line; see json-scanner.ts), one format per
 * record shape: Microsoft Graph, PowerShell SDK, diagnostic settings, and Log Analytics rows that are not
 * plain JSON lines (arrays, portal exports with `TimeGenerated [UTC]` keys). The shape is detected from the
 * file's first record; each record is then mapped by its own shape, so a file that mixes shapes loses
 * nothing.
 */
import type { ScanRequest } from '../../engine/execute.js';
import { formatDateTime } from '../../engine/values/datetime.js';
import type { Row } from '../../engine/values/types.js';
import { AUDIT_LOGS } from '../../tables/auditlogs.js';
import type { RecordShape } from '../audit-mapping.js';
import { auditRowMapper, auditView, recordShape } from '../audit-mapping.js';
import type { FileFormat, RecordSink } from '../format.js';
import { JsonRecordScanner } from '../json-scanner.js';
import { passOverOtherTable } from '../record-table.js';
import { exportDateParser, inferDateOrder } from '../source-dates.js';
import { asDamage, readHead, readTextChunks } from '../text-stream.js';
import { logAnalyticsRowMapper } from './log-analytics-rows.js';

/** A diagnostic-settings record's category: AuditLogs (any case), or absent in old exports. */
function isAuditCategory(category: unknown): boolean {
  return typeof category !== 'string' || category.toLowerCase() === 'auditlogs';
}

/** What the first bytes of a JSON file tell. */
export interface JsonSniff {
  readonly shape: RecordShape;
  /** One complete record per line (the Log Analytics JSON-lines reader takes those). */
  readonly lines: boolean;
  /** Log Analytics portal keys such as `TimeGenerated [UTC]`. */
  readonly bracketKeys: boolean;
}

/** Key patterns for a first record too long for the head. */
const SHAPE_BY_TEXT: readonly [RegExp, RecordShape][] = [
  [/"properties"\s*:/, 'diagnostic'],
  [/"(TimeGenerated|OperationName|AADOperationType)( \[[^\]]*\])?"\s*:/, 'log-analytics'],
  [/"activity(DateTime|DisplayName)"\s*:/, 'graph'],
  [/"Activity(DateTime|DisplayName)"\s*:/, 'powershell'],
];

function firstRecord(head: string): Record<string, unknown> | undefined {
  let text: string | undefined;
  const scanner = new JsonRecordScanner({
    record(t) {
      text ??= t;
    },
    skip() {},
    damaged() {},
  });
  scanner.push(Buffer.from(head, 'utf8'));
  if (text === undefined) return undefined;
  try {
    const o = JSON.parse(text) as unknown;
    return typeof o === 'object' && o !== null ? (o as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function isOneRecordLine(head: string): boolean {
  const nl = head.indexOf('\n');
  if (nl < 0) return false;
  const line = head.slice(0, nl).trim();
  if (!line.startsWith('{') || !line.endsWith('}')) return false;
  try {
    const o = JSON.parse(line) as Record<string, unknown>;
    return recordShape(o) !== undefined;
  } catch {
    return false;
  }
}

let lastHead: string | undefined;
let lastSniff: JsonSniff | undefined;

/** The shape of a JSON file's records, from its first bytes; undefined when it is not JSON audit records. */
export function sniffJson(head: string): JsonSniff | undefined {
  if (head === lastHead) return lastSniff;
  lastHead = head;
  lastSniff = undefined;
  const t = head.trimStart();
  const c = t.charAt(0);
  if (c !== '{' && c !== '[') return undefined;
  const first = firstRecord(t);
  let shape: RecordShape | undefined;
  let bracketKeys: boolean;
  if (first) {
    shape = recordShape(first);
    bracketKeys = Object.keys(first).some((k) => / \[[^\]]*\]$/.test(k));
  } else {
    shape = SHAPE_BY_TEXT.find(([re]) => re.test(t))?.[1];
    bracketKeys = /"TimeGenerated \[/.test(t);
  }
  if (!shape) return undefined;
  lastSniff = { shape, lines: isOneRecordLine(t), bracketKeys };
  return lastSniff;
}

const BRACKET_SUFFIX = /^(.*?) \[([^\]]*)\]$/;
const DATETIME_COLUMNS = new Set(AUDIT_LOGS.columns.filter((c) => c.type === 'datetime').map((c) => c.name));

/** Stops reading a file whose records cannot be used at all (reported as damage). */
class FileUnusable extends Error {}

/**
 * Log Analytics portal rows: keys `Column [UTC]` renamed to the column, their locale dates made ISO.
 * `Column [Local Time]` dates cannot be placed in UTC: such a file is refused.
 */
async function portalRowAdapter(
  file: string,
): Promise<(o: Record<string, unknown>) => Record<string, unknown>> {
  const order = inferDateOrder(await readHead(file));
  const parseDate = exportDateParser(order.order);
  return (o) => {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(o)) {
      const m = BRACKET_SUFFIX.exec(k);
      if (!m) {
        out[k] = o[k];
        continue;
      }
      const name = m[1] as string;
      const unit = (m[2] as string).toLowerCase();
      let v = o[k];
      if (DATETIME_COLUMNS.has(name) && typeof v === 'string') {
        if (unit !== 'utc')
          throw new FileUnusable(
            `'${k}': dates in the exporting browser's local time, whose UTC offset is unknown (export with UTC times)`,
          );
        const ticks = parseDate(v);
        if (ticks !== undefined) v = ticks === null ? null : formatDateTime(ticks);
      }
      out[name] = v;
    }
    return out;
  };
}

async function readJsonRecords(file: string, request: ScanRequest, sink: RecordSink): Promise<void> {
  const mapLa = logAnalyticsRowMapper(request);
  const mapAudit = auditRowMapper(request);
  let adaptLa: ((o: Record<string, unknown>) => Record<string, unknown>) | undefined;
  if (sniffJson(await readHead(file))?.bracketKeys) adaptLa = await portalRowAdapter(file);

  let warnedDepth = false;
  let warnedCategory = false;
  const onRecord = (text: string, line: number, index: number) => {
    const at = { file, line, record: index };
    if (!warnedDepth && text.includes('"Microsoft.Graph.PowerShell.Models.')) {
      warnedDepth = true;
      sink.warn({
        ...at,
        reason:
          'objects written by ConvertTo-Json without -Depth: nested values (initiator, targets) are .NET type names, their data is not in the file (re-export with ConvertTo-Json -Depth 10)',
      });
    }
    let o: unknown;
    try {
      o = JSON.parse(text);
    } catch (e) {
      sink.skip({ ...at, reason: `invalid JSON (${(e as Error).message})` });
      return;
    }
    const rec = o as Record<string, unknown>;
    const shape = recordShape(rec);
    if (!shape) {
      const keys = Object.keys(rec).slice(0, 6).join(', ');
      sink.skip({ ...at, reason: `not an audit record (keys: ${keys || 'none'})` });
      return;
    }
    if (shape === 'log-analytics' && passOverOtherTable(request.table, rec.Type, sink)) return;
    if (shape === 'diagnostic' && !isAuditCategory(rec.category)) {
      if (!warnedCategory) {
        warnedCategory = true;
        sink.warn({
          ...at,
          reason: `holds ${String(rec.category)} records (diagnostic settings): not audit events, not read as AuditLogs`,
        });
      }
      sink.filtered?.(undefined);
      sink.otherTable?.(`${String(rec.category)} (diagnostic settings, not read)`);
      return;
    }
    let row: Row | { field: string; reason: string };
    if (shape === 'log-analytics') row = mapLa(adaptLa ? adaptLa(rec) : rec);
    else {
      const view = auditView(rec, shape);
      if (typeof view === 'string') {
        sink.skip({ ...at, reason: view });
        return;
      }
      row = mapAudit(view);
    }
    if (Array.isArray(row)) sink.row(row);
    else sink.skip({ ...at, field: row.field, reason: row.reason });
  };
  const scanner = new JsonRecordScanner({
    record: onRecord,
    skip: (reason, line, index) => sink.skip({ file, line, record: index, reason }),
    damaged: (reason, line) => sink.damaged({ file, line, reason }),
  });
  try {
    for await (const chunk of readTextChunks(file)) scanner.push(chunk);
  } catch (e) {
    if (e instanceof FileUnusable) {
      sink.damaged({ file, reason: `${e.message}; the file is not read` });
      return;
    }
    if (asDamage(e, file)) scanner.end(); // what was cut off is reported before the damage itself
    throw e;
  }
  scanner.end();
}

function jsonFormat(name: string, description: string, accepts: (s: JsonSniff) => boolean): FileFormat {
  return {
    name,
    description,
    detect(head) {
      const s = sniffJson(head);
      return s !== undefined && accepts(s);
    },
    read: readJsonRecords,
  };
}

export const graphJson = jsonFormat(
  'graph-json',
  'Microsoft Graph directoryAudits (pages, arrays, lines, single objects)',
  (s) => s.shape === 'graph',
);

export const powerShellJson = jsonFormat(
  'powershell-json',
  'Graph PowerShell SDK objects written by ConvertTo-Json (PascalCase)',
  (s) => s.shape === 'powershell',
);

export const diagnosticJson = jsonFormat(
  'diagnostic-json',
  'Diagnostic-settings records ({"records": [...]} blobs, Event Hub lines)',
  (s) => s.shape === 'diagnostic',
);

/** Log Analytics rows that the JSON-lines reader does not take: arrays, pretty-printed, portal exports. */
export const logAnalyticsJson = jsonFormat(
  'log-analytics-json',
  'Log Analytics rows in a JSON array, or a portal JSON export',
  (s) => s.shape === 'log-analytics' && (!s.lines || s.bracketKeys),
);
