/**
 * `parse [kind=simple|regex|relaxed [flags=F]] Expr with [*] "const" Col[:type] ... [*]` and `parse-where`.
 * Every kind becomes one RE2 regex (linear time, whatever the text), each column a named group:
 *   - `*` skips text: `.*?`;
 *   - a constant is literal text (kind=regex: a regex of its own);
 *   - a string column is `(.*?)` (kind=regex: greedy `(.*)`, as the real engine answers [parse-operator-04];
 *     `flags=U` swaps greediness), a long/int column `(-?\d+)`, a real `-?digits[.digits][e±digits]`,
 *     any other type the text up to the next constant, converted afterwards.
 * simple and relaxed match the whole text (`^...$`); regex finds the first match. A typed column whose text
 * does not convert makes the whole row unmatched (all its columns null, or dropped by parse-where), except
 * with kind=relaxed, where a column followed by a constant is taken as text and only that column is null
 * [parse-operator-07].
 */
import type { Column, ScalarType } from '../../../engine/values/types.js';
import type { ParseCapture, Plan } from '../../ir.js';
import type { KSyntax } from '../../kusto-language.js';
import { convertTo } from '../expressions.js';
import type { Translator } from '../translator.js';
import { columnIndexIn } from '../translator.js';
import { scalarTypeOf } from '../types.js';

type Kind = 'simple' | 'regex' | 'relaxed';

const INTEGER = '-?\\d+';
const REAL = '-?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][-+]?\\d+)?';

/** RE2 syntax for a literal text. */
function quoteRegex(text: string): string {
  return text.replace(/[\\^$.|?*+()[\]{}]/g, '\\$&');
}

type Element =
  | { readonly kind: 'star' }
  | { readonly kind: 'constant'; readonly text: string }
  | { readonly kind: 'column'; readonly name: string; readonly type: ScalarType; readonly node: KSyntax };

function elementOf(t: Translator, node: KSyntax): Element {
  switch (t.kindName(node)) {
    case 'StarExpression':
      return { kind: 'star' };
    case 'StringLiteralExpression':
    case 'CompoundStringLiteralExpression': {
      const v = node.LiteralValue ?? node.ConstantValue;
      if (typeof v !== 'string') return t.unsupported('this parse pattern constant', node);
      return { kind: 'constant', text: v };
    }
    case 'NameDeclaration':
      return { kind: 'column', name: t.declaredName(node), type: 'string', node };
    case 'NameAndTypeDeclaration': {
      const nameNode = node.Name as KSyntax;
      const type = scalarTypeOf(nameNode.ResultType);
      if (!type)
        return t.unsupported(`the parse column type ${(node.Type as KSyntax).ToString().trim()}`, node);
      return { kind: 'column', name: t.declaredName(nameNode), type, node };
    }
    default:
      return t.unsupported(`${t.describe(node)} in a parse pattern`, node);
  }
}

function translate(t: Translator, op: KSyntax, input: Plan, dropUnmatched: boolean): Plan {
  t.onlyParameters(op, ['kind', 'flags']);
  const kind = (t.parameter(op, 'kind')?.text.toLowerCase() ?? 'simple') as Kind;
  if (kind !== 'simple' && kind !== 'regex' && kind !== 'relaxed')
    return t.unsupported(`${t.describe(op)} kind=${kind}`, op);
  const flagsParam = t.parameter(op, 'flags');
  if (flagsParam && kind !== 'regex') return t.unsupported('flags= without kind=regex', flagsParam.node);
  const flags = flagsParam ? String(flagsParam.node.LiteralValue ?? flagsParam.text) : '';

  const schema = t.schemaOf(op);
  const elements = t.items(op.Patterns).map((p) => elementOf(t, p));
  let regex = '';
  const captures: ParseCapture[] = [];
  elements.forEach((e, i) => {
    if (e.kind === 'star') regex += '.*?';
    else if (e.kind === 'constant') regex += kind === 'regex' ? `(?:${e.text})` : quoteRegex(e.text);
    else {
      const outputIndex = columnIndexIn(schema, e.name);
      if (outputIndex < 0) t.unsupported(`${t.describe(op)} here`, e.node, `no output column ${e.name}`);
      const next = elements[i + 1];
      const lenient = kind === 'relaxed' && next?.kind === 'constant';
      const group = `__p${captures.length}`;
      let body: string;
      if (e.type === 'string' || lenient) body = kind === 'regex' ? '.*' : '.*?';
      else if (e.type === 'long' || e.type === 'int') body = INTEGER;
      else if (e.type === 'real' || e.type === 'decimal') body = REAL;
      else body = '.*?';
      regex += `(?P<${group}>${body})`;
      captures.push({ outputIndex, group, type: (schema[outputIndex] as Column).type, lenient });
    }
  });
  if (kind !== 'regex') regex = `^${regex}$`;

  const captured = new Set(captures.map((c) => c.outputIndex));
  const passthrough = schema.map((c, i) => {
    if (captured.has(i)) return -1;
    const from = columnIndexIn(input.schema, c.name);
    if (from < 0) t.unsupported(`${t.describe(op)} here`, op, `column ${c.name} is not in its input`);
    return from;
  });
  const source = convertTo(t.scalar(op.Expression as KSyntax, { columns: input.schema }), 'string');
  return {
    kind: 'parse',
    input,
    schema,
    source,
    regex,
    // The text parsed by kind=simple/relaxed may span lines: `*` and columns cross them.
    flags: kind === 'regex' ? flags : 's',
    passthrough,
    captures,
    dropUnmatched,
  };
}

export function translateParse(t: Translator, op: KSyntax, input: Plan): Plan {
  return translate(t, op, input, false);
}

export function translateParseWhere(t: Translator, op: KSyntax, input: Plan): Plan {
  return translate(t, op, input, true);
}
