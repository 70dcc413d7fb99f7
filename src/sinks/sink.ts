/** Result writers: a query's rows go to one of these, which writes a format to a text stream. */
import type { Column, Row } from '../engine/values/types.js';

export interface TextOut {
  write(text: string): void;
}

export interface ResultWriter {
  begin(schema: readonly Column[]): void;
  row(row: Row): void;
  end(): void;
}

export type OutputFormat = 'table' | 'json' | 'jsonl' | 'csv';
export const OUTPUT_FORMATS: readonly OutputFormat[] = ['table', 'json', 'jsonl', 'csv'];
