/**
 * A text table for people at a terminal: one column per result column, cells cut at a width limit (the JSON
 * and CSV formats carry full values). Rows are buffered to size the columns.
 */
import type { Column, Row } from '../engine/values/types.js';
import { cellText } from './cells.js';
import type { ResultWriter, TextOut } from './sink.js';
import { clipToWidth, displayWidth, padToWidth } from './text-width.js';

export interface TableOptions {
  /** The widest a column may be, in terminal columns. */
  readonly maxColumnWidth?: number;
}

function clip(s: string, width: number): string {
  return clipToWidth(s.replace(/[\r\n\t]+/g, ' '), width);
}

export class TableWriter implements ResultWriter {
  private schema: readonly Column[] = [];
  private readonly rows: string[][] = [];
  private readonly maxWidth: number;
  constructor(
    private readonly out: TextOut,
    options: TableOptions = {},
  ) {
    this.maxWidth = options.maxColumnWidth ?? 60;
  }
  begin(schema: readonly Column[]): void {
    this.schema = schema;
  }
  row(row: Row): void {
    this.rows.push(this.schema.map((c, i) => clip(cellText(row[i], c.type), this.maxWidth)));
  }
  end(): void {
    const headers = this.schema.map((c) => c.name);
    // A loop, not Math.max(...cells): spreading a column of many rows overflows the call stack.
    const widths = headers.map(displayWidth);
    for (const r of this.rows)
      r.forEach((c, i) => {
        widths[i] = Math.max(widths[i] ?? 0, displayWidth(c));
      });
    const line = (cells: readonly string[]) =>
      `${cells
        .map((c, i) => padToWidth(c, widths[i] ?? 0))
        .join('  ')
        .trimEnd()}\n`;
    this.out.write(line(headers));
    this.out.write(line(widths.map((w) => '-'.repeat(w))));
    for (const r of this.rows) this.out.write(line(r));
    this.out.write(`(${this.rows.length} row${this.rows.length === 1 ? '' : 's'})\n`);
  }
}
