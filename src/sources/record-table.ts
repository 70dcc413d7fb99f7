/**
 * Which table a Log Analytics row belongs to. An evidence folder often holds sign-in logs beside audit logs,
 * in the same formats, and a row names its table in `Type`. But a query's export may have overwritten `Type`
 * with a column of its own (real exports carry `Type: "Application"` on AuditLogs rows), so `Type` moves a
 * row out of AuditLogs only when it names another table for certain: one kqlhunt declares, or another table
 * of Entra ID's diagnostic settings. Every other row, with or without `Type`, is an AuditLogs row.
 */
import { AUDIT_LOGS } from '../tables/auditlogs.js';
import { TABLES } from '../tables/index.js';
import type { RecordSink } from './format.js';

/** Entra ID's other diagnostic-settings tables, which kqlhunt does not declare (their rows are not audit events). */
const OTHER_ENTRA_TABLES = [
  'AADManagedIdentitySignInLogs',
  'AADProvisioningLogs',
  'ADFSSignInLogs',
  'AADRiskyUsers',
  'AADUserRiskEvents',
  'AADRiskyServicePrincipals',
  'AADServicePrincipalRiskEvents',
  'MicrosoftGraphActivityLogs',
];

const OTHER_TABLES: ReadonlySet<string> = new Set([
  ...TABLES.map((t) => t.name).filter((n) => n !== AUDIT_LOGS.name),
  ...OTHER_ENTRA_TABLES,
]);

/** The table a row whose `Type` is `type` belongs to. */
export function tableOfRow(type: unknown): string {
  return typeof type === 'string' && OTHER_TABLES.has(type) ? type : AUDIT_LOGS.name;
}

/**
 * For a reader scanning `table`: true when a row whose `Type` is `type` belongs to another table. The sink
 * then hears that the row was read (`filtered`) and whose it is (`otherTable`); the reader passes it over.
 */
export function passOverOtherTable(table: string, type: unknown, sink: RecordSink): boolean {
  const its = tableOfRow(type);
  if (its === table) return false;
  sink.filtered?.(undefined); // its Id is another table's: no duplicate of this one's
  sink.otherTable?.(its);
  return true;
}

const TYPE_KEY = Buffer.from('"Type"');
/** The lengths of the other tables' names: a value of another length names none of them (no string made). */
const NAME_LENGTHS: ReadonlySet<number> = new Set([...OTHER_TABLES].map((n) => n.length));
const LONGEST_NAME = Math.max(...NAME_LENGTHS);
/** Bytes searched by hand from the line's end before a full search: a Log Analytics row ends with Type. */
const NEAR_END = 256;

/** Where the last `"Type"` of buf[start, end) starts, or -1. */
function lastTypeKey(buf: Buffer, start: number, end: number): number {
  // By hand over the last bytes (a Buffer search costs more to start than this scan does to finish), then
  // a search of the rest, bounded by the line.
  const near = Math.max(start, end - NEAR_END);
  for (let i = end - TYPE_KEY.length; i >= near; i--) {
    if (buf[i] === 0x22 && buf[i + 1] === 0x54 && buf[i + 5] === 0x22 && buf[i + 2] === 0x79) {
      if (buf[i + 3] === 0x70 && buf[i + 4] === 0x65) return i;
    }
  }
  if (near === start) return -1;
  const at = buf.subarray(start, near + TYPE_KEY.length - 1).lastIndexOf(TYPE_KEY);
  return at < 0 ? -1 : start + at;
}

/**
 * The table of a Log Analytics row given as the bytes of its JSON line, without parsing it (for rows read by
 * a byte scan). Log Analytics spells nested keys in camelCase (`type`), so the last `"Type"` key of a line is
 * its own, and in a Log Analytics row it sits near the end: found by a short search from there.
 */
export function tableNamedInLine(buf: Buffer, start: number, end: number): string {
  const at = lastTypeKey(buf, start, end);
  if (at < 0) return AUDIT_LOGS.name;
  let i = at + TYPE_KEY.length;
  while (i < end && (buf[i] === 0x20 || buf[i] === 0x09)) i++;
  if (buf[i] !== 0x3a) return AUDIT_LOGS.name; // "Type" as a value, not a key
  i++;
  while (i < end && (buf[i] === 0x20 || buf[i] === 0x09)) i++;
  if (buf[i] !== 0x22) return AUDIT_LOGS.name;
  let close = i + 1;
  while (close < end && buf[close] !== 0x22 && close - i <= LONGEST_NAME) close++;
  if (buf[close] !== 0x22 || !NAME_LENGTHS.has(close - i - 1)) return AUDIT_LOGS.name;
  return tableOfRow(buf.toString('latin1', i + 1, close));
}

/** The formats of Log Analytics rows: their records may be of any table (see tableOfRow). */
export const ANY_TABLE_FORMATS: ReadonlySet<string> = new Set([
  'log-analytics-jsonl',
  'log-analytics-json',
  'log-analytics-csv',
  'log-analytics-api-json',
]);
