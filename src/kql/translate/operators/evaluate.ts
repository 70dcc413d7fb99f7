/**
 * `evaluate` plugins. Only `bag_unpack` is supported, and only with an output schema
 * (`evaluate bag_unpack(Col) : (*, Name:string, Age:long)`): without one its columns come from the data,
 * which a plan made before reading cannot know. Each listed column is the bag's slot of that name (after
 * the optional OutputColumnPrefix) converted to the listed type; `*` keeps the input's other columns.
 */
import type { Column } from '../../../engine/values/types.js';
import type { NamedExpr, Plan } from '../../ir.js';
import type { KSyntax } from '../../kusto-language.js';
import { convertTo } from '../expressions.js';
import type { Translator } from '../translator.js';
import { columnIndexIn } from '../translator.js';
import { project } from './common.js';

function constantString(t: Translator, node: KSyntax): string {
  const v = node.LiteralValue ?? node.ConstantValue;
  if (typeof v !== 'string')
    return t.unsupported('a bag_unpack argument that is not a constant string', node);
  return v;
}

function bagUnpack(t: Translator, op: KSyntax, call: KSyntax, input: Plan): Plan {
  const schemaClause = op.Schema as KSyntax | null;
  const args = t.items((call.ArgumentList as KSyntax).Expressions);
  const bagNode = args[0];
  if (!bagNode) return t.unsupported('bag_unpack() without a column', call);
  if (!schemaClause) {
    const text = t.text.slice(bagNode.TextStart, bagNode.End);
    return t.unsupported(
      'evaluate bag_unpack() without an output schema',
      op,
      `its columns come from the data; name them: | evaluate bag_unpack(${text}) : (*, Name:string, ...)`,
    );
  }
  let prefix = '';
  let conflict = 'error';
  args.slice(1).forEach((a, i) => {
    if (t.kindName(a) === 'SimpleNamedExpression') {
      const name = t.declaredName(a.Name as KSyntax).toLowerCase();
      const value = a.Expression as KSyntax;
      if (name === 'columnsconflict') conflict = constantString(t, value);
      else if (name === 'outputcolumnprefix') prefix = constantString(t, value);
      else t.unsupported(`the bag_unpack argument ${name}=`, a);
    } else if (i === 0) prefix = constantString(t, a);
    else if (i === 1) conflict = constantString(t, a);
    else t.unsupported('bag_unpack ignoredProperties', a);
  });
  if (!['error', 'keep_source', 'replace_source'].includes(conflict))
    return t.unsupported(`bag_unpack columnsConflict='${conflict}'`, call);

  const scope = { columns: input.schema };
  const bag = t.scalar(bagNode, scope);
  if (bag.type !== 'dynamic') return t.unsupported(`bag_unpack of a ${bag.type} value`, bagNode);
  const bagColumn = bag.kind === 'column' ? bag.name : undefined;
  const rowSchema = schemaClause.Schema as KSyntax;
  const listed = new Set(t.items(rowSchema.Columns).map((c) => t.declaredName(c.Name as KSyntax)));
  const schema = t.schemaOf(op);
  const columns: NamedExpr[] = schema.map((c: Column) => {
    const fromInput = c.name === bagColumn ? -1 : columnIndexIn(input.schema, c.name);
    const unpacked = listed.has(c.name);
    if (fromInput >= 0 && unpacked && conflict === 'error')
      t.unsupported(
        `bag_unpack's column ${c.name}, which the input also has`,
        op,
        "say columnsConflict='keep_source' or 'replace_source'",
      );
    if (fromInput >= 0 && (!unpacked || conflict === 'keep_source'))
      return { name: c.name, expr: { kind: 'column', type: c.type, name: c.name, index: fromInput } };
    const key = c.name.startsWith(prefix) ? c.name.slice(prefix.length) : undefined;
    if (key === undefined)
      return t.unsupported(`bag_unpack's column ${c.name}, which lacks the prefix '${prefix}'`, op);
    return { name: c.name, expr: convertTo({ kind: 'member', type: 'dynamic', object: bag, key }, c.type) };
  });
  return project(input, schema, columns);
}

export function translateEvaluate(t: Translator, op: KSyntax, input: Plan): Plan {
  const call = op.FunctionCall as KSyntax;
  const name = t.declaredName(call.Name as KSyntax).toLowerCase();
  if (name === 'bag_unpack') return bagUnpack(t, op, call, input);
  return t.unsupported(`the ${name} plugin (evaluate ${name})`, op);
}
