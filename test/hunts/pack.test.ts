/**
 * Rule packs: each rule ends ran / failed / unsupported with a located reason; the rules share one pass over
 * each table and get the rows they would get alone; the pack's results are written per format.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ScanRequest, TableProvider } from '../../src/engine/execute.js';
import type { RowSink } from '../../src/engine/operators/sink.js';
import { parseDateTime, TICKS_PER_HOUR } from '../../src/engine/values/datetime.js';
import type { Row } from '../../src/engine/values/types.js';
import { parseRuleYaml, ruleFromKql } from '../../src/hunts/load.js';
import type { PackEntry, RuleOutcome } from '../../src/hunts/pack.js';
import { packSummary, runPack } from '../../src/hunts/pack.js';
import { writePackResults } from '../../src/hunts/pack-output.js';
import { SharedScans } from '../../src/hunts/shared-scan.js';
import { memoryTables, runQuery, TEST_NOW } from '../support/query.js';

const T0 = parseDateTime('2026-10-20T00:00:00Z') as bigint;
const iso = (ticks: bigint) => new Date(Number(ticks / 10_000n)).toISOString();

const RECORDS = [
  { TimeGenerated: iso(T0 + 1n * TICKS_PER_HOUR), OperationName: 'Add user', Result: 'success' },
  { TimeGenerated: iso(T0 + 2n * TICKS_PER_HOUR), OperationName: 'Delete user', Result: 'success' },
  { TimeGenerated: iso(T0 + 3n * TICKS_PER_HOUR), OperationName: 'Add user', Result: 'failure' },
];

const kql = (name: string, text: string): PackEntry => ({ rule: ruleFromKql(text, `${name}.kql`) });

const yamlRule = (id: string, name: string, query: string): PackEntry => ({
  rule: parseRuleYaml(
    `id: ${id}\nname: ${name}\ntactics:\n  - Persistence\nrelevantTechniques:\n  - T1136\nquery: |\n  ${query.replace(/\n/g, '\n  ')}\n`,
    `${name}.yaml`,
  ),
});

/** A table provider that counts the scans it makes. */
function countingTables(records: readonly Record<string, unknown>[]) {
  const inner = memoryTables(records);
  const counter = {
    scans: 0,
    async scan(request: ScanRequest, sink: RowSink) {
      counter.scans++;
      await inner.scan(request, sink);
    },
  };
  return counter;
}

