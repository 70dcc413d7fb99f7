/** Result rows as JSON values (the conformance file's form): longs as numbers, datetimes as ISO strings. */
import type { Column } from '../../src/engine/values/types.js';
import { cellJson } from '../../src/sinks/cells.js';
import type { QueryResult } from '../support/query.js';
import { runQuery } from '../support/query.js';

export function jsonRows(result: QueryResult): unknown[][] {
  return result.rows.map((r) => r.map((v, i) => JSON.parse(cellJson(v, (result.schema[i] as Column).type))));
}

/** Runs a query and returns its column names and JSON rows. */
export async function run(kql: string, records?: readonly Record<string, unknown>[]) {
  const result = await runQuery(kql, records);
  return { names: result.names, types: result.schema.map((c) => c.type), rows: jsonRows(result) };
}

/** Rows as a multiset: sorted by their JSON text, for results whose order KQL does not promise. */
export function unordered(rows: unknown[][]): string[] {
  return rows.map((r) => JSON.stringify(r)).sort();
}
