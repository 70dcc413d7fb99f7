/**
 * Functions whose arguments are the row's columns themselves, resolved here where the columns are known:
 * `pack_all([ignore_null_empty])` packs every input column, `bag_pack_columns(c1, c2, ...)` the named ones.
 * Both become calls of registry functions with the column names as key arguments.
 */
import type { Expr } from '../ir.js';
import type { KSyntax } from '../kusto-language.js';
import type { Scope, Translator } from './translator.js';
import { literal } from './translator.js';

/** The call that packs these columns, or undefined when `name` is not one of these functions. */
export function packColumns(
  t: Translator,
  node: KSyntax,
  name: string,
  args: KSyntax[],
  scope: Scope,
): Expr | undefined {
  const lower = name.toLowerCase();
  if (lower === 'pack_all') {
    // pack_all(ignore_null_empty): the flag first, then key/value pairs (see bag.ts).
    const flag = args[0] ? t.scalar(args[0], scope) : literal('bool', false);
    const pairs = scope.columns.flatMap((c, index): Expr[] => [
      literal('string', c.name),
      { kind: 'column', type: c.type, name: c.name, index },
    ]);
    return { kind: 'call', type: 'dynamic', fn: 'pack_all', args: [flag, ...pairs], span: t.span(node) };
  }
  if (lower === 'bag_pack_columns') {
    const pairs = args.flatMap((a): Expr[] => {
      if (t.kindName(a) !== 'NameReference') return t.unsupported('bag_pack_columns() of an expression', a);
      return [literal('string', t.declaredName(a)), t.scalar(a, scope)];
    });
    return { kind: 'call', type: 'dynamic', fn: 'bag_pack', args: pairs, span: t.span(node) };
  }
  return undefined;
}
