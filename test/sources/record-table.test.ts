/**
 * Sign-in logs beside audit logs, in the same formats: each row goes to the table its Type names, never into
 * AuditLogs; a Type a query export overwrote (`Application`) leaves the row in AuditLogs.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { LogSource } from '../../src/sources/log-source.js';
import { tableNamedInLine } from '../../src/sources/record-table.js';
import { AUDIT_LOGS } from '../../src/tables/auditlogs.js';
import { SIGNIN_LOGS } from '../../src/tables/signinlogs.js';
import type { TableSchema } from '../../src/tables/table-schema.js';
import { runCli } from '../support/cli.js';

const audit = (id: string, hour: number, extra: Record<string, unknown> = {}) => ({
  TimeGenerated: `2026-10-20T0${hour}:00:00Z`,
  OperationName: 'Add user',
  Category: 'UserManagement',
  Id: id,
  ...extra,
});
const signIn = (id: string, hour: number, type = 'SigninLogs') => ({
  TimeGenerated: `2026-10-20T${hour}:00:00Z`,
  OperationName: 'Sign-in activity',
  Category: 'SignInLogs',
  UserPrincipalName: `${id}@contoso.com`,
  Id: id,
  Type: type,
});
const lines = (rows: object[]) => rows.map((r) => `${JSON.stringify(r)}\n`).join('');
/** kqlhunt query over `logs`, as JSON. */
const query = (kql: string, logs: string) => runCli('query', '-q', kql, '--logs', logs, '-F', 'json');

describe('rows of other tables', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kqlhunt-tables-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(
    join(dir, 'audit.jsonl'),
    lines([
      audit('a1', 1, { Type: 'AuditLogs' }),
      audit('a2', 2, { Type: 'Application' }), // a query export's own Type column
      audit('a3', 3), // no Type: an AuditLogs row
    ]),
  );
  writeFileSync(join(dir, 'mixed.jsonl'), lines([signIn('s1', 21), audit('a4', 4, { Type: 'AuditLogs' })]));
  writeFileSync(
    join(dir, 'signin.csv'),
    'TimeGenerated [UTC],OperationName,UserPrincipalName,Id,Type\n' +
      '"10/20/2026, 10:00:00.000 PM",Sign-in activity,s2@contoso.com,s2,SigninLogs\n',
  );
  writeFileSync(
    join(dir, 'api.json'),
    JSON.stringify({
      tables: [
        {
          name: 'PrimaryResult',
          columns: ['TimeGenerated', 'OperationName', 'Id', 'Type'].map((name) => ({ name, type: 'string' })),
          rows: [['2026-10-20T23:00:00Z', 'Sign-in activity', 's3', 'SigninLogs']],
        },
      ],
    }),
  );
  writeFileSync(
    join(dir, 'noninteractive.json'),
    JSON.stringify([signIn('n1', 22, 'AADNonInteractiveUserSignInLogs')], null, 2),
  );
  writeFileSync(
    join(dir, 'PT1H.json'),
    JSON.stringify({
      records: [
        {
          time: '2026-10-20T23:30:00Z',
          operationName: 'Sign-in activity',
          category: 'SignInLogs',
          properties: { id: 'd1', createdDateTime: '2026-10-20T23:30:00Z' },
        },
      ],
    }),
  );

  it('AuditLogs holds only audit rows, whatever the format', () => {
    const r = query('AuditLogs | project Id, Type | order by Id asc', dir);
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), [
      { Id: 'a1', Type: 'AuditLogs' },
      { Id: 'a2', Type: 'Application' },
      { Id: 'a3', Type: '' },
      { Id: 'a4', Type: 'AuditLogs' },
    ]);
    assert.match(
      r.stderr,
      /PT1H\.json:1 \(record 0\): warning: holds SignInLogs records \(diagnostic settings\): not audit events/,
    );
  });

  it('the latest AuditLogs time is not a sign-in time (a pass that reads a few fields without parsing)', () => {
    const r = query('AuditLogs | summarize max(TimeGenerated)', dir);
    assert.deepEqual(JSON.parse(r.stdout), [{ max_TimeGenerated: '2026-10-20T04:00:00.0000000Z' }]);
  });

  it('each other table gets the rows that name it, from every Log Analytics format', () => {
    const r = query('SigninLogs | project Id, UserPrincipalName | order by Id asc', dir);
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), [
      { Id: 's1', UserPrincipalName: 's1@contoso.com' },
      { Id: 's2', UserPrincipalName: 's2@contoso.com' },
      { Id: 's3', UserPrincipalName: '' },
    ]);
    const n = query('AADNonInteractiveUserSignInLogs | project Id', dir);
    assert.deepEqual(JSON.parse(n.stdout), [{ Id: 'n1' }]);
    const empty = query('IdentityInfo | count', dir);
    assert.deepEqual(JSON.parse(empty.stdout), [{ Count: 0 }]);
    assert.match(empty.stderr, /no data for table IdentityInfo: it is read as empty/);
  });

  it('inspect counts the records of other tables in each file, by table', () => {
    const r = runCli('inspect', dir, '-F', 'json');
    assert.equal(r.status, 0, r.stderr);
    const files = (
      JSON.parse(r.stdout) as { files: { path: string; records: number; otherTables: object }[] }
    ).files;
    const by = Object.fromEntries(
      files.map((f) => [f.path.slice(dir.length + 1), [f.records, f.otherTables]]),
    );
    assert.deepEqual(by, {
      'PT1H.json': [0, { 'SignInLogs (diagnostic settings, not read)': 1 }],
      'api.json': [0, { SigninLogs: 1 }],
      'audit.jsonl': [3, {}],
      'mixed.jsonl': [1, { SigninLogs: 1 }],
      'noninteractive.json': [0, { AADNonInteractiveUserSignInLogs: 1 }],
      'signin.csv': [0, { SigninLogs: 1 }],
    });
    assert.match(r.stderr, /; 5 records of other tables\n$/);
  });
});

