/**
 * One simulated tenant written in every input format kqlhunt reads (test/support/format-writers.ts): each
 * must give the flagship hunt's exact findings, and the same AuditLogs values for every column the format
 * carries, as the Log Analytics rows themselves.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { TableProvider } from '../../src/engine/execute.js';
import { executeToRows } from '../../src/engine/execute.js';
import { parseDateTime, TICKS_PER_DAY } from '../../src/engine/values/datetime.js';
import type { Column, Row } from '../../src/engine/values/types.js';
import { findBundledRule } from '../../src/hunts/bundled.js';
import { compileRule } from '../../src/hunts/runner.js';
import { generateTenant } from '../../src/sim/tenant.js';
import { cellJson } from '../../src/sinks/cells.js';
import { LogSource } from '../../src/sources/log-source.js';
import { AUDIT_LOGS } from '../../src/tables/auditlogs.js';
import type { LaRow } from '../support/format-writers.js';
import {
  chunks,
  graphPage,
  jsonArray,
  jsonLines,
  toDiagnostic,
  toGraph,
  toLaApiRow,
  toLaPortalCsv,
  toLaPortalRow,
  toLaQueryResponse,
  toPowerShell,
  windowsText,
  writeText,
} from '../support/format-writers.js';
import { memoryTables } from '../support/query.js';

const END = parseDateTime('2026-10-21T00:00:00Z') as bigint;
const FLAGSHIP = '5c799718-b361-4a91-9cb2-0c291e602707';

/** Columns every shape carries (the Graph object's fields and what Log Analytics derives from them). */
const GRAPH_COLUMNS = [
  'TimeGenerated',
  'OperationName',
  'OperationVersion',
  'Category',
  'ResultSignature',
  'DurationMs',
  'CorrelationId',
  'Resource',
  'ResourceGroup',
  'Identity',
  'Level',
  'AdditionalDetails',
  'Id',
  'InitiatedBy',
  'LoggedByService',
  'Result',
  'ResultReason',
  'TargetResources',
  'ActivityDisplayName',
  'ActivityDateTime',
  'AADOperationType',
  'Type',
  'SourceSystem',
];
const DIAGNOSTIC_COLUMNS = [...GRAPH_COLUMNS, 'AADTenantId', 'ResourceId'];
const ALL_COLUMNS = AUDIT_LOGS.columns.map((c) => c.name);

interface FormatCase {
  readonly name: string;
  /** The formats kqlhunt must detect for the folder's files. */
  readonly formats: readonly string[];
  readonly columns: readonly string[];
  /** Duplicate records written on purpose (overlapping exports). */
  readonly duplicates: number;
  write(dir: string, rows: readonly LaRow[]): void;
}

