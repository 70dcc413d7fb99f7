/**
 * Reading lines without parsing them (fast/early-drop.ts, fast/peeked-rows.ts) must give exactly what
 * parsing every line gives: the same rows, the same records counted as filtered (with the same Ids), the
 * same problems. Each case is read both ways and compared; the fast way must also have skipped the parser.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { ScanRequest } from '../../src/engine/execute.js';
import { execute } from '../../src/engine/execute.js';
import { CollectSink } from '../../src/engine/operators/sink.js';
import { parseDateTime } from '../../src/engine/values/datetime.js';
import { compileQuery } from '../../src/kql/analyze.js';
import type { LineReadStats } from '../../src/sources/fast/la-lines.js';
import { readLogAnalyticsLines } from '../../src/sources/fast/la-lines.js';
import { TopLevelPeek } from '../../src/sources/fast/line-peek.js';
import { TABLES } from '../../src/tables/index.js';

const dir = mkdtempSync(join(tmpdir(), 'kqlhunt-early-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** The scan request the engine sends for a query over AuditLogs. */
async function requestFor(kql: string): Promise<ScanRequest> {
  let request: ScanRequest | undefined;
  const { plan } = compileQuery(kql, TABLES);
  await execute(
    plan,
    {
      tables: {
        scan: async (r, sink) => {
          request ??= r;
          sink.end();
        },
      },
      now: parseDateTime('2026-10-21T00:00:00Z') as bigint,
    },
    new CollectSink(),
  );
  if (!request) throw new Error('the query scanned nothing');
  return request;
}

interface Read {
  rows: string[];
  filtered: (string | undefined)[];
  problems: string[];
  stats: LineReadStats;
}

async function read(file: string, request: ScanRequest, parseEveryLine: boolean): Promise<Read> {
  const out: Read = { rows: [], filtered: [], problems: [], stats: { lines: 0, parsed: 0 } };
  const text = (v: unknown) => JSON.stringify(v, (_, x) => (typeof x === 'bigint' ? `${x}n` : x));
  out.stats = await readLogAnalyticsLines(
    file,
    request,
    {
      onRow: (row) => out.rows.push(text(row)),
      onProblem: (p) => out.problems.push(`${p.line}: ${p.field ?? ''} ${p.reason}`),
      onFiltered: (id) => out.filtered.push(id),
    },
    { parseEveryLine },
  );
  return out;
}

