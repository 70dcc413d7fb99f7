/** JSON: an array of row objects, keys in column order; JSON lines: one row object per line. */
import type { Column, Row } from '../engine/values/types.js';
import { cellJson } from './cells.js';
import type { ResultWriter, TextOut } from './sink.js';

function rowObject(schema: readonly Column[], keys: readonly string[], row: Row): string {
  let s = '{';
  for (let i = 0; i < schema.length; i++) {
    if (i > 0) s += ',';
    s += `${keys[i]}:${cellJson(row[i], (schema[i] as Column).type)}`;
  }
  return `${s}}`;
}

export class JsonWriter implements ResultWriter {
  private schema: readonly Column[] = [];
  private keys: string[] = [];
  private count = 0;
  constructor(private readonly out: TextOut) {}
  begin(schema: readonly Column[]): void {
    this.schema = schema;
    this.keys = schema.map((c) => JSON.stringify(c.name));
    this.out.write('[');
  }
  row(row: Row): void {
    this.out.write(`${this.count++ === 0 ? '\n' : ',\n'}${rowObject(this.schema, this.keys, row)}`);
  }
  end(): void {
    this.out.write(this.count === 0 ? ']\n' : '\n]\n');
  }
}

export class JsonLinesWriter implements ResultWriter {
  private schema: readonly Column[] = [];
  private keys: string[] = [];
  constructor(private readonly out: TextOut) {}
  begin(schema: readonly Column[]): void {
    this.schema = schema;
    this.keys = schema.map((c) => JSON.stringify(c.name));
  }
  row(row: Row): void {
    this.out.write(`${rowObject(this.schema, this.keys, row)}\n`);
  }
  end(): void {}
}
