/**
 * The array expansion shared by `mv-expand` and `mv-apply`: `[with_itemindex=I] [Name =] Expr [to typeof(T)],
 * ... [limit N]`. An expansion named after an input column (or a bare column reference) replaces that
 * column in place; any other is appended, named as the binder names it (`TargetResources[0].x` →
 * `TargetResources_0_x`); the item index comes last. Several expressions expand in parallel.
 */
import type { Column, ScalarType } from '../../../engine/values/types.js';
import type { Expansion, MvExpandColumn, Plan } from '../../ir.js';
import type { KSyntax } from '../../kusto-language.js';
import { expressionResultName } from '../names.js';
import type { Translator } from '../translator.js';
import { columnIndexIn } from '../translator.js';
import { scalarTypeOf } from '../types.js';
import { checkSchema } from './common.js';

/** `mvexpand` (the legacy spelling) expands at most 128 elements per row unless told otherwise. */
const LEGACY_LIMIT = 128;

export interface TranslatedExpansion {
  readonly expansion: Expansion;
  /** The expanded rows' columns. */
  readonly schema: Column[];
}

interface Item {
  readonly name: string;
  readonly inPlace: number;
  readonly exprNode: KSyntax;
  readonly toType: ScalarType;
  readonly node: KSyntax;
}

/** `to typeof(long)` → long. */
function toTypeOf(t: Translator, clause: KSyntax): ScalarType {
  const typeOf = clause.TypeOf as KSyntax;
  const types = t.items(typeOf.Types);
  const text = types.map((x) => x.ToString().trim()).join(',');
  const type = types.length === 1 ? scalarTypeOf({ Name: text.toLowerCase() } as never) : undefined;
  if (!type) return t.unsupported(`to typeof(${text})`, clause);
  return type;
}

function expansionItem(t: Translator, item: KSyntax, input: Plan): Item {
  const inner = item.Expression as KSyntax | null;
  if (!inner) return t.unsupported(`${t.describe(item)} without an expression`, item);
  const { name, expr } = t.named(inner);
  const isColumn = name === undefined && t.kindName(expr) === 'NameReference';
  const outName = name ?? (isColumn ? t.declaredName(expr) : expressionResultName(expr));
  if (!outName) return t.unsupported('expanding an expression the binder gives no name', expr);
  const toTypeClause = item.ToTypeOf as KSyntax | null;
  const toType = toTypeClause ? toTypeOf(t, toTypeClause) : 'dynamic';
  const inPlace = name !== undefined || isColumn ? columnIndexIn(input.schema, outName) : -1;
  return { name: outName, inPlace, exprNode: expr, toType, node: item };
}

/**
 * Translates the expansion clause of `op` (an MvExpandOperator or MvApplyOperator) over `input`. When the
 * binder's schema of the expanded rows is known (mv-expand), the computed one must agree with it.
 */
export function translateExpansion(
  t: Translator,
  op: KSyntax,
  input: Plan,
  binderSchema: readonly Column[] | undefined,
): TranslatedExpansion {
  const legacy = (op.GetChild(0)?.Text ?? '').toLowerCase() === 'mvexpand';
  const bagText = (t.parameter(op, 'bagexpansion') ?? t.parameter(op, 'kind'))?.text.toLowerCase() ?? 'bag';
  if (bagText !== 'bag' && bagText !== 'array') return t.unsupported(`bagexpansion=${bagText}`, op);
  const itemIndexName = t.parameter(op, 'with_itemindex')?.text;

  const items = t.items(op.Expressions).map((item) => expansionItem(t, item, input));
  const schema: Column[] = [...input.schema];
  const passthrough: number[] = input.schema.map((_, i) => i);
  const expanded: MvExpandColumn[] = [];
  const scope = { columns: input.schema };
  for (const item of items) {
    const expr = t.scalar(item.exprNode, scope);
    if (expr.type !== 'dynamic')
      return t.unsupported(
        `expanding a value of type ${expr.type} (a dynamic array or bag is expected)`,
        item.node,
      );
    const at = item.inPlace >= 0 ? item.inPlace : schema.length;
    schema[at] = { name: item.name, type: item.toType };
    passthrough[at] = -1;
    expanded.push({ outputIndex: at, expr, toType: item.toType });
  }
  let itemIndexOutput: number | undefined;
  if (itemIndexName !== undefined) {
    itemIndexOutput = schema.length;
    schema.push({ name: itemIndexName, type: 'long' });
    passthrough.push(-1);
  }
  if (binderSchema) {
    checkSchema(
      t,
      op,
      binderSchema,
      schema.map((c) => c.name),
    );
    binderSchema.forEach((c, i) => {
      schema[i] = c;
    });
  }

  const limitClause = op.RowLimitClause as KSyntax | null;
  let limit: number | undefined = legacy ? LEGACY_LIMIT : undefined;
  if (limitClause) {
    const e = t.scalar(limitClause.RowLimit as KSyntax, { columns: [] });
    if (e.kind !== 'literal' || (typeof e.value !== 'bigint' && typeof e.value !== 'number'))
      return t.unsupported('a row limit that is not a constant number', limitClause);
    limit = Math.max(0, Number(e.value));
  }
  return {
    schema,
    expansion: {
      passthrough,
      expanded,
      bagExpansion: bagText,
      ...(itemIndexOutput !== undefined ? { itemIndexOutput } : {}),
      ...(limit !== undefined ? { limit } : {}),
    },
  };
}
