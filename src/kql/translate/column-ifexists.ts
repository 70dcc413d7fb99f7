/**
 * `column_ifexists("Col", default)` (alias `columnifexists`): the column Col when the input has it, else
 * the default. The binder types every call as its default (a string for `columnifexists("X", "")`), so
 * member access on an existing dynamic column (`X.displayName`) fails to bind. kqlhunt resolves each call
 * in the query text before binding: the call's text becomes the column's name or `(default)`, padded with
 * spaces to the same length, so every position in the query stays where it was.
 */
import type { KSyntax } from '../kusto-language.js';
import { listItems, syntaxKindName } from '../kusto-language.js';
import { columnsOfTableType, isTableType } from './types.js';

const NAMES = new Set(['column_ifexists', 'columnifexists']);

function calledName(call: KSyntax): string {
  const name = call.Name as KSyntax | null;
  return ((name?.SimpleName as string | undefined) ?? name?.ToString().trim() ?? '').toLowerCase();
}

/** The input columns of the query operator the node is in (the left side of its pipe), if any. */
function inputColumnsAt(node: KSyntax): string[] {
  for (let child = node, parent = node.Parent; parent; child = parent, parent = parent.Parent) {
    if (syntaxKindName(parent.Kind) === 'PipeExpression' && parent.Operator === child) {
      const input = (parent.Expression as KSyntax).ResultType;
      return input && isTableType(input) ? columnsOfTableType(input).map((c) => c.name) : [];
    }
  }
  return [];
}

function columnText(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name)
    ? name
    : `['${name.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}']`;
}

/** The query text with every column_ifexists() call resolved, or the text itself when it has none. */
export function resolveColumnIfExists(root: KSyntax, text: string): string {
  const edits: { start: number; end: number; replacement: string }[] = [];
  const stack: KSyntax[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as KSyntax;
    if (node.IsToken) continue;
    if (syntaxKindName(node.Kind) === 'FunctionCallExpression' && NAMES.has(calledName(node))) {
      const args = listItems((node.ArgumentList as KSyntax).Expressions);
      const column = args[0]?.LiteralValue;
      const fallback = args[1];
      if (args.length === 2 && typeof column === 'string' && fallback) {
        const exists = inputColumnsAt(node).includes(column);
        const replacement = exists ? columnText(column) : `(${text.slice(fallback.TextStart, fallback.End)})`;
        const width = node.End - node.TextStart;
        if (replacement.length <= width)
          edits.push({ start: node.TextStart, end: node.End, replacement: replacement.padEnd(width) });
        continue;
      }
    }
    for (let i = 0; i < node.ChildCount; i++) {
      const child = node.GetChild(i);
      if (child) stack.push(child);
    }
  }
  if (edits.length === 0) return text;
  edits.sort((a, b) => b.start - a.start);
  let out = text;
  for (const e of edits) out = out.slice(0, e.start) + e.replacement + out.slice(e.end);
  return out;
}
