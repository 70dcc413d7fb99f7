import type { ScalarType } from '../engine/values/types.js';

export interface TableColumn {
  readonly name: string;
  readonly type: ScalarType;
  readonly description?: string;
}

/** A table kqlhunt knows: queries bind against its columns; sources map their records onto them. */
export interface TableSchema {
  readonly name: string;
  readonly description: string;
  readonly columns: readonly TableColumn[];
}

export function columnIndex(table: TableSchema, name: string): number {
  return table.columns.findIndex((c) => c.name === name);
}

/** A column as `[name, type]` or `[name, type, description]`: the compact form for wide tables. */
export type ColumnEntry = readonly [name: string, type: ScalarType, description?: string];

export function tableSchema(name: string, description: string, entries: readonly ColumnEntry[]): TableSchema {
  return {
    name,
    description,
    columns: entries.map(([n, type, d]) =>
      d === undefined ? { name: n, type } : { name: n, type, description: d },
    ),
  };
}