describe('rule pack outcomes', () => {
  it('ran with rows, failed with a located error, unsupported with the construct', async () => {
    const entries = [
      yamlRule(
        'r1',
        'adds',
        'AuditLogs\n| where OperationName == "Add user"\n| project OperationName, Result',
      ),
      kql('syntax', 'AuditLogs\n| where OperationName == '),
      kql('unknown-column', 'AuditLogs | where NoSuchColumn == 1'),
      kql('template', 'AuditLogs | where OperationName == "{{Operation}}"'),
      kql('window', 'AuditLogs | where TimeGenerated > todatetime("{{StartTimeISO}}") | count'),
    ];
    const { outcomes } = await runPack(entries, { tables: memoryTables(RECORDS), now: TEST_NOW });
    assert.deepEqual(
      outcomes.map((o) => [o.rule.id, o.status]),
      [
        ['r1', 'ran'],
        ['syntax', 'failed'],
        ['unknown-column', 'failed'],
        ['template', 'unsupported'],
        ['window', 'unsupported'],
      ],
    );
    const [adds, syntax, unknown, template, window] = outcomes as RuleOutcome[];
    assert.deepEqual(adds?.rows, [
      ['Add user', 'success'],
      ['Add user', 'failure'],
    ]);
    assert.match(syntax?.error ?? '', /^syntax\.kql:2:\d+: /);
    assert.match(unknown?.error ?? '', /^unknown-column\.kql:1:19: .*NoSuchColumn/);
    assert.equal(template?.construct, '{{Operation}}');
    assert.match(template?.error ?? '', /--param Operation=VALUE/);
    assert.match(window?.error ?? '', /--start\/--end/);
    assert.equal(packSummary(outcomes), 'rules: 1 ran, 2 failed, 2 unsupported of 5');
  });

  it('fills template parameters from the window and --param values', async () => {
    const entries = [
      kql(
        'windowed',
        'AuditLogs | where TimeGenerated between (todatetime("{{StartTimeISO}}") .. todatetime("{{EndTimeISO}}")) | where OperationName == "{{Operation}}" | count',
      ),
    ];
    const { outcomes } = await runPack(entries, {
      tables: memoryTables(RECORDS),
      now: TEST_NOW,
      window: { start: T0 + 2n * TICKS_PER_HOUR, end: T0 + 4n * TICKS_PER_HOUR },
      params: { Operation: 'Add user' },
    });
    assert.equal(outcomes[0]?.status, 'ran');
    assert.deepEqual(outcomes[0]?.rows, [[1n]]);
  });

  it('reads each table once for all its rules, and each rule gets the rows it gets alone', async () => {
    const queries = [
      'AuditLogs | summarize n = count() by OperationName | order by OperationName asc',
      'AuditLogs | where Result == "failure" | project OperationName',
      'AuditLogs | join kind=inner (AuditLogs | where Result == "failure" | project OperationName) on OperationName | count',
      'SigninLogs | count',
    ];
    const tables = countingTables(RECORDS);
    const { outcomes, scans } = await runPack(
      queries.map((q, i) => kql(`q${i}`, q)),
      { tables, now: TEST_NOW },
    );
    // AuditLogs once for all three rules (the join reads it once itself), SigninLogs once.
    assert.equal(tables.scans, 2);
    assert.equal(scans.performed, 2);
    assert.equal(scans.requested, 4);
    for (const [i, q] of queries.entries()) {
      const alone = await runQuery(q, RECORDS);
      assert.deepEqual(outcomes[i]?.rows, alone.rows, q);
    }
  });

  it('makes rules that depend on the query time reproducible: ago() counts back from the given now', async () => {
    const entry = kql('recent', 'AuditLogs | where TimeGenerated > ago(90m) | project OperationName');
    const at = async (now: bigint) =>
      (await runPack([entry], { tables: memoryTables(RECORDS), now })).outcomes[0]?.rows;
    // Records at 01:00, 02:00, 03:00; a query time of 03:30 looks back to 02:00 (exclusive).
    assert.deepEqual(await at(T0 + 7n * (TICKS_PER_HOUR / 2n)), [['Add user']]);
    assert.deepEqual(await at(T0 + 7n * (TICKS_PER_HOUR / 2n)), [['Add user']]);
    // Today, the same evidence is too old for the query.
    assert.deepEqual(await at(BigInt(Date.now()) * 10_000n), []);
  });
});

describe('shared scans', () => {
  const schema = [{ name: 'x', type: 'long' as const }];
  const rows: Row[] = [[1n], [2n], [3n]];
  const source = (seen: ScanRequest[]): TableProvider => ({
    async scan(request, sink) {
      seen.push(request);
      for (const r of rows) sink.push(r);
      sink.end();
    },
  });
  const collector = () => {
    const got: Row[] = [];
    let ended = false;
    return {
      got,
      ended: () => ended,
      sink: {
        push: (r: Row) => got.push(r),
        end: () => {
          ended = true;
        },
      },
    };
  };

  it('cuts off only the query whose operators throw', async () => {
    const seen: ScanRequest[] = [];
    const shared = new SharedScans(source(seen));
    const good = collector();
    const failing: RowSink = {
      push(r) {
        if (r[0] === 2n) throw new Error('boom');
      },
      end() {},
    };
    const request: ScanRequest = { table: 'T', schema, columns: [true] };
    const results = await Promise.allSettled([
      shared.scan(request, good.sink),
      shared.scan(request, failing),
    ]);
    assert.equal(seen.length, 1);
    assert.equal(results[0]?.status, 'fulfilled');
    assert.equal(results[1]?.status, 'rejected');
    assert.deepEqual(good.got, rows);
    assert.equal(good.ended(), true);
  });

  it('skips rows only where every query would drop them (the OR of their prefilters)', async () => {
    const seen: ScanRequest[] = [];
    const shared = new SharedScans(source(seen));
    const prefilter = (keep: bigint) => ({ columns: [true], test: (r: Row) => r[0] === keep });
    const a = collector();
    const b = collector();
    await Promise.all([
      shared.scan({ table: 'T', schema, columns: [true], prefilter: prefilter(1n) }, a.sink),
      shared.scan({ table: 'T', schema, columns: [false], prefilter: prefilter(3n) }, b.sink),
    ]);
    const merged = seen[0] as ScanRequest;
    assert.deepEqual(merged.columns, [true]);
    assert.deepEqual(
      rows.map((r) => merged.prefilter?.test(r)),
      [true, false, true],
    );
    const c = collector();
    await Promise.all([
      shared.scan({ table: 'T', schema, columns: [true], prefilter: prefilter(1n) }, a.sink),
      shared.scan({ table: 'T', schema, columns: [true] }, c.sink),
    ]);
    assert.equal(seen[1]?.prefilter, undefined);
  });
});