describe('tableNamedInLine', () => {
  it('reads only its line: lines without Type (a projected export) do not search the whole chunk', () => {
    // 8 MB of 1 KB lines, as a read chunk holds them; searching back past each line's start made this quadratic.
    const line = `${JSON.stringify({ TimeGenerated: '2026-10-20T01:00:00Z', OperationName: 'x'.repeat(960) })}\n`;
    const buf = Buffer.from(line.repeat(8192));
    const started = performance.now();
    for (let s = 0; s < buf.length; s += line.length) {
      assert.equal(tableNamedInLine(buf, s, s + line.length - 1), 'AuditLogs');
    }
    assert.ok(performance.now() - started < 250, `${Math.round(performance.now() - started)} ms`);
    const signIn = Buffer.from(`${JSON.stringify({ Type: 'SigninLogs' })}\n${line}`);
    assert.equal(tableNamedInLine(signIn, signIn.indexOf(10) + 1, signIn.length - 1), 'AuditLogs');
  });
});

describe('rows of other tables dropped before parsing (a filter no row passes)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kqlhunt-tables-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(
    join(dir, 'mixed.jsonl'),
    lines([
      audit('a1', 1, { Type: 'AuditLogs' }),
      audit('a1', 1, { Type: 'AuditLogs' }), // an audit duplicate
      signIn('s1', 21),
      signIn('s1', 21), // a sign-in duplicate
      audit('s1', 2, { Type: 'AuditLogs' }), // an audit row with a sign-in's Id: not its duplicate
    ]),
  );
  const run = (q: string) => query(q, dir);

  it('a sign-in row is not counted in AuditLogs (its Id is not an audit Id)', () => {
    const all = run('AuditLogs | where OperationName == "Add user" | project Id');
    assert.deepEqual(JSON.parse(all.stdout), [{ Id: 'a1' }, { Id: 's1' }]);
    const none = run('AuditLogs | where OperationName == "none" | count');
    assert.deepEqual(JSON.parse(none.stdout), [{ Count: 0 }]);
    assert.match(none.stderr, /dropped 1 duplicate record \(same Id\)/);
  });

  it('a query over two tables counts the duplicates of each', () => {
    const r = run('union AuditLogs, SigninLogs | count');
    assert.deepEqual(JSON.parse(r.stdout), [{ Count: 3 }]);
    assert.match(r.stderr, /dropped 2 duplicate records \(same Id\)/);
  });

  it('a table whose rows the filter drops is not said to have no data', () => {
    const r = run('SigninLogs | where UserPrincipalName == "nobody" | count');
    assert.deepEqual(JSON.parse(r.stdout), [{ Count: 0 }]);
    assert.doesNotMatch(r.stderr, /no data for table SigninLogs/);
    assert.match(r.stderr, /dropped 1 duplicate record \(same Id\)/);
  });

  it('a bad record is counted once when a query reads its file for two tables, and reported by whichever scan meets it', () => {
    const bad = mkdtempSync(join(tmpdir(), 'kqlhunt-tables-bad-'));
    try {
      writeFileSync(
        join(bad, 'mixed.jsonl'),
        `${lines([audit('a1', 1), signIn('s1', 21)])}{not json\n${JSON.stringify(audit('a2', 2, { TimeGenerated: 'never' }))}\n`,
      );
      const both = query('union AuditLogs, SigninLogs | count', bad);
      // The bad TimeGenerated is not read by this query: that row counts (see test/cli/strict.test.ts).
      assert.deepEqual(JSON.parse(both.stdout), [{ Count: 3 }]);
      assert.equal(both.stderr.match(/mixed\.jsonl:3: invalid JSON/g)?.length, 1);
      assert.match(both.stderr, /skipped 1 bad record[;\n]/);
      // The subquery reads Id only and runs first; the bad TimeGenerated is met by the main scan alone.
      const sub = query(
        'let n = toscalar(AuditLogs | summarize dcount(Id)); AuditLogs | where TimeGenerated > datetime(2000-01-01) | extend n',
        bad,
      );
      assert.equal(JSON.parse(sub.stdout).length, 1);
      assert.match(sub.stderr, /mixed\.jsonl:4: field TimeGenerated: not a valid datetime/);
    } finally {
      rmSync(bad, { recursive: true, force: true });
    }
  });

  it('a file read whole once is not read again for a table it does not hold', async () => {
    const only = mkdtempSync(join(tmpdir(), 'kqlhunt-tables-census-'));
    try {
      const file = join(only, 'audit.jsonl');
      writeFileSync(file, lines([audit('a1', 1), audit('a2', 2)]));
      const source = await LogSource.open([only]);
      const scan = async (table: TableSchema) => {
        const rows: unknown[] = [];
        await source.scan(
          { table: table.name, schema: table.columns, columns: table.columns.map(() => true) },
          { push: (r) => rows.push(r), end() {} },
        );
        return rows.length;
      };
      assert.equal(await scan(AUDIT_LOGS), 2);
      // Had the file been read again for SigninLogs, the sign-in written since would be found.
      writeFileSync(file, lines([audit('a3', 3), signIn('s1', 21)]));
      assert.equal(await scan(SIGNIN_LOGS), 0, 'known to hold AuditLogs rows only');
      assert.equal(await scan(AUDIT_LOGS), 1, 'a table it holds is read again');
    } finally {
      rmSync(only, { recursive: true, force: true });
    }
  });
});
