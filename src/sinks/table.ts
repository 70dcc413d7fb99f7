/**
 * A text table for people at a terminal: one column per result column, cells cut at a width limit (the JSON
 * and CSV formats carry full values). Rows are buffered to size the columns.
 */
import type { Column, Row } from '../engine/values/types.js';
import { cellText } from './cells.js';
import type { ResultWriter, TextOut } from './sink.js';
import { alignColumns, clipToWidth } from './text-width.js';

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
    for (const line of alignColumns([this.schema.map((c) => c.name), ...this.rows], { rule: true }))
      this.out.write(`${line}\n`);
    this.out.write(`(${this.rows.length} row${this.rows.length === 1 ? '' : 's'})\n`);
  }
}
