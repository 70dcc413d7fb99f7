/**
 * Calls of user functions (`let f = (a:string, n:long = 5) { ... }`, `let v = view () { ... }`): each call is
 * translated from the binder's expansion of the body at the call site, with the parameters bound to the
 * arguments (a scalar argument is inlined as an expression, a tabular one as its plan; a missing one takes
 * its default value). `T | invoke f(x)` passes T as the first parameter.
 */
import type { Expr, Plan } from '../ir.js';
import type { KSyntax } from '../kusto-language.js';
import { convertTo } from './expressions.js';
import type { Binding, Scope, Translator } from './translator.js';
import { isTableType, scalarTypeOf } from './types.js';

export type CallResult =
  | { readonly kind: 'scalar'; readonly expr: Expr }
  | { readonly kind: 'tabular'; readonly plan: Plan };

interface Parameter {
  readonly name: string;
  readonly node: KSyntax;
  readonly defaultValue: KSyntax | null;
}

function parametersOf(t: Translator, declaration: KSyntax): Parameter[] {
  const list = (declaration.Parameters as KSyntax).Parameters;
  return t.items(list).map((p) => {
    const nameAndType = p.NameAndType as KSyntax;
    const defaultValue = (p.DefaultValue as KSyntax | null)?.Value as KSyntax | undefined;
    return { name: t.declaredName(nameAndType.Name as KSyntax), node: p, defaultValue: defaultValue ?? null };
  });
}

/** A parameter's value from an argument node: a table's plan, or a scalar of the parameter's type. */
function argumentBinding(t: Translator, param: Parameter, arg: KSyntax, scope: Scope): Binding {
  if (t.kindName(arg) === 'SimpleNamedExpression')
    return t.unsupported('a named argument to a user function', arg);
  if (isTableType(arg.ResultType)) return { kind: 'tabular', plan: t.tabular(arg) };
  const expr = t.scalar(arg, scope);
  const declared = scalarTypeOf(((param.node.NameAndType as KSyntax).Name as KSyntax).ResultType);
  return { kind: 'scalar', expr: declared ? convertTo(expr, declared) : expr };
}

/**
 * Translates a call of the user function `binding` at `call` (a FunctionCallExpression, or a NameReference
 * for a function called without parentheses). `input` is the piped table of `invoke`.
 */
export function callUserFunction(
  t: Translator,
  call: KSyntax,
  declaration: KSyntax,
  scope: Scope,
  input?: Plan,
): CallResult {
  const expansion = (call as unknown as { GetExpansion(): KSyntax | null }).GetExpansion();
  const name =
    t.kindName(call) === 'FunctionCallExpression'
      ? t.declaredName(call.Name as KSyntax)
      : t.declaredName(call);
  if (!expansion) return t.unsupported(`calling ${name}()`, call, 'the binder could not expand its body');
  const params = parametersOf(t, declaration);
  const args =
    t.kindName(call) === 'FunctionCallExpression' ? t.items((call.ArgumentList as KSyntax).Expressions) : [];
  const given = input ? 1 + args.length : args.length;
  if (given > params.length) return t.unsupported(`calling ${name}() with ${given} arguments`, call);
  const bindings = params.map((p, i): Binding => {
    if (input && i === 0) return { kind: 'tabular', plan: input };
    const arg = args[input ? i - 1 : i];
    if (arg) return argumentBinding(t, p, arg, scope);
    if (p.defaultValue) return argumentBinding(t, p, p.defaultValue, { columns: [] });
    return t.unsupported(`calling ${name}() without its parameter ${p.name}`, call);
  });
  // The expansion is the body's text bound anew: its positions start where the body does.
  const body = declaration.Body as KSyntax;
  const sameText = body.ToString() === expansion.ToString();
  const offset = sameText ? body.TextStart - expansion.TextStart : call.TextStart - expansion.TextStart;
  return t.inScope(offset, () => {
    params.forEach((p, i) => {
      t.bind(null, p.name, bindings[i] as Binding);
    });
    for (const statement of t.items(expansion.Statements)) {
      if (t.kindName(statement) !== 'LetStatement')
        t.unsupported(`a ${t.kindName(statement)} inside a function body`, statement);
      t.letStatement(statement);
    }
    const result = expansion.Expression as KSyntax;
    if (isTableType(result.ResultType)) return { kind: 'tabular', plan: t.tabular(result) };
    return { kind: 'scalar', expr: t.scalar(result, scope) };
  });
}
