/** `where` / `filter`: keeps the rows whose predicate is true. */
import type { Plan } from '../../ir.js';
import type { KSyntax } from '../../kusto-language.js';
import type { Translator } from '../translator.js';

export function translateWhere(t: Translator, op: KSyntax, input: Plan): Plan {
  t.onlyParameters(op, []);
  const predicate = t.scalar(op.Condition as KSyntax, { columns: input.schema });
  if (predicate.type !== 'bool')
    return t.unsupported(`a where condition of type ${predicate.type}`, op.Condition as KSyntax);
  return { kind: 'filter', input, schema: input.schema, predicate };
}
