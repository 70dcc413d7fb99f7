/**
 * Audit records of the non-Log-Analytics shapes mapped onto the AuditLogs table, as Log Analytics itself
 * fills it (../shared/samples/field-mapping.json):
 * - Microsoft Graph `directoryAudit` objects (camelCase, v1.0 and beta);
 * - the Graph PowerShell SDK's objects as ConvertTo-Json writes them (PascalCase, `AdditionalProperties`,
 *   `IPAddress`, `/Date(ms)/`): re-cased, they are Graph objects;
 * - diagnostic-settings records (Event Hub, storage blobs, SIEM forwarders): an envelope (`time`,
 *   `operationName`, `tenantId`, `identity`, `Level`/`level`, ...) around a Graph object in `properties`.
 *
 * The dynamic columns get Log Analytics' key spelling and nesting, because KQL member access is
 * case-sensitive: `InitiatedBy.app.displayName` must find the app whatever the source wrote. Nothing is
 * invented: a column no source field feeds stays empty, except the constants Log Analytics itself puts in
 * every AuditLogs row (SourceSystem, Resource, OperationVersion, ...).
 */
import type { ScanRequest } from '../engine/execute.js';
import type { Dynamic, DynamicBag } from '../engine/values/dynamic.js';
import { isBag, toJsonText } from '../engine/values/dynamic.js';
import type { Row } from '../engine/values/types.js';
import { nullOf } from '../engine/values/types.js';
import { fieldConverter, INVALID } from './field-values.js';
import { parseSourceDateTime } from './source-dates.js';

export type RecordShape = 'log-analytics' | 'graph' | 'powershell' | 'diagnostic';

/** The shape of one parsed record, from its keys; undefined when it is no audit record kqlhunt knows. */
export function recordShape(o: Record<string, unknown>): RecordShape | undefined {
  if ('properties' in o && ('operationName' in o || 'time' in o)) return 'diagnostic';
  if (
    ('TimeGenerated' in o ||
      'OperationName' in o ||
      'AADOperationType' in o ||
      'AADTenantId' in o ||
      o.Type === 'AuditLogs' ||
      Object.keys(o).some((k) => k.startsWith('TimeGenerated ['))) &&
    isScalar(o.TimeGenerated) &&
    isScalar(o.OperationName)
  )
    return 'log-analytics';
  if (('activityDateTime' in o || 'activityDisplayName' in o) && isDateLike(o.activityDateTime))
    return 'graph';
  if (('ActivityDateTime' in o || 'ActivityDisplayName' in o) && isDateLike(o.ActivityDateTime))
    return 'powershell';
  return undefined;
}

/** A timestamp as a source may hold it: text, or Windows PowerShell's DateTime object (`{value, DateTime}`). */
function isDateLike(v: unknown): boolean {
  return isScalar(v) || (isBag(v) && ('value' in v || 'DateTime' in v));
}

/** A row's TimeGenerated or OperationName is a scalar: a document that merely names the columns is no row. */
function isScalar(v: unknown): boolean {
  return v === undefined || v === null || typeof v !== 'object';
}

// --- Log Analytics key spelling ---------------------------------------------------------------------------

/** The keys of AuditLogs' dynamic columns (and of a Graph directoryAudit), as Log Analytics spells them. */
const CANONICAL_KEYS = [
  'user',
  'app',
  'id',
  'displayName',
  'userPrincipalName',
  'ipAddress',
  'roles',
  'appId',
  'servicePrincipalId',
  'servicePrincipalName',
  'userType',
  'homeTenantId',
  'homeTenantName',
  'type',
  'groupType',
  'modifiedProperties',
  'oldValue',
  'newValue',
  'administrativeUnits',
  'key',
  'value',
  'category',
  'correlationId',
  'result',
  'resultReason',
  'activityDisplayName',
  'activityDateTime',
  'loggedByService',
  'operationType',
  'initiatedBy',
  'targetResources',
  'additionalDetails',
  'userAgent',
];
const CANONICAL = new Set(CANONICAL_KEYS);
const BY_LOWERCASE = new Map(CANONICAL_KEYS.map((k) => [k.toLowerCase(), k]));
const ADDITIONAL_PROPERTIES = 'additionalproperties';

/** PascalCase to camelCase: the leading capitals are lowered, but the last one of a run starts a word. */
function camelCase(k: string): string {
  let run = 0;
  while (run < k.length && k.charCodeAt(run) >= 65 && k.charCodeAt(run) <= 90) run++;
  if (run === 0) return k;
  if (run === k.length) return k.toLowerCase();
  const lower = run === 1 ? 1 : run - 1; // "IPAddress" → "ip" + "Address"
  return k.slice(0, lower).toLowerCase() + k.slice(lower);
}

