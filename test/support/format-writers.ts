/**
 * Renders Log Analytics AuditLogs rows (objects keyed by column, as the simulator makes them) in the other
 * shapes the same events are held in — Graph directoryAudit objects, PowerShell SDK output, diagnostic-settings
 * records, Log Analytics API and portal exports — and writes them in the containers real tools write: pages,
 * arrays, JSON lines, back-to-back arrays, single objects, BOM + CRLF, UTF-16, gzip. The equivalence tests
 * read each back and expect the same answers.
 */
import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { parseIsoDateTimeFast, partsFromTicks } from '../../src/engine/values/datetime.js';
import { AUDIT_LOGS } from '../../src/tables/auditlogs.js';

export type LaRow = Record<string, unknown>;
type Json = Record<string, unknown>;

const DYNAMIC = new Set(['InitiatedBy', 'TargetResources', 'AdditionalDetails']);
const DATETIME = new Set(['TimeGenerated', 'ActivityDateTime']);

// --- record shapes ---------------------------------------------------------------------------------------

/** A Graph directoryAudit: camelCase, the initiator's other branch null. */
export function toGraph(r: LaRow): Json {
  const by = r.InitiatedBy as Json;
  return {
    id: r.Id,
    category: r.Category,
    correlationId: r.CorrelationId,
    result: r.Result,
    resultReason: r.ResultReason ?? '',
    activityDisplayName: r.ActivityDisplayName,
    activityDateTime: r.ActivityDateTime,
    loggedByService: r.LoggedByService,
    operationType: r.AADOperationType,
    initiatedBy: { app: by.app ?? null, user: by.user ?? null },
    targetResources: r.TargetResources,
    additionalDetails: r.AdditionalDetails,
  };
}

const pascal = (k: string) => (k === 'ipAddress' ? 'IPAddress' : k.charAt(0).toUpperCase() + k.slice(1));

/** Keys the SDK's models do not have: they land in AdditionalProperties, under the service's own name. */
const UNMODELED = new Set(['roles']);

function toPowerShellValue(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(toPowerShellValue);
  if (typeof v !== 'object' || v === null) return v;
  const out: Json = {};
  const extra: Json = {};
  for (const [k, x] of Object.entries(v)) {
    if (UNMODELED.has(k)) extra[k] = x;
    else out[pascal(k)] = toPowerShellValue(x);
  }
  out.AdditionalProperties = extra;
  return out;
}

/** Graph PowerShell SDK output through ConvertTo-Json: PascalCase, AdditionalProperties everywhere. */
export function toPowerShell(r: LaRow): Json {
  const g = toGraph(r);
  const out = toPowerShellValue(g) as Json;
  return out;
}

/** A diagnostic-settings record; `old` is the 2018 shape (level name, result as a number, +00:00 time). */
export function toDiagnostic(r: LaRow, old: boolean): Json {
  const g = toGraph(r);
  const by = g.initiatedBy as Json;
  const initiatedBy: Json = {};
  if (by.user) initiatedBy.user = by.user;
  if (by.app) initiatedBy.app = by.app;
  return {
    time: r.TimeGenerated,
    resourceId: r.ResourceId,
    operationName: r.OperationName,
    operationVersion: r.OperationVersion,
    category: 'AuditLogs',
    tenantId: r.AADTenantId,
    resultSignature: r.ResultSignature,
    durationMs: old ? String(r.DurationMs) : r.DurationMs,
    callerIpAddress: '<null>',
    correlationId: r.CorrelationId,
    identity: r.Identity,
    ...(old ? { level: 'Informational' } : { Level: 4 }),
    properties: {
      ...g,
      initiatedBy,
      result: old && g.result === 'success' ? 0 : g.result,
      activityDateTime: old ? String(g.activityDateTime).replace(/Z$/, '+00:00') : g.activityDateTime,
    },
  };
}

/** `az monitor log-analytics query` output: every value a string, empty columns left out. */
export function toLaApiRow(r: LaRow): Json {
  const out: Json = {};
  for (const [k, v] of Object.entries(r)) {
    if (v === null || v === undefined || v === '') continue;
    out[k] = typeof v === 'string' ? v : JSON.stringify(v);
  }
  return out;
}

