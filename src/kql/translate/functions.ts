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

/** The argument node of each parameter (undefined: not given); `f(len=3, s)` names one of them. */
function argumentsByParameter(
  t: Translator,
  call: KSyntax,
  params: readonly Parameter[],
  args: KSyntax[],
  first: number,
) {
  const out: (KSyntax | undefined)[] = params.map(() => undefined);
  args.forEach((a, i) => {
    if (t.kindName(a) !== 'SimpleNamedExpression') {
      if (first + i >= params.length)
        t.unsupported(`calling the function with ${first + args.length} arguments`, call);
      out[first + i] = a;
      return;
    }
    const name = t.declaredName(a.Name as KSyntax);
    const at = params.findIndex((p) => p.name === name);
    if (at < 0) t.unsupported(`the argument ${name}=, which the function does not declare`, a);
    out[at] = a.Expression as KSyntax;
  });
  return out;
}

/** A parameter's value from an argument node: a table's plan, or a scalar of the parameter's type. */
function argumentBinding(t: Translator, param: Parameter, arg: KSyntax, scope: Scope): Binding {
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
  const byParameter = argumentsByParameter(t, call, params, args, input ? 1 : 0);
  const bindings = params.map((p, i): Binding => {
    if (input && i === 0) return { kind: 'tabular', plan: input };
    const arg = byParameter[i];
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