const CASES: FormatCase[] = [
  {
    name: 'Log Analytics JSON lines',
    formats: ['log-analytics-jsonl'],
    columns: ALL_COLUMNS,
    duplicates: 0,
    write: (dir, rows) => writeText(join(dir, 'AuditLogs.jsonl'), jsonLines(rows)),
  },
  {
    name: 'Log Analytics API export (JSON array, every value a string) and its JSON lines, overlapping',
    formats: ['log-analytics-json', 'log-analytics-jsonl'],
    columns: ALL_COLUMNS,
    duplicates: 10,
    write: (dir, rows) => {
      const api = rows.map(toLaApiRow);
      writeText(join(dir, 'query-result.json'), jsonArray(api));
      writeText(join(dir, 'overlap.jsonl.gz'), jsonLines(api.slice(0, 10)), 'gzip');
    },
  },
  {
    name: 'Log Analytics query API responses ({"tables"}: pretty-printed, compact with two tables, gzip)',
    formats: ['log-analytics-api-json'],
    columns: ALL_COLUMNS,
    duplicates: 0,
    write: (dir, rows) => {
      const [a, b, c, d] = chunks(rows, Math.ceil(rows.length / 4));
      writeText(join(dir, 'response.json'), toLaQueryResponse([a ?? []], 2));
      writeText(join(dir, 'two-tables.json'), toLaQueryResponse([b ?? [], c ?? []]));
      writeText(join(dir, 'response.json.gz'), toLaQueryResponse([d ?? []], 1), 'gzip');
    },
  },
  {
    name: 'Log Analytics portal JSON export (TimeGenerated [UTC], locale dates)',
    formats: ['log-analytics-json'],
    columns: ALL_COLUMNS,
    duplicates: 0,
    write: (dir, rows) => writeText(join(dir, 'export.json'), jsonArray(rows.map(toLaPortalRow), 2)),
  },
  {
    name: 'Log Analytics portal CSV export',
    formats: ['log-analytics-csv'],
    columns: ALL_COLUMNS,
    duplicates: 0,
    write: (dir, rows) => writeText(join(dir, 'export.csv'), windowsText(toLaPortalCsv(rows))),
  },
  {
    name: 'Microsoft Graph: pages, arrays, JSON lines, back-to-back arrays, single objects, a page fetched twice',
    formats: ['graph-json'],
    columns: GRAPH_COLUMNS,
    duplicates: 25,
    write: (dir, rows) => {
      const g = rows.map(toGraph);
      const parts = chunks(g, Math.ceil(g.length / 6));
      const pages = chunks(parts[0] ?? [], 25);
      for (const [i, p] of pages.entries()) {
        writeText(join(dir, `page-${i}.json`), graphPage(p, i < pages.length - 1, 2));
      }
      writeText(join(dir, 'page-0-again.json'), graphPage(pages[0] ?? [], true)); // fetched twice
      writeText(join(dir, 'array.json'), windowsText(jsonArray(parts[1] ?? [], 4)));
      writeText(join(dir, 'records.jsonl'), jsonLines(parts[2] ?? []));
      const [x, y] = chunks(parts[3] ?? [], Math.ceil((parts[3]?.length ?? 0) / 2));
      writeText(join(dir, 'two-arrays.json'), jsonArray(x ?? []) + jsonArray(y ?? []));
      mkdirSync(join(dir, 'objects'));
      for (const [i, o] of (parts[4] ?? []).entries()) {
        writeText(join(dir, 'objects', `${i}.json`), JSON.stringify(o, null, 2));
      }
      writeText(
        join(dir, 'pages.jsonl.gz'),
        chunks(parts[5] ?? [], 10)
          .map((p) => `${graphPage(p, true)}\n`)
          .join(''),
        'gzip',
      );
    },
  },
  {
    name: 'Graph PowerShell SDK (ConvertTo-Json: BOM + CRLF, the 5.1 value wrapper, UTF-16 from Out-File)',
    formats: ['powershell-json'],
    columns: GRAPH_COLUMNS,
    duplicates: 0,
    write: (dir, rows) => {
      const ps = rows.map(toPowerShell);
      const [a, b, c] = chunks(ps, Math.ceil(ps.length / 3));
      writeText(join(dir, 'audit.json'), windowsText(jsonArray(a ?? [], 4)));
      writeText(
        join(dir, 'wrapped.json'),
        JSON.stringify({ value: b ?? [], Count: b?.length ?? 0 }, null, 4),
      );
      writeText(join(dir, 'out-file.json'), windowsText(jsonArray(c ?? [], 4)).slice(1), 'utf16le');
    },
  },
  {
    name: 'Diagnostic settings: {"records"} blobs (old shape) and JSON lines (new shape)',
    formats: ['diagnostic-json'],
    columns: DIAGNOSTIC_COLUMNS,
    duplicates: 0,
    write: (dir, rows) => {
      const [a, b] = chunks(rows, Math.ceil(rows.length / 2));
      mkdirSync(join(dir, 'y=2026', 'm=10'), { recursive: true });
      for (const [i, blob] of chunks(a ?? [], 40).entries()) {
        const text = JSON.stringify({ records: blob.map((r) => toDiagnostic(r, true)) });
        writeText(join(dir, 'y=2026', 'm=10', `PT1H-${i}.json`), text);
      }
      writeText(
        join(dir, 'eventhub.jsonl.gz'),
        jsonLines((b ?? []).map((r) => toDiagnostic(r, false))),
        'gzip',
      );
    },
  },
];

