import { CsvWriter } from './csv.js';
import { JsonLinesWriter, JsonWriter } from './json.js';
import type { OutputFormat, ResultWriter, TextOut } from './sink.js';
import { TableWriter } from './table.js';

export function createWriter(format: OutputFormat, out: TextOut): ResultWriter {
  switch (format) {
    case 'table':
      return new TableWriter(out);
    case 'json':
      return new JsonWriter(out);
    case 'jsonl':
      return new JsonLinesWriter(out);
    case 'csv':
      return new CsvWriter(out);
  }
}