/** A key in Log Analytics' spelling. */
export function laKey(k: string): string {
  if (CANONICAL.has(k)) return k;
  return BY_LOWERCASE.get(k.toLowerCase()) ?? camelCase(k);
}

/**
 * A dynamic value with every bag key in Log Analytics' spelling; a PowerShell `AdditionalProperties` bag is
 * merged into its parent (its keys are the service's own, which the SDK did not model).
 */
export function withLaKeys(v: unknown): Dynamic {
  if (Array.isArray(v)) return v.map(withLaKeys);
  if (!isBag(v)) return (v ?? null) as Dynamic;
  const out: DynamicBag = {};
  let extra: DynamicBag | undefined;
  for (const k in v) {
    if (!Object.hasOwn(v, k)) continue;
    const value = (v as Record<string, unknown>)[k];
    if (k.toLowerCase() === ADDITIONAL_PROPERTIES && (isBag(value) || value === null)) {
      if (value) extra = value as DynamicBag;
      continue;
    }
    out[laKey(k)] = withLaKeys(value);
  }
  if (extra) {
    for (const k in extra) {
      const key = laKey(k);
      if (Object.hasOwn(extra, k) && !Object.hasOwn(out, key)) out[key] = withLaKeys(extra[k]);
    }
  }
  return out;
}

/** A value that Log Analytics keeps as a string (`oldValue`, `newValue`, an additional detail's `value`). */
function asStringValue(v: Dynamic): Dynamic {
  return v === null || typeof v === 'string' ? v : toJsonText(v);
}

/** InitiatedBy: `{user: {...}}` or `{app: {...}}`; Graph's `"app": null` beside the user is not kept. */
export function initiatedByColumn(raw: unknown): Dynamic {
  const v = withLaKeys(raw);
  if (!isBag(v)) return v;
  for (const k of Object.keys(v)) if (v[k] === null) delete v[k];
  return v;
}

/** TargetResources: modified properties' old and new values stay strings. */
export function targetResourcesColumn(raw: unknown): Dynamic {
  const v = withLaKeys(raw);
  if (!Array.isArray(v)) return v;
  for (const target of v) {
    if (!isBag(target) || !Array.isArray(target.modifiedProperties)) continue;
    for (const p of target.modifiedProperties) {
      if (!isBag(p)) continue;
      if ('oldValue' in p) p.oldValue = asStringValue(p.oldValue ?? null);
      if ('newValue' in p) p.newValue = asStringValue(p.newValue ?? null);
    }
  }
  return v;
}

/** AdditionalDetails: `[{key, value}]` with string values. */
export function additionalDetailsColumn(raw: unknown): Dynamic {
  const v = withLaKeys(raw);
  if (!Array.isArray(v)) return v;
  for (const d of v) if (isBag(d) && 'value' in d) d.value = asStringValue(d.value ?? null);
  return v;
}

function member(v: unknown, key: string): unknown {
  if (!isBag(v)) return undefined;
  const exact = (v as Record<string, unknown>)[key];
  if (exact !== undefined) return exact;
  for (const k in v) if (k.toLowerCase() === key.toLowerCase()) return (v as Record<string, unknown>)[k];
  return undefined;
}

/** Identity, as Log Analytics derives it: the initiating user's display name, else the app's. */
export function identityOf(initiatedBy: unknown): string {
  const name =
    member(member(initiatedBy, 'user'), 'displayName') ?? member(member(initiatedBy, 'app'), 'displayName');
  return typeof name === 'string' ? name : '';
}

/** Graph's operationResult enum, which old records carry as its number. */
const RESULTS = ['success', 'failure', 'timeout', 'unknownFutureValue'];

function resultText(v: unknown): string {
  if (typeof v === 'number') return RESULTS[v] ?? String(v);
  return text(v);
}

/** Azure Monitor's level names, as the numbers Log Analytics shows ("4" for Informational). */
const LEVELS: Record<string, string> = {
  critical: '1',
  error: '2',
  warning: '3',
  informational: '4',
  verbose: '5',
};

function levelText(v: unknown): string {
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') return LEVELS[v.toLowerCase()] ?? v;
  return '4';
}

function text(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') return toJsonText(v as Dynamic);
  return String(v);
}

// --- columns ---------------------------------------------------------------------------------------------

/** One record to map: a Graph object (re-cased when it came from PowerShell) and, for a diagnostic-settings
 * record, its envelope. */
