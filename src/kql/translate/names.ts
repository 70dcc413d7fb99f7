/** Column names the binder derives from expressions, asked of the binder itself so they always agree. */
import type { KSyntax } from '../kusto-language.js';
import { kustoLanguage } from '../kusto-language.js';

interface KustoFacts {
  GetExpressionResultName(expr: KSyntax, defaultName: string, rowScope: unknown): string;
}

/**
 * The name a column computed by `expr` gets when the query gives it none (`TargetResources[0].x` →
 * `TargetResources_0_x`), or "" when the binder has no name for it.
 */
export function expressionResultName(expr: KSyntax): string {
  const facts = (kustoLanguage() as unknown as { KustoFacts: KustoFacts }).KustoFacts;
  return facts.GetExpressionResultName(expr, '', null) ?? '';
}