async function flagship(tables: TableProvider): Promise<string[]> {
  const rule = await findBundledRule(FLAGSHIP);
  assert.ok(rule, 'the flagship rule is bundled');
  const { plan } = compileRule(rule, { start: END - TICKS_PER_DAY, end: END });
  const rows = await executeToRows(plan, { tables, now: END });
  return rows.map((r) => r.map((v, i) => cellJson(v, (plan.schema[i] as Column).type)).join('\t'));
}

/** Canonical text of a value (bag keys sorted: key order is not part of a dynamic value's identity). */
function canon(v: unknown): string {
  return JSON.stringify(v, (_k, x) => {
    if (typeof x === 'bigint') return `${x}n`;
    if (x && typeof x === 'object' && !Array.isArray(x))
      return Object.fromEntries(
        Object.keys(x)
          .sort()
          .map((k) => [k, (x as Record<string, unknown>)[k]]),
      );
    return x;
  });
}

async function allRows(tables: TableProvider): Promise<Row[]> {
  const rows: Row[] = [];
  await tables.scan(
    { table: AUDIT_LOGS.name, schema: AUDIT_LOGS.columns, columns: AUDIT_LOGS.columns.map(() => true) },
    { push: (r) => rows.push(r), end() {} },
  );
  return rows;
}

describe('every input format gives the same answers', () => {
  let root = '';
  let rows: LaRow[] = [];
  let expected: string[] = [];
  let expectedRows = new Map<string, Row>();

  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'kqlhunt-formats-'));
    rows = [...generateTenant({ seed: 11, users: 6, days: 16, eventsPerUserPerDay: 4, end: END })];
    expected = await flagship(memoryTables(rows));
    const id = AUDIT_LOGS.columns.findIndex((c) => c.name === 'Id');
    expectedRows = new Map((await allRows(memoryTables(rows))).map((r) => [r[id] as string, r]));
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('has a tenant whose hunt finds something', () => {
    assert.ok(rows.length > 300, `${rows.length} rows`);
    assert.ok(expected.length > 0, 'the flagship finds the rogue app');
  });

  for (const c of CASES) {
    it(c.name, async () => {
      const dir = join(root, c.name.replace(/[^a-z]+/gi, '-').slice(0, 40));
      mkdirSync(dir);
      c.write(dir, rows);
      writeFileSync(join(dir, 'notes.txt'), 'collected by the IR team\n'); // not a log: named and ignored
      const source = await LogSource.open([dir]);
      assert.deepEqual([...new Set(source.files.map((f) => f.format.name))].sort(), [...c.formats].sort());
      assert.deepEqual(
        source.unread.map((u) => u.reason),
        ['not a recognised audit-log format; ignored'],
      );

      assert.deepEqual(await flagship(source), expected);
      assert.equal(source.problems.skippedRecords, 0);
      assert.equal(source.problems.damagedFiles, 0);
      assert.equal(source.stats.duplicates, c.duplicates);

      const got = await allRows(source);
      assert.equal(got.length, expectedRows.size);
      const indexes = c.columns.map((name) => AUDIT_LOGS.columns.findIndex((col) => col.name === name));
      const id = AUDIT_LOGS.columns.findIndex((col) => col.name === 'Id');
      for (const r of got) {
        const want = expectedRows.get(r[id] as string);
        assert.ok(want, `unexpected Id ${String(r[id])}`);
        for (const i of indexes) {
          const name = AUDIT_LOGS.columns[i]?.name;
          assert.equal(canon(r[i]), canon(want[i]), `${name} of ${String(r[id])}`);
        }
      }
    });
  }
});
