/**
 * Rows read without parsing the line, for scans that want only a few scalar top-level columns (the pass
 * that finds the data's time range wants TimeGenerated alone): a structural scan stops once it has them,
 * usually a few dozen bytes in, where JSON.parse would build the whole record.
 *
 * The same guarantees as the parser for what is read: the line is one object (starts with `{`, ends with
 * `}`), no key is escaped (`\u` anywhere sends the line to the parser), and no key read appears again later
 * (JSON.parse keeps the last). A line that is damaged elsewhere is not reported by such a scan; the query's
 * own scan, which parses, reports it.
 */
import type { ScanRequest } from '../../engine/execute.js';
import type { Row } from '../../engine/values/types.js';
import { nullOf } from '../../engine/values/types.js';
import type { FieldConverter } from '../field-values.js';
import { fieldConverter, INVALID } from '../field-values.js';
import type { ValueRange } from './line-peek.js';
import {
  endsWithBrace,
  hasUnicodeEscape,
  laterKeyNeedle,
  readScalar,
  TopLevelPeek,
  UNREADABLE,
} from './line-peek.js';

/** At most this many columns: past that, the scan reads most of the line and the parser is as cheap. */
const MAX_COLUMNS = 3;

interface PeekedColumn {
  readonly index: number;
  readonly convert: FieldConverter;
}

export class PeekedRows {
  private readonly template: Row;
  private readonly peek: TopLevelPeek;
  private readonly wanted: readonly number[];
  /** Per column, what a later repeat of its key would contain (see laterKeyNeedle). */
  private readonly repeats: readonly Buffer[];

  private constructor(
    request: ScanRequest,
    private readonly columns: readonly PeekedColumn[],
    private readonly utf8: (buf: Uint8Array, start: number, end: number) => string,
  ) {
    this.template = request.schema.map((c) => nullOf(c.type));
    const names = columns.map((c) => request.schema[c.index]?.name as string);
    this.peek = new TopLevelPeek(names);
    this.wanted = names.map((_, i) => i);
    this.repeats = names.map(laterKeyNeedle);
  }

  /** A reader for the scan, or undefined when it wants what a scan cannot read (a dynamic column, a filter). */
  static for(
    request: ScanRequest,
    utf8: (buf: Uint8Array, start: number, end: number) => string,
  ): PeekedRows | undefined {
    if (request.prefilter) return undefined;
    const columns: PeekedColumn[] = [];
    for (let index = 0; index < request.schema.length; index++) {
      if (!request.columns[index]) continue;
      const type = request.schema[index]?.type;
      if (!type || type === 'dynamic') return undefined;
      columns.push({ index, convert: fieldConverter(type) });
    }
    if (columns.length === 0 || columns.length > MAX_COLUMNS) return undefined;
    return new PeekedRows(request, columns, utf8);
  }

  /** The row, or undefined when the line must be parsed. */
  read(buf: Buffer, start: number, end: number): Row | undefined {
    const peek = this.peek;
    if (!peek.scan(buf, start, end, this.wanted) || !endsWithBrace(buf, start, end)) return undefined;
    const line = buf.subarray(start, end);
    if (hasUnicodeEscape(line)) return undefined;
    if (!peek.complete) {
      const tail = line.subarray(peek.stoppedAt - start);
      if (this.repeats.some((n) => tail.indexOf(n) >= 0)) return undefined;
    }
    const row = this.template.slice();
    for (let k = 0; k < this.columns.length; k++) {
      const c = this.columns[k] as PeekedColumn;
      const range = peek.found[k] as ValueRange;
      const raw = range.start >= 0 ? readScalar(buf, range, this.utf8) : null;
      const v = raw === UNREADABLE ? INVALID : c.convert(raw);
      if (v === INVALID) return undefined; // the parser's path reports the field
      row[c.index] = v;
    }
    return row;
  }
}
