/**
 * `mv-expand [bagexpansion=bag|array] [with_itemindex=I] Col [to typeof(T)], ... [limit N]` and the legacy
 * `mvexpand` (default limit 128): one row per element (see expansion.ts for the columns).
 */
import type { Plan } from '../../ir.js';
import type { KSyntax } from '../../kusto-language.js';
import type { Translator } from '../translator.js';
import { translateExpansion } from './expansion.js';

export function translateMvExpand(t: Translator, op: KSyntax, input: Plan): Plan {
  t.onlyParameters(op, ['bagexpansion', 'kind', 'with_itemindex']);
  const { expansion, schema } = translateExpansion(t, op, input, t.schemaOf(op));
  return { kind: 'mv-expand', input, schema, ...expansion };
}