function writeLines(name: string, lines: readonly string[]): string {
  const file = join(dir, name);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

/** A Log Analytics row; nested keys named like the columns read come before them (a later mention is safe too). */
function record(fields: {
  time: string;
  id?: unknown;
  initiatedBy?: unknown;
  extra?: Record<string, unknown>;
}) {
  return {
    AdditionalDetails: [{ TimeGenerated: '2026-10-20T00:00:00Z', Id: 'nested' }],
    TenantId: 't',
    TimeGenerated: fields.time,
    OperationName: 'Add user',
    ...(fields.id === undefined ? {} : { Id: fields.id }),
    InitiatedBy: fields.initiatedBy ?? { user: { userPrincipalName: 'a@b.c' } },
    TargetResources: [{ userPrincipalName: 'x@y.z', modifiedProperties: [] }],
    ...fields.extra,
    Type: 'AuditLogs',
  };
}

const APP = { app: { displayName: 'Sync', ipAddress: '1.2.3.4' } };
const OLD = '2026-10-01T00:00:00Z';
const NEW = '2026-10-15T00:00:00Z';

/** Lines that exercise every way a shortcut could go wrong. */
function trickyLines(): string[] {
  const lines: string[] = [];
  let n = 0;
  const add = (o: unknown) => lines.push(JSON.stringify(o));
  for (let i = 0; i < 20; i++) {
    add(record({ time: OLD, id: `old-user-${n++}` }));
    add(record({ time: OLD, id: `old-app-${n++}`, initiatedBy: APP }));
    add(record({ time: NEW, id: `new-user-${n++}` }));
    add(record({ time: NEW, id: `new-app-${n++}`, initiatedBy: APP }));
  }
  // The app key only inside a JSON-encoded string: it is there all the same.
  add(record({ time: NEW, id: 'encoded-app', initiatedBy: JSON.stringify(APP) }));
  // "app" as a value, not a key; and an app bag with no display name.
  add(record({ time: NEW, id: 'app-as-value', initiatedBy: { user: { note: 'app' } } }));
  add(record({ time: NEW, id: 'app-no-name', initiatedBy: { app: { ipAddress: '1.1.1.1' } } }));
  // Duplicates of a record dropped early and of one kept.
  add(record({ time: OLD, id: 'old-user-0' }));
  add(record({ time: NEW, id: 'new-app-3', initiatedBy: APP }));
  // No Id, a null Id, a numeric Id, an Id with an escape.
  add(record({ time: OLD }));
  add(record({ time: OLD, id: null }));
  add(record({ time: OLD, id: 42 }));
  add(record({ time: OLD, id: 'quote"d' }));
  // Key order changed: Id first, TimeGenerated last.
  lines.push(`{"Id":"reordered","InitiatedBy":{"user":{}},"Type":"AuditLogs","TimeGenerated":"${OLD}"}`);
  // Spaces around the structure.
  lines.push(`  { "TimeGenerated" : "${OLD}" , "Id" : "spaced" , "InitiatedBy" : { "user" : { } } }  `);
  // A repeated key: JSON.parse keeps the last one.
  lines.push(`{"TimeGenerated":"${OLD}","Id":"repeat-late","InitiatedBy":{},"TimeGenerated":"${NEW}"}`);
  lines.push(`{"TimeGenerated":"${NEW}","TimeGenerated":"${OLD}","Id":"repeat-early","InitiatedBy":{}}`);
  lines.push(`{"TimeGenerated":"${OLD}","Id":"id-repeat","InitiatedBy":{},"Id":"id-repeat-2"}`);
  // A key spelled with an escape is the same key.
  lines.push(`{"TimeGenerated":"${OLD}","Id":"escaped-key","InitiatedBy":{"\\u0061pp":{"displayName":"X"}}}`);
  lines.push(`{"Time\\u0047enerated":"${NEW}","TimeGenerated":"${OLD}","Id":"escaped-time"}`);
  // Values that do not convert, and not-an-object lines: the parser's path reports them.
  lines.push(`{"TimeGenerated":"not a date","Id":"bad-time","InitiatedBy":{}}`);
  lines.push(`{"TimeGenerated":{"nested":1},"Id":"object-time","InitiatedBy":{}}`);
  lines.push(`{"TimeGenerated":12,"Id":"number-time","InitiatedBy":{}}`);
  lines.push('[1,2,3]');
  // Cut short: reported, never dropped unread.
  lines.push(`{"TimeGenerated":"${OLD}","Id":"cut","InitiatedBy":{"user":`);
  // A later mention of a key read, as a value: the line is parsed (the check cannot tell it from a key).
  add(record({ time: OLD, id: 'mention', extra: { Note: 'TimeGenerated' } }));
  // Strings holding quotes, braces and backslashes before the fields read.
  lines.push(
    `{"Note":"a \\"quoted\\" {brace} [x] \\\\","TimeGenerated":"${OLD}","Id":"strings","InitiatedBy":{}}`,
  );
  return lines;
}

describe('reading lines without parsing them', () => {
  const queries = [
    'AuditLogs | where TimeGenerated >= datetime(2026-10-10) | where isnotempty(tostring(InitiatedBy.app.displayName)) | project Id, TimeGenerated, InitiatedBy',
    'AuditLogs | where TimeGenerated >= datetime(2026-10-10) | project Id',
    'AuditLogs | where isnotempty(tostring(parse_json(tostring(InitiatedBy.app)).displayName)) | project Id',
    'AuditLogs | summarize min(TimeGenerated), max(TimeGenerated)',
    'AuditLogs | summarize count() by OperationName',
  ];
  for (const kql of queries) {
    it(`gives what parsing gives: ${kql}`, async () => {
      const file = writeLines(`tricky-${queries.indexOf(kql)}.jsonl`, trickyLines());
      const request = await requestFor(kql);
      const parsed = await read(file, request, true);
      const fast = await read(file, request, false);
      assert.deepEqual(fast.rows, parsed.rows);
      assert.deepEqual(fast.filtered, parsed.filtered);
      assert.deepEqual(fast.problems, parsed.problems);
      assert.equal(parsed.stats.parsed, parsed.stats.lines);
      assert.ok(fast.stats.parsed < fast.stats.lines, `the parser was skipped (${fast.stats.parsed} parsed)`);
      assert.ok(
        parsed.problems.some((p) => p.includes('invalid JSON')),
        'the cut line is reported',
      );
    });
  }

  it('stops trying a check that drops too few lines, and tries again later', async () => {
    // A tenth of the lines are old: the time check is tried on 1,000 lines, set aside for 50,000, tried again.
    const lines: string[] = [];
    for (let i = 0; i < 60_000; i++) {
      lines.push(JSON.stringify(record({ time: i % 10 === 0 ? OLD : NEW, id: `r${i}` })));
    }
    const file = writeLines('mostly-new.jsonl', lines);
    const request = await requestFor('AuditLogs | where TimeGenerated >= datetime(2026-10-10) | project Id');
    const parsed = await read(file, request, true);
    const fast = await read(file, request, false);
    assert.deepEqual(fast.rows, parsed.rows);
    assert.deepEqual(fast.filtered, parsed.filtered);
    // Only the trials drop early: 100 of the first 1,000 lines and of the 1,000 after 51,000.
    assert.equal(fast.stats.lines - fast.stats.parsed, 200);
  });
});

describe('TopLevelPeek', () => {
  const peekAt = (text: string, keys: string[]) => {
    const buf = Buffer.from(text);
    const peek = new TopLevelPeek(keys);
    const ok = peek.scan(
      buf,
      0,
      buf.length,
      keys.map((_, i) => i),
    );
    return {
      ok,
      values: peek.found.map((r) => (r.start < 0 ? undefined : buf.toString('utf8', r.start, r.end))),
      complete: peek.complete,
    };
  };

  it('finds top-level keys only, whatever is nested or quoted before them', () => {
    const r = peekAt('{"a":{"Id":"inner","b":[1,{"Id":2}]},"s":"\\"Id\\":3","Id":"outer","n":-1.5e3}', [
      'Id',
      'n',
    ]);
    assert.deepEqual(r, { ok: true, values: ['"outer"', '-1.5e3'], complete: false });
  });

  it('stops at the last wanted key, or reads to the end when one is missing', () => {
    assert.equal(peekAt('{"x":1,"y":2}', ['x']).complete, false);
    assert.deepEqual(peekAt('{"x":1,"y":2}', ['z']), { ok: true, values: [undefined], complete: true });
  });

  it('gives up on what it cannot vouch for', () => {
    assert.equal(peekAt('{"x":1,"x":2}', ['x', 'y']).ok, false, 'a repeated key');
    assert.equal(peekAt('{"\\u0078":1}', ['x']).ok, false, 'an escaped key');
    assert.equal(peekAt('{"x":1', ['y']).ok, false, 'a cut object');
    assert.equal(peekAt('[{"x":1}]', ['x']).ok, false, 'not an object');
    assert.equal(peekAt('{"x":"open', ['x']).ok, false, 'an open string');
  });
});