/**
 * The Log Analytics query API's answer (`POST .../query`, saved as is): `{"tables": [{name, columns, rows}]}`
 * with each table's rows as lists in column order; dynamic values as JSON text, as the API sends them.
 */
export function toLaQueryResponse(tables: readonly (readonly LaRow[])[], indent?: number): string {
  const columns = AUDIT_LOGS.columns;
  return JSON.stringify(
    {
      tables: tables.map((rows, i) => ({
        name: i === 0 ? 'PrimaryResult' : `Table_${i}`,
        columns: columns.map((c) => ({ name: c.name, type: c.type })),
        rows: rows.map((r) =>
          columns.map((c) => {
            const v = r[c.name];
            if (v === undefined || v === null) return null;
            return c.type === 'dynamic' && typeof v !== 'string' ? JSON.stringify(v) : v;
          }),
        ),
      })),
    },
    null,
    indent,
  );
}

/** The portal's locale date (US form), keeping all 7 fractional digits. */
export function usLocaleDate(iso: string): string {
  const p = partsFromTicks(parseIsoDateTimeFast(iso) as bigint);
  const h12 = p.hour % 12 === 0 ? 12 : p.hour % 12;
  const two = (n: number) => String(n).padStart(2, '0');
  return `${p.month}/${p.day}/${p.year}, ${h12}:${two(p.minute)}:${two(p.second)}.${String(p.fraction).padStart(7, '0')} ${p.hour < 12 ? 'AM' : 'PM'}`;
}

const portalKey = (k: string) => (DATETIME.has(k) ? `${k} [UTC]` : k);
const portalValue = (k: string, v: unknown) =>
  DATETIME.has(k) ? usLocaleDate(v as string) : DYNAMIC.has(k) ? JSON.stringify(v) : v;

/** The portal's "Export to JSON": `TimeGenerated [UTC]` keys, locale dates, dynamic columns as JSON text. */
export function toLaPortalRow(r: LaRow): Json {
  const out: Json = {};
  for (const [k, v] of Object.entries(r)) out[portalKey(k)] = portalValue(k, v);
  return out;
}

function csvField(v: unknown): string {
  const s = v === null || v === undefined ? '' : typeof v === 'string' ? v : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The portal's "Export to CSV (all columns)" (LF line ends: windowsText makes them CRLF). */
export function toLaPortalCsv(rows: readonly LaRow[]): string {
  const columns = Object.keys(rows[0] ?? {});
  const lines = [columns.map((c) => csvField(portalKey(c))).join(',')];
  for (const r of rows) lines.push(columns.map((c) => csvField(portalValue(c, r[c]))).join(','));
  return `${lines.join('\n')}\n`;
}

// --- containers ------------------------------------------------------------------------------------------

export const jsonLines = (objs: readonly unknown[]) => objs.map((o) => `${JSON.stringify(o)}\n`).join('');
export const jsonArray = (objs: readonly unknown[], indent?: number) => JSON.stringify(objs, null, indent);

/** A Graph page as a collector saves it. */
export function graphPage(objs: readonly unknown[], next: boolean, indent?: number): string {
  const page: Json = {
    '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#auditLogs/directoryAudits',
    value: objs,
  };
  if (next)
    page['@odata.nextLink'] = 'https://graph.microsoft.com/v1.0/auditLogs/directoryAudits?$skiptoken=x';
  return JSON.stringify(page, null, indent);
}

/** Windows PowerShell 5.1: a UTF-8 BOM and CRLF line ends. */
export const windowsText = (text: string) => `\ufeff${text.replace(/\n/g, '\r\n')}`;

export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export type Encoding = 'utf8' | 'utf16le' | 'gzip';

export function writeText(path: string, text: string, encoding: Encoding = 'utf8'): void {
  if (encoding === 'gzip') writeFileSync(path, gzipSync(Buffer.from(text, 'utf8')));
  else if (encoding === 'utf16le')
    writeFileSync(path, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
  else writeFileSync(path, text);
}
