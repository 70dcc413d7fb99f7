/**
 * The tables queries bind against: each declared with its Microsoft table-reference types, and a table the logs
 * hold no rows for reads as empty with one notice (as in a workspace without that connector).
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { executeToRows } from '../../src/engine/execute.js';
import { compileQuery } from '../../src/kql/analyze.js';
import { LogSource } from '../../src/sources/log-source.js';
import { findTable, TABLES } from '../../src/tables/index.js';
import { TEST_NOW } from '../support/query.js';

const ISSUE_TABLES = [
  'AuditLogs',
  'SigninLogs',
  'AADNonInteractiveUserSignInLogs',
  'AADServicePrincipalSignInLogs',
  'IdentityInfo',
  'SecurityAlert',
  'BehaviorAnalytics',
];

describe('tables', () => {
  it('declares every table the Sentinel AuditLogs rules join with, each with TimeGenerated and Type', () => {
    for (const name of ISSUE_TABLES) {
      const t = findTable(name);
      assert.ok(t, `${name} is declared`);
      const types = new Map(t.columns.map((c) => [c.name, c.type]));
      assert.equal(types.get('TimeGenerated'), 'datetime', name);
      assert.equal(types.get('Type'), 'string', name);
      assert.equal(types.get('TenantId'), 'string', name);
      assert.equal(
        new Set(t.columns.map((c) => c.name)).size,
        t.columns.length,
        `${name}: no duplicate column`,
      );
    }
  });

  it('binds each table with the types of the Azure Monitor table reference', () => {
    // Types the reference gives that queries depend on (string vs dynamic differs between sign-in tables).
    const expected: [string, string, string][] = [
      ['SigninLogs', 'ResultType', 'string'],
      ['SigninLogs', 'DeviceDetail', 'dynamic'],
      ['SigninLogs', 'LocationDetails', 'dynamic'],
      ['SigninLogs', 'IsInteractive', 'bool'],
      ['AADNonInteractiveUserSignInLogs', 'DeviceDetail', 'string'],
      ['AADNonInteractiveUserSignInLogs', 'LocationDetails', 'string'],
      ['AADServicePrincipalSignInLogs', 'ServicePrincipalCredentialKeyId', 'string'],
      ['IdentityInfo', 'AssignedRoles', 'dynamic'],
      ['IdentityInfo', 'InvestigationPriority', 'int'],
      ['SecurityAlert', 'ExtendedProperties', 'string'],
      ['SecurityAlert', 'ConfidenceScore', 'real'],
      ['BehaviorAnalytics', 'InvestigationPriority', 'int'],
      ['BehaviorAnalytics', 'UsersInsights', 'dynamic'],
    ];
    for (const [table, column, type] of expected) {
      const { plan } = compileQuery(`${table} | project ${column}`, TABLES);
      assert.deepEqual(
        plan.schema.map((c) => [c.name, c.type]),
        [[column, type]],
        `${table}.${column}`,
      );
    }
  });
});

describe('a table with no data', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kqlhunt-tables-'));
    const row = {
      TimeGenerated: '2026-10-20T10:00:00Z',
      OperationName: 'Update user',
      InitiatedBy: { user: { userPrincipalName: 'adele@contoso.com' } },
      Type: 'AuditLogs',
    };
    await writeFile(join(dir, 'audit.jsonl'), `${JSON.stringify(row)}\n`);
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads as empty, and the source says so once per table', async () => {
    const empty: string[] = [];
    const source = await LogSource.open([dir], { onEmptyTable: (t) => empty.push(t) });
    const query = `AuditLogs
      | extend UserPrincipalName = tostring(InitiatedBy.user.userPrincipalName)
      | join kind=leftouter (SigninLogs | summarize SignIns = count() by UserPrincipalName) on UserPrincipalName
      | project OperationName, UserPrincipalName, SignIns`;
    const { plan } = compileQuery(query, TABLES);
    const rows = await executeToRows(plan, { tables: source, now: TEST_NOW });
    // A left outer join with an empty right side keeps the left row with nulls (count() of no rows: no group).
    assert.deepEqual(rows, [['Update user', 'adele@contoso.com', null]]);
    assert.deepEqual(empty, ['SigninLogs']);
  });
});
