/** Every table kqlhunt declares, by name. */
import { AUDIT_LOGS } from './auditlogs.js';
import type { TableSchema } from './table-schema.js';

export const TABLES: readonly TableSchema[] = [AUDIT_LOGS];

export function findTable(name: string): TableSchema | undefined {
  return TABLES.find((t) => t.name === name);
}
