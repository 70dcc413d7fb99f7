/**
 * Running KQL in tests: compile against kqlhunt's tables, execute over in-memory AuditLogs rows (objects keyed
 * by column name, as Log Analytics exports them), and get the result with its schema.
 */
import type { ExecuteOptions, ScanRequest, TableProvider } from '../../src/engine/execute.js';
import { executeToRows } from '../../src/engine/execute.js';
import type { RowSink } from '../../src/engine/operators/sink.js';
import { parseDateTime } from '../../src/engine/values/datetime.js';
import type { Column, Row } from '../../src/engine/values/types.js';
import { compileQuery } from '../../src/kql/analyze.js';
import { logAnalyticsRowMapper } from '../../src/sources/formats/log-analytics-rows.js';
import { TABLES } from '../../src/tables/index.js';

export interface QueryResult {
  readonly schema: readonly Column[];
  readonly rows: Row[];
  readonly names: string[];
}

/** A TableProvider over in-memory AuditLogs records (Log Analytics row objects). */
export function memoryTables(records: readonly Record<string, unknown>[] = []): TableProvider {
  return {
    async scan(request: ScanRequest, sink: RowSink) {
      if (request.table === 'AuditLogs') {
        const map = logAnalyticsRowMapper(request);
        for (const r of records) {
          const row = map(r);
          if (!Array.isArray(row)) throw new Error(`bad test record: ${row.field}: ${row.reason}`);
          sink.push(row);
        }
      }
      sink.end();
    },
  };
}

export const TEST_NOW = parseDateTime('2026-10-21T00:00:00Z') as bigint;

export async function runQuery(
  text: string,
  records: readonly Record<string, unknown>[] = [],
  now: bigint = TEST_NOW,
  options: Partial<ExecuteOptions> = {},
): Promise<QueryResult> {
  const { plan } = compileQuery(text, TABLES);
  const rows = await executeToRows(plan, { tables: memoryTables(records), now, ...options });
  return { schema: plan.schema, rows, names: plan.schema.map((c) => c.name) };
}
