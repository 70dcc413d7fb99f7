/**
 * Where rows come from: a table, a let-bound tabular value, `datatable`, `print`, `range`,
 * `materialize()`, or a parenthesized query.
 */
import type { Column } from '../../../engine/values/types.js';
import type { Expr, Plan } from '../../ir.js';
import type { KSyntax } from '../../kusto-language.js';
import { convertTo } from '../expressions.js';
import { callUserFunction } from '../functions.js';
import type { Translator } from '../translator.js';

function nameReference(t: Translator, node: KSyntax): Plan {
  const symbol = node.ReferencedSymbol;
  const name = t.declaredName(node);
  const binding = t.lookup(symbol, symbol?.Name ?? name);
  if (binding?.kind === 'tabular') return binding.plan;
  if (binding?.kind === 'function') return tabularCall(t, node, binding.declaration, name);
  if (symbol && t.isClass(symbol, 'TableSymbol')) {
    return { kind: 'scan', table: symbol.Name, schema: t.schemaOf(node) };
  }
  return t.unsupported(`the tabular name '${name}'`, node);
}

/** A user function whose result is a table. */
function tabularCall(t: Translator, call: KSyntax, declaration: KSyntax, name: string): Plan {
  const result = callUserFunction(t, call, declaration, { columns: [] });
  if (result.kind !== 'tabular') return t.unsupported(`the scalar function ${name}() used as a table`, call);
  return result.plan;
}

/** `f(args)` as a table: a user function (built-in tabular functions are not supported). */
function functionCall(t: Translator, node: KSyntax): Plan {
  const symbol = node.ReferencedSymbol;
  const name = symbol?.Name ?? t.declaredName(node.Name as KSyntax);
  const binding = t.lookup(symbol, name);
  if (binding?.kind === 'function') return tabularCall(t, node, binding.declaration, name);
  return t.unsupported(`the tabular function ${name}()`, node);
}

function datatable(t: Translator, node: KSyntax): Plan {
  const schema = t.schemaOf(node);
  const cells = t.items(node.Values);
  if (schema.length === 0 || cells.length % schema.length !== 0) {
    return t.unsupported('a datatable whose values do not fill whole rows', node);
  }
  const rows: Expr[][] = [];
  for (let i = 0; i < cells.length; i += schema.length) {
    rows.push(
      schema.map((c, j) => {
        const e = t.scalar(cells[i + j] as KSyntax, { columns: [] });
        return convertTo(e, c.type);
      }),
    );
  }
  return { kind: 'values', schema, rows };
}

/** `print a = 1, b = now()`: one row computed from no input. */
function print(t: Translator, node: KSyntax): Plan {
  const schema = t.schemaOf(node);
  const one: Plan = { kind: 'values', schema: [], rows: [[]] };
  const items = t.items(node.Expressions);
  if (items.length !== schema.length) return t.unsupported('print of a multi-column expression', node);
  const columns = items.map((item, i) => {
    const c = schema[i] as Column;
    return { name: c.name, expr: convertTo(t.scalar(t.named(item).expr, { columns: [] }), c.type) };
  });
  return { kind: 'project', input: one, schema, columns };
}

function range(t: Translator, node: KSyntax): Plan {
  const schema = t.schemaOf(node);
  const scope = { columns: [] };
  const type = (schema[0] as Column).type;
  return {
    kind: 'range',
    schema,
    from: convertTo(t.scalar(node.From as KSyntax, scope), type),
    to: convertTo(t.scalar(node.To as KSyntax, scope), type),
    step: t.scalar(node.Step as KSyntax, scope),
  };
}

export const sourceTranslators = {
  NameReference: nameReference,
  FunctionCallExpression: functionCall,
  ParenthesizedExpression: (t: Translator, node: KSyntax) => t.tabular(node.Expression as KSyntax),
  MaterializeExpression: (t: Translator, node: KSyntax) => t.tabular(node.Expression as KSyntax),
  DataTableExpression: datatable,
  'standalone:PrintOperator': print,
  'standalone:RangeOperator': range,
};