describe('pack output', () => {
  const outcomes: RuleOutcome[] = [
    {
      rule: { id: 'a-1', name: 'Adds', tactics: ['Persistence'], techniques: ['T1136'], source: 'a.yaml' },
      status: 'ran',
      schema: [
        { name: 'OperationName', type: 'string' },
        { name: 'n', type: 'long' },
      ],
      rows: [['Add user', 2n]],
    },
    {
      rule: { id: 'b', name: 'b', tactics: [], techniques: [], source: 'b.kql' },
      status: 'unsupported',
      error: 'b.kql:1:5: the make-series operator is not supported',
      construct: 'make-series',
    },
    {
      rule: { id: 'c', name: 'c', tactics: [], techniques: [], source: 'c.kql' },
      status: 'ran',
      schema: [
        { name: 'n', type: 'long' },
        { name: 'When', type: 'datetime' },
      ],
      rows: [[7n, T0]],
    },
  ];
  const write = (format: 'json' | 'jsonl' | 'table' | 'csv') => {
    let text = '';
    writePackResults(outcomes, format, { write: (s: string) => (text += s) });
    return text;
  };

  it('json: an array of {id, name, tactics, techniques, status, error, rows}', () => {
    const parsed = JSON.parse(write('json'));
    assert.deepEqual(parsed, [
      {
        id: 'a-1',
        name: 'Adds',
        tactics: ['Persistence'],
        techniques: ['T1136'],
        status: 'ran',
        error: null,
        rows: [{ OperationName: 'Add user', n: 2 }],
      },
      {
        id: 'b',
        name: 'b',
        tactics: [],
        techniques: [],
        status: 'unsupported',
        error: 'b.kql:1:5: the make-series operator is not supported',
        rows: null,
      },
      {
        id: 'c',
        name: 'c',
        tactics: [],
        techniques: [],
        status: 'ran',
        error: null,
        rows: [{ n: 7, When: '2026-10-20T00:00:00.0000000Z' }],
      },
    ]);
    assert.deepEqual(Object.keys(parsed[0]), [
      'id',
      'name',
      'tactics',
      'techniques',
      'status',
      'error',
      'rows',
    ]);
  });

  it('jsonl: the same objects, one per line', () => {
    const lines = write('jsonl').trimEnd().split('\n');
    assert.deepEqual(
      lines.map((l) => JSON.parse(l)),
      JSON.parse(write('json')),
    );
  });

  it('table: a section per rule with its status, then its rows or its error', () => {
    const text = write('table');
    assert.match(
      text,
      /^== Adds {2}\(a-1\): ran, 1 row\nOperationName {2}n\n-+ {2}-\nAdd user {7}2\n\(1 row\)\n/,
    );
    assert.match(text, /\n== b: unsupported\n {3}b\.kql:1:5: the make-series operator is not supported\n/);
  });

  it('csv: every finding in one table, RuleId and RuleName first, then the union of the columns', () => {
    assert.equal(
      write('csv'),
      'RuleId,RuleName,OperationName,n,When\r\na-1,Adds,Add user,2,\r\nc,c,,7,2026-10-20T00:00:00.0000000Z\r\n',
    );
  });
});
