/**
 * Finds what a query reads that kqlhunt cannot reach offline — `externaldata` URLs, Sentinel watchlists —
 * so that it is refused for that reason (see ../offline.ts) before anything else is said about the query:
 * the binder does not know `_GetWatchlist` at all, and would only call it an unknown function.
 */
import type { KqlError } from '../errors.js';
import type { KSyntax } from '../kusto-language.js';
import { listItems, syntaxKindName } from '../kusto-language.js';
import { externalDataOffline, watchlistOffline } from '../offline.js';

function literalText(node: KSyntax | undefined): string | undefined {
  const v = node?.LiteralValue;
  return typeof v === 'string' ? v : undefined;
}

function calledName(call: KSyntax): string {
  const name = call.Name as KSyntax | null;
  return (name?.SimpleName as string | undefined) ?? name?.ToString().trim() ?? '';
}

/** The first offline construct in the syntax tree, as the error that refuses it. */
export function findOfflineConstruct(root: KSyntax): KqlError | undefined {
  const stack: KSyntax[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as KSyntax;
    if (node.IsToken) continue;
    const kind = syntaxKindName(node.Kind);
    const span = { start: node.TextStart, end: node.End };
    if (kind === 'ExternalDataExpression') {
      const urls = listItems(node.URIs).flatMap((u) => literalText(u) ?? []);
      return externalDataOffline(urls, span);
    }
    if (kind === 'FunctionCallExpression' && calledName(node).toLowerCase() === '_getwatchlist') {
      const args = listItems((node.ArgumentList as KSyntax).Expressions);
      return watchlistOffline(literalText(args[0]), span);
    }
    for (let i = node.ChildCount - 1; i >= 0; i--) {
      const child = node.GetChild(i);
      if (child) stack.push(child);
    }
  }
  return undefined;
}
