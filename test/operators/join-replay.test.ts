/**
 * A join whose right side is too large to hold reads it again with the left side as the build side
 * (operators/join.ts). The rows must be those of the ordinary hash join, for every kind; only their order
 * may differ, which KQL does not promise for a join.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ScanRequest, TableProvider } from '../../src/engine/execute.js';
import { executeToRows } from '../../src/engine/execute.js';
import type { RowSink } from '../../src/engine/operators/sink.js';
import { compileQuery } from '../../src/kql/analyze.js';
import { AUDIT_LOGS } from '../../src/tables/auditlogs.js';
import { TABLES } from '../../src/tables/index.js';
import { memoryTables, runQuery, TEST_NOW } from '../support/query.js';
import { jsonRows, unordered } from './rows.js';

const KINDS = [
  'inner',
  'innerunique',
  'leftouter',
  'rightouter',
  'fullouter',
  'leftanti',
  'leftsemi',
  'rightanti',
  'rightsemi',
] as const;

/** The query's rows as a multiset, with the right side held (default) and given up at once (1 value). */
async function bothWays(kql: string, records: readonly Record<string, unknown>[] = []) {
  const held = await runQuery(kql, records);
  const replayed = await runQuery(kql, records, TEST_NOW, { joinRightCells: 1 });
  return { held: unordered(jsonRows(held)), replayed: unordered(jsonRows(replayed)) };
}

/** In-memory AuditLogs that count the scans made of them. */
function countingTables(records: readonly Record<string, unknown>[]): TableProvider & { scans: number } {
  const base = memoryTables(records);
  const tables = {
    scans: 0,
    scan(request: ScanRequest, sink: RowSink) {
      tables.scans++;
      return base.scan(request, sink);
    },
  };
  return tables;
}

const STRING_SIDES = `let L = datatable(k:string, a:long)["x", 1, "x", 2, "y", 3, "", 4, "X", 5, "v", 6];
  let R = datatable(k:string, b:long)["x", 10, "x", 11, "z", 12, "", 13, "y", 14, "X", 15];`;
const LONG_SIDES = `let L = datatable(k:long, a:string)[1, "a", 1, "b", 2, "c", long(null), "d", 4, "e"];
  let R = datatable(k:long, b:string)[1, "p", 2, "q", 2, "r", long(null), "s", 3, "t"];`;

describe('join with the right side read again', () => {
  for (const kind of KINDS) {
    it(`kind=${kind}: the same rows as holding the right side (duplicate, empty and null keys)`, async () => {
      for (const sides of [STRING_SIDES, LONG_SIDES]) {
        const { held, replayed } = await bothWays(`${sides} L | join kind=${kind} R on k`);
        assert.ok(held.length > 0, `${kind} finds rows`);
        assert.deepEqual(replayed, held);
      }
    });
  }

  it('joins nested on the left wait for each other: the left side is complete before the right is read', async () => {
    const { held, replayed } = await bothWays(
      `${STRING_SIDES} L | join kind=inner R on k | project k, a, b | join kind=leftouter (R | project k, c = b * 2) on k`,
    );
    assert.equal(held.length, 11);
    assert.deepEqual(replayed, held);
  });

  it('a join on the right of another join: the outer one gives up its right side during the inner replay', async () => {
    // The outer join first sees right rows while the inner join's right side is being read again.
    for (const kql of [
      `${STRING_SIDES} L | join kind=inner (L | join kind=inner R on k | project k, b) on k`,
      `${STRING_SIDES} let J = L | join kind=leftouter R on k; J | join kind=rightouter (J | project k, c = a) on k`,
    ]) {
      const { held, replayed } = await bothWays(kql);
      assert.ok(held.length > 0);
      assert.deepEqual(replayed, held, kql);
    }
  });

  it("reads the table again only past the limit; Sentinel's small-left join over AuditLogs", async () => {
    const records = Array.from({ length: 60 }, (_, i) => ({
      TimeGenerated: `2026-10-20T0${i % 10}:00:00Z`,
      OperationName: i % 15 === 0 ? 'Add user' : `Update ${i % 4}`,
      CorrelationId: `c${i % 12}`,
      TargetResources: [{ modifiedProperties: [{ displayName: `p${i % 3}` }, { displayName: 'q' }] }],
    }));
    const kql = `let added = AuditLogs | where OperationName == "Add user" | summarize by CorrelationId;
      let events = AuditLogs | extend M = TargetResources[0].modifiedProperties | mv-expand M
        | extend Property = tostring(M.displayName);
      added | join events on CorrelationId | summarize n = count() by CorrelationId, OperationName, Property`;
    const { plan } = compileQuery(kql, TABLES);
    const run = async (joinRightCells?: number) => {
      const tables = countingTables(records);
      const rows = await executeToRows(plan, {
        tables,
        now: TEST_NOW,
        ...(joinRightCells ? { joinRightCells } : {}),
      });
      return { rows: unordered(jsonRows({ rows, schema: plan.schema, names: [] })), scans: tables.scans };
    };
    const held = await run();
    assert.equal(held.scans, 1);
    assert.ok(held.rows.length > 0);
    // 120 right rows (60 events × 2 properties) of AuditLogs' columns plus M and Property: held up to that
    // many values, read again past them.
    const cells = 120 * (AUDIT_LOGS.columns.length + 2);
    assert.deepEqual(await run(cells), held);
    const replayed = await run(cells - 1);
    assert.equal(replayed.scans, 2);
    assert.deepEqual(replayed.rows, held.rows);
  });

  it('never reads again a right side with a random function: it would not be the same rows', async () => {
    const tables = countingTables([{ TimeGenerated: '2026-10-20T00:00:00Z', OperationName: 'x' }]);
    const { plan } = compileQuery(
      'datatable(OperationName:string)["x"] | join (AuditLogs | extend r = rand()) on OperationName | count',
      TABLES,
    );
    const rows = await executeToRows(plan, { tables, now: TEST_NOW, joinRightCells: 1 });
    assert.deepEqual(rows, [[1n]]);
    assert.equal(tables.scans, 1);
  });

  it('nor one with `sample` inside an mv-apply or partition subquery', async () => {
    const records = Array.from({ length: 8 }, (_, i) => ({
      TimeGenerated: '2026-10-20T00:00:00Z',
      Id: `id${i}`,
    }));
    for (const sampled of [
      'mv-apply a to typeof(long) on (sample 1)',
      'mv-expand a to typeof(long) | partition hint.strategy=native by Id (sample 1)',
    ]) {
      // A materialized table joined with itself on every column: each row matches itself.
      const kql = `let T = materialize(AuditLogs | project Id, a = range(1, 20) | ${sampled});
        T | join kind=inner T on Id, a | count`;
      const rows = await runQuery(kql, records, TEST_NOW, { joinRightCells: 1 });
      assert.deepEqual(rows.rows, [[8n]], sampled);
    }
  });
});
