/** `T | invoke f(args)`: calls the user function f with T as its first (tabular) parameter. */
import type { Plan } from '../../ir.js';
import type { KSyntax } from '../../kusto-language.js';
import { callUserFunction } from '../functions.js';
import type { Translator } from '../translator.js';

export function translateInvoke(t: Translator, op: KSyntax, input: Plan): Plan {
  const call = op.Function as KSyntax;
  const nameNode = t.kindName(call) === 'FunctionCallExpression' ? (call.Name as KSyntax) : call;
  const symbol = call.ReferencedSymbol ?? nameNode.ReferencedSymbol;
  const name = symbol?.Name ?? t.declaredName(nameNode);
  const binding = t.lookup(symbol, name);
  if (binding?.kind !== 'function')
    return t.unsupported(`invoke of ${name}()`, call, 'only user functions can be invoked');
  const result = callUserFunction(t, call, binding.declaration, { columns: [] }, input);
  if (result.kind !== 'tabular') return t.unsupported(`invoke of the scalar function ${name}()`, call);
  return result.plan;
}
