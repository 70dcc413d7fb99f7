/** CSV (RFC 4180): a header row, CRLF line ends, fields quoted when they hold a comma, quote or line break. */
import type { Column, Row } from '../engine/values/types.js';
import { cellText } from './cells.js';
import type { ResultWriter, TextOut } from './sink.js';

export function csvField(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export class CsvWriter implements ResultWriter {
  private schema: readonly Column[] = [];
  constructor(private readonly out: TextOut) {}
  begin(schema: readonly Column[]): void {
    this.schema = schema;
    this.out.write(`${schema.map((c) => csvField(c.name)).join(',')}\r\n`);
  }
  row(row: Row): void {
    this.out.write(`${this.schema.map((c, i) => csvField(cellText(row[i], c.type))).join(',')}\r\n`);
  }
  end(): void {}
}
