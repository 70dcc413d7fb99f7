/**
 * The hot reading path for Log Analytics rows as JSON lines, whole files or byte ranges of them. Each line is
 * decoded and parsed once (V8's JSON.parse is the fastest parser JavaScript has); when the scan carries a
 * prefilter, the columns it reads are converted first and a row no consumer would keep is dropped before the
 * rest are converted.
 */
import type { ScanRequest } from '../../engine/execute.js';
import type { Row } from '../../engine/values/types.js';
import { nullOf } from '../../engine/values/types.js';
import type { FieldConverter } from '../field-values.js';
import { fieldConverter, INVALID } from '../field-values.js';
import type { InputProblem } from '../problems.js';
import { tableNamedInLine, tableOfRow } from '../record-table.js';
import { EarlyDrop, PARSE_LINE } from './early-drop.js';
import type { ByteRange } from './line-bytes.js';
import { forEachLineBytes } from './line-bytes.js';
import { PeekedRows } from './peeked-rows.js';

interface ColumnMapper {
  readonly index: number;
  readonly name: string;
  readonly type: string;
  readonly convert: FieldConverter;
}

/** Converts a parsed row object's fields into a row, the prefilter's columns first. */
export class LogAnalyticsRowBuilder {
  private readonly template: unknown[];
  private readonly first: ColumnMapper[];
  private readonly rest: ColumnMapper[];
  private readonly test: ((row: Row) => boolean) | undefined;
  /** Set when the last build() failed on a field. */
  failure: { field: string; reason: string } | undefined;

  constructor(request: ScanRequest) {
    const mappers: ColumnMapper[] = [];
    const pre = request.prefilter;
    request.schema.forEach((c, index) => {
      if (request.columns[index] || pre?.columns[index]) {
        mappers.push({ index, name: c.name, type: c.type, convert: fieldConverter(c.type) });
      }
    });
    this.template = request.schema.map((c) => nullOf(c.type));
    this.test = pre?.test;
    this.first = pre ? mappers.filter((m) => pre.columns[m.index]) : [];
    this.rest = pre ? mappers.filter((m) => !pre.columns[m.index]) : mappers;
  }

  /** The row, `null` when the prefilter drops it, or `undefined` when a field does not convert (see failure). */
  build(o: Record<string, unknown>): Row | null | undefined {
    const row = this.template.slice();
    if (!this.fill(o, row, this.first)) return undefined;
    if (this.test && !this.test(row)) return null;
    if (!this.fill(o, row, this.rest)) return undefined;
    return row;
  }

  private fill(o: Record<string, unknown>, row: unknown[], mappers: readonly ColumnMapper[]): boolean {
    for (const m of mappers) {
      const raw = o[m.name];
      const v = m.convert(raw);
      if (v === INVALID) {
        this.failure = {
          field: m.name,
          reason: `not a valid ${m.type}: ${JSON.stringify(raw)?.slice(0, 80)}`,
        };
        return false;
      }
      row[m.index] = v;
    }
    return true;
  }
}

type Utf8Slicer = (buf: Uint8Array, start: number, end: number) => string;
// Buffer#utf8Slice skips toString's argument handling; fall back to the public method where it is absent.
const utf8: Utf8Slicer =
  typeof (Buffer.prototype as unknown as { utf8Slice?: unknown }).utf8Slice === 'function'
    ? (buf, start, end) =>
        (buf as unknown as { utf8Slice(s: number, e: number): string }).utf8Slice(start, end)
    : (buf, start, end) =>
        Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength).toString('utf8', start, end);

export interface LineReaderCallbacks {
  readonly onRow: (row: Row) => void;
  /** An unusable record, with its line number within the range and the line's byte offset in the file. */
  readonly onProblem: (problem: InputProblem, offset: number) => void;
  /** A record the scan's prefilter dropped (no consumer would keep it), with its Id for duplicate counting. */
  readonly onFiltered: (id: string | undefined) => void;
  /** A record of another table (record-table.ts), after onFiltered: which table. */
  readonly onOtherTable?: (table: string) => void;
}

export interface LineReaderOptions {
  /** Only this part of the file (see line-bytes.ts for which lines a range owns). */
  readonly range?: ByteRange;
  /** Parse every line, even one the prefilter could drop unparsed (strict sources: all damage is found). */
  readonly parseEveryLine?: boolean;
}

/** What a read did, for benchmarks and tests: how many lines it had to hand to JSON.parse. */
export interface LineReadStats {
  lines: number;
  parsed: number;
}

/** Reads a file (or a byte range of it) of Log Analytics JSON lines. */
export async function readLogAnalyticsLines(
  file: string,
  request: ScanRequest,
  callbacks: LineReaderCallbacks,
  options: LineReaderOptions = {},
): Promise<LineReadStats> {
  const stats: LineReadStats = { lines: 0, parsed: 0 };
  const builder = new LogAnalyticsRowBuilder(request);
  const early = options.parseEveryLine ? undefined : EarlyDrop.for(request, utf8);
  const peeked = options.parseEveryLine ? undefined : PeekedRows.for(request, utf8);
  const { onRow, onProblem, onFiltered } = callbacks;
  /** True when a line is a row of another table (`its`): reported read and passed over. */
  const ofOtherTable = (its: string): boolean => {
    if (its === request.table) return false;
    onFiltered(undefined); // its Id is another table's: no duplicate of this one's
    callbacks.onOtherTable?.(its);
    return true;
  };
  await forEachLineBytes(
    file,
    (buf, start, end, line, offset) => {
      let s = start;
      while (s < end && (buf[s] === 0x20 || buf[s] === 0x09)) s++;
      if (s === end) return;
      stats.lines++;
      if (early) {
        const dropped = early.check(buf, s, end);
        if (dropped !== PARSE_LINE) {
          if (!ofOtherTable(tableNamedInLine(buf, s, end))) onFiltered(dropped);
          return;
        }
      }
      if (peeked) {
        const row = peeked.read(buf, s, end);
        if (row) {
          // A row of another table is read, never delivered (see record-table.ts).
          if (!ofOtherTable(tableNamedInLine(buf, s, end))) onRow(row);
          return;
        }
      }
      stats.parsed++;
      let o: unknown;
      try {
        o = JSON.parse(utf8(buf, start, end));
      } catch (e) {
        onProblem({ file, line, reason: `invalid JSON (${(e as Error).message})` }, offset);
        return;
      }
      if (typeof o !== 'object' || o === null || Array.isArray(o)) {
        onProblem({ file, line, reason: 'not a JSON object' }, offset);
        return;
      }
      if (ofOtherTable(tableOfRow((o as Record<string, unknown>).Type))) return;
      const row = builder.build(o as Record<string, unknown>);
      if (row) onRow(row);
      else if (row === null) {
        const id = (o as Record<string, unknown>).Id;
        onFiltered(typeof id === 'string' ? id : undefined);
      } else {
        const f = builder.failure;
        onProblem(
          { file, line, ...(f ? { field: f.field } : {}), reason: f?.reason ?? 'unusable record' },
          offset,
        );
      }
    },
    options.range ? { range: options.range } : {},
  );
  return stats;
}
