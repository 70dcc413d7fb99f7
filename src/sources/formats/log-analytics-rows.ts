/**
 * Log Analytics rows as JSON lines: one table row per line, keyed by column name (`TimeGenerated`,
 * `InitiatedBy`, ...), dynamic columns as JSON values or JSON-encoded strings, absent columns allowed.
 */

import type { ScanRequest } from '../../engine/execute.js';
import type { Row } from '../../engine/values/types.js';
import { nullOf } from '../../engine/values/types.js';
import type { FieldConverter } from '../field-values.js';
import { fieldConverter, INVALID } from '../field-values.js';
import type { FileFormat, RecordSink } from '../format.js';
import { forEachLine } from '../text-stream.js';

/** Maps a parsed row object onto the requested columns; reports the first field that does not convert. */
export function logAnalyticsRowMapper(
  request: ScanRequest,
): (o: Record<string, unknown>) => Row | { field: string; reason: string } {
  const wanted: { index: number; name: string; convert: FieldConverter; type: string }[] = [];
  request.schema.forEach((c, index) => {
    if (request.columns[index])
      wanted.push({ index, name: c.name, convert: fieldConverter(c.type), type: c.type });
  });
  const template: unknown[] = request.schema.map((c) => nullOf(c.type));
  return (o) => {
    const row = template.slice();
    for (const w of wanted) {
      const raw = o[w.name];
      const v = w.convert(raw);
      if (v === INVALID)
        return { field: w.name, reason: `not a valid ${w.type}: ${JSON.stringify(raw)?.slice(0, 80)}` };
      row[w.index] = v;
    }
    return row;
  };
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
    return LA_KEYS.filter((k) => firstLine.includes(`"${k}"`)).length >= 2;
  },
  async read(file, request, sink: RecordSink) {
    const map = logAnalyticsRowMapper(request);
    await forEachLine(file, (text, line) => {
      if (text.trim() === '') return;
      let o: unknown;
      try {
        o = JSON.parse(text);
      } catch (e) {
        sink.skip({ file, line, reason: `invalid JSON (${(e as Error).message})` });
        return;
      }
      if (typeof o !== 'object' || o === null || Array.isArray(o)) {
        sink.skip({ file, line, reason: 'not a JSON object' });
        return;
      }
      const row = map(o as Record<string, unknown>);
      if (Array.isArray(row)) sink.row(row);
      else sink.skip({ file, line, field: row.field, reason: row.reason });
    });
  },
};
