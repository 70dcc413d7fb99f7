/**
 * Log Analytics rows as JSON lines: one table row per line, keyed by column name (`TimeGenerated`,
 * `InitiatedBy`, ...), dynamic columns as JSON values or JSON-encoded strings, absent columns allowed.
 */

import type { ScanRequest } from '../../engine/execute.js';
import { isBag } from '../../engine/values/dynamic.js';
import type { Row } from '../../engine/values/types.js';
import { recordShape } from '../audit-mapping.js';
import { LogAnalyticsRowBuilder, readLogAnalyticsLines } from '../fast/la-lines.js';
import type { FileFormat, RecordSink } from '../format.js';

/** Maps a parsed row object onto the requested columns; reports the first field that does not convert. */
export function logAnalyticsRowMapper(
  request: ScanRequest,
): (o: Record<string, unknown>) => Row | { field: string; reason: string } {
  const builder = new LogAnalyticsRowBuilder({ ...request, prefilter: undefined });
  return (o) => builder.build(o) ?? (builder.failure as { field: string; reason: string });
}

const LA_KEYS = [
  'TimeGenerated',
  'OperationName',
  'TenantId',
  'SourceSystem',
  'Type',
  'InitiatedBy',
  'TargetResources',
];

export const logAnalyticsJsonLines: FileFormat = {
  name: 'log-analytics-jsonl',
  description: 'Log Analytics rows, one JSON object per line',
  detect(head) {
    const firstLine = head.split('\n', 1)[0]?.trim() ?? '';
    if (!firstLine.startsWith('{')) return false;
    // The first line may be cut by the head's size: look for column names rather than parsing it.
    if (LA_KEYS.filter((k) => firstLine.includes(`"${k}"`)).length >= 2) return true;
    // A narrow export (`| project TimeGenerated`) names a single column: a whole line says what it is.
    if (!firstLine.endsWith('}')) return false;
    try {
      const o = JSON.parse(firstLine) as unknown;
      return isBag(o) && recordShape(o) === 'log-analytics';
    } catch {
      return false;
    }
  },
  async read(file, request, sink: RecordSink) {
    await readLogAnalyticsLines(
      file,
      request,
      {
        onRow: (row) => sink.row(row),
        onProblem: (problem) => sink.skip(problem),
        onFiltered: (id) => sink.filtered?.(id),
        onOtherTable: (table) => sink.otherTable?.(table),
      },
      { parseEveryLine: sink.strict === true },
    );
  },
};
