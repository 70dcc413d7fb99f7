/** Reading logs in tests: every AuditLogs column of every record, keyed by column (datetimes as ISO text). */
import { formatDateTime } from '../../src/engine/values/datetime.js';
import { LogSource } from '../../src/sources/log-source.js';
import { AUDIT_LOGS } from '../../src/tables/auditlogs.js';

export type Rec = { [column: string]: unknown };

export async function readRecords(
  paths: string[],
  strict = false,
): Promise<{ rows: Rec[]; source: LogSource }> {
  const source = await LogSource.open(paths, { strict });
  const rows: Rec[] = [];
  await source.scan(
    { table: AUDIT_LOGS.name, schema: AUDIT_LOGS.columns, columns: AUDIT_LOGS.columns.map(() => true) },
    {
      push(r) {
        const o: Rec = {};
        AUDIT_LOGS.columns.forEach((c, i) => {
          const v = r[i];
          o[c.name] = c.type === 'datetime' && typeof v === 'bigint' ? formatDateTime(v) : v;
        });
        rows.push(o);
      },
      end() {},
    },
  );
  return { rows, source };
}