export interface AuditView {
  readonly graph: Record<string, unknown>;
  readonly envelope: Record<string, unknown> | null;
}

type Extract = (r: AuditView) => unknown;

const toLong = fieldConverter('long');
const DATETIME = (field: string) => (r: AuditView) => dateOrInvalid(r.graph[field]);

function dateOrInvalid(v: unknown): bigint | null | typeof INVALID {
  if (v === null || v === undefined || v === '') return null;
  return parseSourceDateTime(v) ?? INVALID;
}

/** An envelope field when the record has one, else the Graph-derived value. */
function env(field: string, fallback: Extract, convert: (v: unknown) => unknown = text): Extract {
  return (r) => {
    const v = r.envelope?.[field];
    return v === undefined || v === null ? fallback(r) : convert(v);
  };
}

const constant =
  (v: unknown): Extract =>
  () =>
    v;
const graphText =
  (field: string): Extract =>
  (r) =>
    text(r.graph[field]);

const tenantOf = (r: AuditView) => text(r.envelope?.tenantId);

const EXTRACTORS: Partial<Record<string, Extract>> = {
  TenantId: constant(''), // the Log Analytics workspace: there is none
  SourceSystem: constant('Azure AD'),
  TimeGenerated: env('time', DATETIME('activityDateTime'), dateOrInvalid),
  ResourceId: env('resourceId', (r) => {
    const t = tenantOf(r);
    return t ? `/tenants/${t}/providers/Microsoft.aadiam` : '';
  }),
  OperationName: env('operationName', graphText('activityDisplayName')),
  OperationVersion: env('operationVersion', constant('1.0')),
  Category: graphText('category'), // never the envelope's `category`, which is always "AuditLogs"
  ResultType: env('resultType', constant('')),
  ResultSignature: env('resultSignature', constant('None')),
  ResultDescription: env('resultDescription', constant('')),
  DurationMs: env('durationMs', constant(0n), (v) => toLong(v)),
  CorrelationId: env('correlationId', graphText('correlationId')),
  Resource: constant('Microsoft.aadiam'),
  ResourceGroup: constant('Microsoft.aadiam'),
  ResourceProvider: constant(''),
  Identity: env('identity', (r) => identityOf(r.graph.initiatedBy)),
  Level: (r) => levelText(r.envelope?.Level ?? r.envelope?.level),
  Location: env('location', constant('')),
  AdditionalDetails: (r) => additionalDetailsColumn(r.graph.additionalDetails),
  Id: graphText('id'),
  InitiatedBy: (r) => initiatedByColumn(r.graph.initiatedBy),
  LoggedByService: graphText('loggedByService'),
  Result: (r) => resultText(r.graph.result),
  ResultReason: graphText('resultReason'),
  TargetResources: (r) => targetResourcesColumn(r.graph.targetResources),
  AADTenantId: tenantOf,
  ActivityDisplayName: graphText('activityDisplayName'),
  ActivityDateTime: DATETIME('activityDateTime'),
  AADOperationType: graphText('operationType'),
  Type: constant('AuditLogs'),
};

/** The view of a record of a non-Log-Analytics shape; a string when it cannot be one. */
export function auditView(o: Record<string, unknown>, shape: RecordShape): AuditView | string {
  switch (shape) {
    case 'graph':
      return { graph: o, envelope: null };
    case 'powershell':
      return { graph: withLaKeys(o) as Record<string, unknown>, envelope: null };
    case 'diagnostic': {
      let props = o.properties;
      if (typeof props === 'string') {
        try {
          props = JSON.parse(props);
        } catch {
          return 'properties is a string that is not JSON';
        }
      }
      if (!isBag(props)) return 'properties is not an object';
      return { graph: props as Record<string, unknown>, envelope: o };
    }
    case 'log-analytics':
      return 'a Log Analytics row';
  }
}

/** Maps views onto the requested columns; reports the first field that does not convert. */
export function auditRowMapper(
  request: ScanRequest,
): (r: AuditView) => Row | { field: string; reason: string } {
  const wanted: { index: number; name: string; type: string; extract: Extract }[] = [];
  request.schema.forEach((c, index) => {
    const extract = EXTRACTORS[c.name];
    if (request.columns[index] && extract) wanted.push({ index, name: c.name, type: c.type, extract });
  });
  const template: unknown[] = request.schema.map((c) => nullOf(c.type));
  return (r) => {
    const row = template.slice();
    for (const w of wanted) {
      const v = w.extract(r);
      if (v === INVALID) return { field: w.name, reason: `not a valid ${w.type}` };
      row[w.index] = v;
    }
    return row;
  };
}
