/** Input quirks and damage: each is read as far as it can be, and what cannot be read is reported. */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { convertCommand } from '../../src/cli/convert.js';
import type { Notices } from '../../src/cli/notices.js';
import { formatDateTime } from '../../src/engine/values/datetime.js';
import { parallelOptionsFor } from '../../src/parallel/log-source-options.js';
import { generateTenant } from '../../src/sim/tenant.js';
import { detectFormat } from '../../src/sources/formats/index.js';
import { LogSource } from '../../src/sources/log-source.js';
import { describeProblem, InputError } from '../../src/sources/problems.js';
import { parseLocaleDateTime, parseSourceDateTime } from '../../src/sources/source-dates.js';
import { graphPage, jsonLines, toDiagnostic, toGraph, toPowerShell } from '../support/format-writers.js';
import type { Rec } from './read-records.js';
import { readRecords } from './read-records.js';

const root = mkdtempSync(join(tmpdir(), 'kqlhunt-quirks-'));
after(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
function file(name: string, content: string | Buffer): string {
  const p = join(root, `${n++}-${name}`);
  writeFileSync(p, content);
  return p;
}

const read = readRecords;

const tenant = [
  ...generateTenant({ seed: 3, users: 2, days: 1, eventsPerUserPerDay: 12, end: 20_000n * 864_000_000_000n }),
];
const laLines = jsonLines(tenant);

describe('source timestamps', () => {
  it('keep every fractional digit, whatever the spelling', () => {
    const t = (s: unknown) => {
      const v = parseSourceDateTime(s);
      return v === null ? null : formatDateTime(v);
    };
    assert.equal(t('2026-10-20T08:20:03.1234567Z'), '2026-10-20T08:20:03.1234567Z');
    assert.equal(t('2026-10-20T08:20:03.1234567+00:00'), '2026-10-20T08:20:03.1234567Z');
    assert.equal(t('2026-10-20T10:20:03.1234567+02:00'), '2026-10-20T08:20:03.1234567Z');
    assert.equal(t('/Date(1544400226616)/'), '2018-12-10T00:03:46.6160000Z');
    assert.equal(
      t('/Date(1544400226616+0100)/'),
      '2018-12-10T00:03:46.6160000Z',
      'the offset only says how to show it',
    );
    assert.equal(
      t({ value: '/Date(1544400226616)/', DisplayHint: 2, DateTime: 'Monday, December 10, 2018 00:03:46' }),
      '2018-12-10T00:03:46.6160000Z',
    );
    assert.equal(t('not a date'), null);
  });

  it('read portal locale dates in either day/month order', () => {
    const t = (s: string, o: 'mdy' | 'dmy') => {
      const v = parseLocaleDateTime(s, o);
      return v === null ? null : formatDateTime(v);
    };
    assert.equal(t('8/2/2021, 1:29:25.983 PM', 'mdy'), '2021-08-02T13:29:25.9830000Z');
    assert.equal(t('8/2/2021, 12:05:00.000 AM', 'mdy'), '2021-08-02T00:05:00.0000000Z');
    assert.equal(t('16/07/2026 20:26:12.030', 'dmy'), '2026-07-16T20:26:12.0300000Z');
    assert.equal(t('16/07/2026 20:26:12.030', 'mdy'), null, 'month 16 does not exist');
    assert.equal(t('02.08.2021 13:29:25,9831234', 'dmy'), '2021-08-02T13:29:25.9831234Z');
  });
});

describe('PowerShell SDK output', () => {
  it('is re-cased to Log Analytics spelling, AdditionalProperties merged, /Date()/ read', async () => {
    const g = toPowerShell(tenant.find((r) => (r.InitiatedBy as Rec).user) as Rec);
    g.ActivityDateTime = '/Date(1728000000123)/';
    const user = (g.InitiatedBy as Rec).User as Rec;
    user.AdditionalProperties = { userType: 'Member', roles: [] };
    const { rows, source } = await read([file('ps.json', JSON.stringify(g, null, 4))]);
    assert.equal(source.files[0]?.format.name, 'powershell-json');
    const r = rows[0] as Rec;
    assert.equal(r.TimeGenerated, '2024-10-04T00:00:00.1230000Z');
    const u = (r.InitiatedBy as { user: Rec }).user;
    assert.deepEqual(Object.keys(u).sort(), [
      'displayName',
      'id',
      'ipAddress',
      'roles',
      'userPrincipalName',
      'userType',
    ]);
    assert.equal(Object.keys(r.InitiatedBy as Rec).join(), 'user', 'the null App branch is dropped');
    const mp = ((r.TargetResources as Rec[])[0] as { modifiedProperties: Rec[] })
      .modifiedProperties[0] as Rec;
    assert.deepEqual(Object.keys(mp).sort(), ['displayName', 'newValue', 'oldValue']);
    assert.equal(typeof mp.newValue, 'string');
  });
});

describe("PowerShell output cut by ConvertTo-Json's default depth", () => {
  it('is read, with a warning that the nested data is missing', async () => {
    const g = toPowerShell(tenant[0] as Rec);
    g.InitiatedBy = { App: 'Microsoft.Graph.PowerShell.Models.MicrosoftGraphAppIdentity', User: null };
    const { rows, source } = await read([file('shallow.json', JSON.stringify([g, g]))]);
    assert.equal(rows.length, 1);
    assert.equal(source.problems.warnings, 1);
    assert.match(source.problems.kept[0]?.reason ?? '', /ConvertTo-Json -Depth 10/);
  });
});

describe('Log Analytics CSV exports', () => {
  const header = 'TimeGenerated [UTC],OperationName,Id,InitiatedBy\n';
  const by = '"{""app"":{""displayName"":""X""}}"';
  it('take day-first dates when the file shows them', async () => {
    const csv = `${header}16/07/2026 20:26:12.030,Add user,a,${by}\n03/07/2026 08:00:00.000,Add user,b,${by}\n`;
    const { rows, source } = await read([file('dmy.csv', csv)]);
    assert.deepEqual(
      rows.map((r) => r.TimeGenerated),
      ['2026-07-16T20:26:12.0300000Z', '2026-07-03T08:00:00.0000000Z'],
    );
    assert.equal(source.problems.warnings, 0);
    assert.deepEqual(rows[0]?.InitiatedBy, { app: { displayName: 'X' } });
  });
  it('warn when the day/month order cannot be told', async () => {
    const { source } = await read([file('amb.csv', `${header}03/07/2026 08:00:00.000,Add user,b,\n`)]);
    assert.match(source.problems.kept[0]?.reason ?? '', /day\/month or month\/day/);
  });
  it('refuse local-time dates (the offset is unknown) instead of guessing', async () => {
    const csv = 'TimeGenerated [Local Time],OperationName,Id\n"7/16/2026, 8:26:12.030 PM",Add user,a\n';
    const { rows, source } = await read([file('local.csv', csv)]);
    assert.equal(rows.length, 0);
    assert.equal(source.problems.damagedFiles, 1);
    assert.match(describeProblem(source.problems.kept[0] as never), /local time.*UTC offset is unknown/);
  });
  it('skip a row with the wrong number of fields, naming its line', async () => {
    const date = '"7/16/2026, 8:26:12.030 PM"';
    const csv = `${header}${date},"Add\nuser",a,\n${date},Add user\n`;
    const { rows, source } = await read([file('short.csv', csv)]);
    assert.equal(rows.length, 1);
    assert.equal(rows[0]?.OperationName, 'Add\nuser');
    assert.equal(source.problems.kept[0]?.line, 4, 'the quoted line break counts');
    assert.match(source.problems.kept[0]?.reason ?? '', /2 fields where the header has 4/);
  });
});

describe('narrow Log Analytics exports', () => {
  it('a JSON-lines file with a single column is read as Log Analytics rows, not ignored', async () => {
    const narrow = file(
      'narrow.jsonl',
      '{"TimeGenerated":"2026-10-20T01:00:00.1234567Z"}\n{"TimeGenerated":"2026-10-20T02:00:00Z"}\n',
    );
    const ops = file('ops.jsonl', '{"OperationName":"Add user"}\n');
    const { rows, source } = await read([narrow, ops]);
    assert.deepEqual(
      source.files.map((f) => f.format.name),
      ['log-analytics-jsonl', 'log-analytics-jsonl'],
    );
    assert.deepEqual(
      rows.map((r) => [r.TimeGenerated, r.OperationName]),
      [
        ['2026-10-20T01:00:00.1234567Z', ''],
        ['2026-10-20T02:00:00.0000000Z', ''],
        [null, 'Add user'],
      ],
    );
    // One key that is no AuditLogs column is still no audit log.
    assert.equal((await read([file('other.jsonl', '{"Title":"notes"}\n')])).source.files.length, 0);
  });
});

describe('UTF-16 Log Analytics rows (Windows PowerShell 5.1 Out-File)', () => {
  it('are read as the UTF-8 rows are, in either byte order, with or without a byte-order mark', async () => {
    const expected = (await read([file('utf8.jsonl', laLines)])).rows;
    const le = Buffer.from(laLines, 'utf16le');
    const be = Buffer.from(le).swap16();
    const variants = {
      'le-bom': Buffer.concat([Buffer.from([0xff, 0xfe]), le]),
      le,
      'be-bom': Buffer.concat([Buffer.from([0xfe, 0xff]), be]),
      be,
      'le-gzip': gzipSync(le),
    };
    for (const [name, bytes] of Object.entries(variants)) {
      const path = file(`${name}.jsonl`, bytes);
      const { rows, source } = await read([path]);
      assert.equal(source.files[0]?.format.name, 'log-analytics-jsonl', name);
      assert.equal(source.problems.total, 0, name);
      assert.deepEqual(rows, expected, name);
      // Its byte offsets are not those of lines of UTF-8: a parallel scan must take it whole.
      const [shape] = parallelOptionsFor(source, 2).files('AuditLogs') ?? [];
      assert.equal(shape?.splittable, false, name);
    }
    const plain = await LogSource.open([file('plain.jsonl', laLines)]);
    assert.equal(parallelOptionsFor(plain, 2).files('AuditLogs')?.[0]?.splittable, true);
  });
});

describe('Log Analytics query API responses', () => {
  const response = (rows: unknown[][], extra = '') =>
    `{"tables": [{"name": "PrimaryResult", "columns": [{"name": "TimeGenerated", "type": "datetime"}, {"name": "OperationName", "type": "string"}, {"name": "InitiatedBy", "type": "dynamic"}], "rows": [\n${rows.map((r) => JSON.stringify(r)).join(',\n')}\n]}${extra}]}`;

  it("map each row by its table's columns (dynamic values as JSON text)", async () => {
    const path = file(
      'api.json',
      response([['2026-10-20T01:00:00.1234567Z', 'Add user', '{"app": {"displayName": "Backup"}}']]),
    );
    const { rows, source } = await read([path]);
    assert.equal(source.files[0]?.format.name, 'log-analytics-api-json');
    assert.deepEqual(
      rows.map((r) => [r.TimeGenerated, r.OperationName, r.InitiatedBy]),
      [['2026-10-20T01:00:00.1234567Z', 'Add user', { app: { displayName: 'Backup' } }]],
    );
  });

  it('skip and report a row of the wrong length and the rows of a table with no AuditLogs column', async () => {
    const path = file(
      'api-bad.json',
      response(
        [
          ['2026-10-20T01:00:00Z', 'Add user', null],
          ['2026-10-20T02:00:00Z', 'Delete user'],
          ['2026-10-20T03:00:00Z', 'Update user', null],
        ],
        ', {"name": "Stats", "columns": [{"name": "n", "type": "long"}], "rows": [[1], [2]]}',
      ),
    );
    const { rows, source } = await read([path]);
    assert.deepEqual(
      rows.map((r) => r.OperationName),
      ['Add user', 'Update user'],
    );
    assert.equal(source.problems.skippedRecords, 3);
    assert.deepEqual(source.problems.kept.map(describeProblem), [
      `${path}:3 (record 1): 2 values for 3 columns`,
      `${path}:5 (record 0): table 2: the table has no AuditLogs column`,
      `${path}:5 (record 1): table 2: the table has no AuditLogs column`,
    ]);
    await assert.rejects(read([path], true), /api-bad\.json:3 \(record 1\): 2 values for 3 columns/);
  });

  it("never maps a table's rows by another table's columns (rows before their columns, or no columns)", async () => {
    const path = file(
      'api-order.json',
      `{"tables": [
{"name": "A", "columns": [{"name": "OperationName", "type": "string"}, {"name": "Id", "type": "string"}], "rows": [["Add user", "a1"]]},
{"name": "B", "rows": [["b1", "Delete user"]], "columns": [{"name": "Id", "type": "string"}, {"name": "OperationName", "type": "string"}]},
{"name": "C", "rows": [["Update user", "c1"]]}
]}`,
    );
    const { rows, source } = await read([path]);
    assert.deepEqual(
      rows.map((r) => [r.OperationName, r.Id]),
      [['Add user', 'a1']],
    );
    assert.deepEqual(source.problems.kept.map(describeProblem), [
      `${path}:3 (record 0): table 2: rows come before their table's "columns"`,
      `${path}:4 (record 0): table 3: rows come before their table's "columns"`,
    ]);
  });

  it('a partial response (the API\'s "error" next to its tables) is reported: rows are missing', async () => {
    const path = file(
      'api-partial.json',
      response(
        [['2026-10-20T01:00:00Z', 'Add user', null]],
        '], "error": {"code": "PartialError", "message": "There were some errors when processing your query.", "details": [{"code": "EngineError", "message": "Query result set has exceeded the internal record count limit"}]}, "x": [',
      ),
    );
    const { rows, source } = await read([path]);
    assert.deepEqual(
      rows.map((r) => r.OperationName),
      ['Add user'],
    );
    assert.equal(source.problems.damagedFiles, 1);
    assert.match(
      describeProblem(source.problems.kept[0] as never),
      /api-partial\.json:3: .*PartialError.*There were some errors.*exceeded the internal record count limit/,
    );
    await assert.rejects(read([path], true), /PartialError/);
  });

  it('is told by a top-level "tables" holding "columns": "tables" keys inside another format\'s records are not it', () => {
    const nested = '{"tables": [{"columns": [{"name": "a"}]}]}';
    const graph = `{"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#auditLogs/directoryAudits", "value": [{"id": "x", "activityDateTime": "2026-10-20T01:00:00Z", "targetResources": [{"id": "t", "extra": ${nested}}]}]}`;
    const diagnostic = `{"records": [{"time": "2026-10-20T01:00:00Z", "operationName": "Add user", "properties": ${nested}}]}`;
    assert.equal(detectFormat(graph, 'page.json')?.name, 'graph-json');
    assert.equal(detectFormat(diagnostic, 'blob.json')?.name, 'diagnostic-json');
    assert.equal(detectFormat(`[${nested}]`, 'array.json')?.name, undefined);
    assert.equal(
      detectFormat(`{"statistics": {"x": 1}, ${nested.slice(1)}`, 'api.json')?.name,
      'log-analytics-api-json',
    );
    assert.equal(detectFormat(response([]), 'api.json')?.name, 'log-analytics-api-json');
  });

  it('a truncated response keeps the rows before the damage and says so', async () => {
    const whole = response([
      ['2026-10-20T01:00:00Z', 'Add user', null],
      ['2026-10-20T02:00:00Z', 'Delete user', null],
    ]);
    const path = file('api-cut.json', whole.slice(0, whole.indexOf('Delete')));
    const { rows, source } = await read([path]);
    assert.deepEqual(
      rows.map((r) => r.OperationName),
      ['Add user'],
    );
    assert.equal(source.problems.damagedFiles, 1);
    assert.match(describeProblem(source.problems.kept[0] as never), /api-cut\.json:3: .*truncated/);
  });
});

describe('damage', () => {
  it('a truncated gzip keeps the records before the damage and says so', async () => {
    const gz = gzipSync(Buffer.from(laLines));
    const cut = file('cut.jsonl.gz', gz.subarray(0, Math.floor(gz.length * 0.6)));
    const { rows, source } = await read([cut]);
    assert.ok(rows.length > 0 && rows.length < tenant.length, `${rows.length} of ${tenant.length}`);
    assert.equal(source.problems.damagedFiles, 1);
    assert.ok(source.problems.kept.some((p) => /compressed data ends early/.test(p.reason)));
    await assert.rejects(read([cut], true), InputError);
  });

  it('a truncated Graph page: the complete records are read, the cut one reported', async () => {
    const page = graphPage(tenant.slice(0, 5).map(toGraph), true);
    const cut = page.slice(0, page.lastIndexOf('"id"'));
    const { rows, source } = await read([file('page.json', cut)]);
    assert.equal(rows.length, 4);
    assert.equal(source.problems.skippedRecords, 1);
    assert.equal(source.problems.damagedFiles, 1);
    assert.match(
      describeProblem(source.problems.kept[0] as never),
      /page\.json:1 \(record 4\): the file ends inside this record/,
    );
  });

  it('a malformed record in a pretty-printed array is skipped with its line and index', async () => {
    const recs = tenant.slice(0, 3).map((r) => toDiagnostic(r, false));
    const text = JSON.stringify({ records: recs }, null, 2).replace('"operationName"', '"operationName" 1');
    const { rows, source } = await read([file('blob.json', text)]);
    assert.equal(rows.length, 2);
    const p = source.problems.kept[0];
    assert.equal(p?.record, 0);
    assert.equal(p?.line, 3);
    assert.match(p?.reason ?? '', /invalid JSON/);
    await assert.rejects(read([file('blob2.json', text)], true), /record 0\): invalid JSON/);
  });

  it('empty files hold nothing; files of unknown format are named and ignored', async () => {
    const empty = file('empty.json', '');
    const emptyGz = file('empty.json.gz', gzipSync(Buffer.alloc(0)));
    const text = file('notes.json', '{"title": "IR notes", "owner": "me"}');
    const binary = file('image.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3]));
    const bomCrlf = file('la.jsonl', `\ufeff${laLines.replace(/\n/g, '\r\n')}`);
    const { rows, source } = await read([empty, emptyGz, text, binary, bomCrlf]);
    assert.equal(rows.length, tenant.length, 'BOM and CRLF are read through');
    assert.deepEqual(
      source.unread.map((u) => u.reason),
      [
        'empty',
        'empty',
        'not a recognised audit-log format; ignored',
        'not a recognised audit-log format; ignored',
      ],
    );
    assert.equal(source.problems.ignoredFiles, 2);
    await assert.rejects(read([text], true), /notes\.json: not a recognised audit-log format/);
  });
});

describe('kqlhunt convert', () => {
  const quiet: Notices = { notice() {}, progress() {}, done() {} };
  it('writes normalized rows that --logs reads back identically', async () => {
    const dir = mkdtempSync(join(root, 'mixed-'));
    writeFileSync(join(dir, 'graph.json'), graphPage(tenant.slice(0, 10).map(toGraph), false, 2));
    writeFileSync(
      join(dir, 'blob.json'),
      JSON.stringify({ records: tenant.slice(10).map((r) => toDiagnostic(r, true)) }),
    );
    writeFileSync(join(dir, 'again.jsonl'), jsonLines(tenant.slice(0, 3))); // duplicates
    const out = join(root, 'converted.jsonl');
    assert.equal(await convertCommand([dir, '--to', 'jsonl', '--output', out], quiet), 0);
    const original = await read([dir]);
    const back = await read([out]);
    assert.equal(back.source.files[0]?.format.name, 'log-analytics-jsonl');
    assert.equal(original.source.stats.duplicates, 3);
    assert.equal(back.rows.length, tenant.length);
    const canon = (rows: Rec[]) => JSON.stringify(rows, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v));
    assert.equal(canon(back.rows), canon(original.rows));
    const lines = readFileSync(out, 'utf8').trimEnd().split('\n');
    const fromGraph = JSON.parse(lines.find((l) => l.includes(tenant[5]?.Id as string)) as string) as Rec;
    assert.equal(fromGraph.TimeGenerated, tenant[5]?.TimeGenerated, 'ISO 8601 with 7 fractional digits');
    assert.equal(fromGraph.TenantId, undefined, 'an empty column is left out');
  });
  it('refuses an unknown target', async () => {
    await assert.rejects(convertCommand([root, '--to', 'parquet'], quiet), /not a target/);
  });
});
