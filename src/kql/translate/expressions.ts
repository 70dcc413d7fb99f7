/** Scalar expressions: literals, column and variable references, operators, function calls, dynamic access. */
import { isRowFunction } from '../../engine/operators/serialize.js';
import type { Dynamic, DynamicBag } from '../../engine/values/dynamic.js';
import { DynDateTime, DynGuid, DynTimespan } from '../../engine/values/dynamic.js';
import type { ScalarType } from '../../engine/values/types.js';
import { KqlError } from '../errors.js';
import type { Expr, Plan } from '../ir.js';
import type { KParameter, KSyntax } from '../kusto-language.js';
import { readOnlyListItems } from '../kusto-language.js';
import { callUserFunction } from './functions.js';
import { LiteralError, parseLiteral } from './literals.js';
import { packColumns } from './pack-columns.js';
import type { Scope, Translator } from './translator.js';
import { columnRef, literal } from './translator.js';
import { scalarTypeOf } from './types.js';

/** Binary operator syntax kinds and their registry names. Note the parser's `InCs` is `in~`. */
const BINARY_OPERATORS: Readonly<Record<string, string>> = {
  AndExpression: 'and',
  OrExpression: 'or',
  EqualExpression: '==',
  NotEqualExpression: '!=',
  LessThanExpression: '<',
  LessThanOrEqualExpression: '<=',
  GreaterThanExpression: '>',
  GreaterThanOrEqualExpression: '>=',
  EqualTildeExpression: '=~',
  BangTildeExpression: '!~',
  AddExpression: '+',
  SubtractExpression: '-',
  MultiplyExpression: '*',
  DivideExpression: '/',
  ModuloExpression: '%',
  HasExpression: 'has',
  NotHasExpression: '!has',
  HasCsExpression: 'has_cs',
  NotHasCsExpression: '!has_cs',
  HasPrefixExpression: 'hasprefix',
  NotHasPrefixExpression: '!hasprefix',
  HasPrefixCsExpression: 'hasprefix_cs',
  NotHasPrefixCsExpression: '!hasprefix_cs',
  HasSuffixExpression: 'hassuffix',
  NotHasSuffixExpression: '!hassuffix',
  HasSuffixCsExpression: 'hassuffix_cs',
  NotHasSuffixCsExpression: '!hassuffix_cs',
  ContainsExpression: 'contains',
  NotContainsExpression: '!contains',
  ContainsCsExpression: 'contains_cs',
  NotContainsCsExpression: '!contains_cs',
  StartsWithExpression: 'startswith',
  NotStartsWithExpression: '!startswith',
  StartsWithCsExpression: 'startswith_cs',
  NotStartsWithCsExpression: '!startswith_cs',
  EndsWithExpression: 'endswith',
  NotEndsWithExpression: '!endswith',
  EndsWithCsExpression: 'endswith_cs',
  NotEndsWithCsExpression: '!endswith_cs',
  MatchesRegexExpression: 'matches regex',
  LikeExpression: 'like',
  NotLikeExpression: '!like',
  LikeCsExpression: 'like_cs',
  NotLikeCsExpression: '!like_cs',
};

const LIST_OPERATORS: Readonly<Record<string, string>> = {
  InExpression: 'in',
  NotInExpression: '!in',
  InCsExpression: 'in~',
  NotInCsExpression: '!in~',
  HasAnyExpression: 'has_any',
  HasAllExpression: 'has_all',
};

const LITERAL_TYPES: Readonly<Record<string, ScalarType>> = {
  BooleanLiteralExpression: 'bool',
  IntLiteralExpression: 'int',
  LongLiteralExpression: 'long',
  RealLiteralExpression: 'real',
  DecimalLiteralExpression: 'decimal',
  DateTimeLiteralExpression: 'datetime',
  TimespanLiteralExpression: 'timespan',
  GuidLiteralExpression: 'guid',
  StringLiteralExpression: 'string',
  CompoundStringLiteralExpression: 'string',
};

/** The static type the binder gave a node; refuses nodes without a scalar type. */
export function typeOf(t: Translator, node: KSyntax): ScalarType {
  const type = scalarTypeOf(node.ResultType);
  if (!type) {
    const name = node.ResultType?.Name;
    return t.unsupported(`an expression of type ${name ?? 'unknown'}`, node);
  }
  return type;
}

function literalValue(t: Translator, node: KSyntax, type: ScalarType): unknown {
  if (type === 'string') {
    const v = node.LiteralValue;
    if (typeof v === 'string') return v;
    // A compound literal "a" "b" is the concatenation of its parts.
    return String(node.ConstantValue ?? node.ToString());
  }
  try {
    return parseLiteral(type, node.ToString().trim());
  } catch (e) {
    if (e instanceof LiteralError) throw new KqlError('semantic', e.message, t.span(node));
    throw e;
  }
}

/** The JSON-ish syntax of `dynamic(...)`, as a dynamic value. */
function dynamicLiteral(t: Translator, node: KSyntax): Dynamic {
  const kind = t.kindName(node);
  switch (kind) {
    case 'JsonArrayExpression':
      return t.items(node.Values).map((v) => dynamicLiteral(t, v));
    case 'JsonObjectExpression': {
      const bag: DynamicBag = {};
      for (const pair of t.items(node.Pairs)) {
        const nameToken = pair.Name as KSyntax;
        const raw = nameToken.Text ?? nameToken.ToString();
        const key = parseLiteral('string', raw.trim()) as string;
        Object.defineProperty(bag, key, {
          value: dynamicLiteral(t, pair.Value as KSyntax),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      return bag;
    }
    case 'NullLiteralExpression':
      return null;
    case 'ParenthesizedExpression':
    case 'DynamicExpression':
      return dynamicLiteral(t, node.Expression as KSyntax);
    case 'UnaryMinusExpression': {
      const v = dynamicLiteral(t, node.Expression as KSyntax);
      if (typeof v === 'number') return -v;
      if (typeof v === 'bigint') return -v;
      return t.unsupported('unary minus of a non-number in a dynamic literal', node);
    }
    default: {
      const type = LITERAL_TYPES[kind];
      if (!type) return t.unsupported(`${kind} inside dynamic()`, node);
      const v = literalValue(t, node, type);
      if (v === null) return null;
      switch (type) {
        case 'long':
        case 'int': {
          const n = Number(v);
          return Number.isSafeInteger(n) ? n : (v as bigint);
        }
        case 'datetime':
          return new DynDateTime(v as bigint);
        case 'timespan':
          return new DynTimespan(v as bigint);
        case 'guid':
          return new DynGuid(v as string);
        default:
          return v as Dynamic;
      }
    }
  }
}

function call(t: Translator, node: KSyntax, fn: string, args: Expr[], type: ScalarType): Expr {
  return { kind: 'call', type, fn, args, span: t.span(node) };
}

/** Converts an expression to a type (no-op when it already has it). */
export function convertTo(e: Expr, type: ScalarType): Expr {
  if (e.type === type) return e;
  if (e.kind === 'literal' && e.value === null) return literal(type, type === 'string' ? '' : null);
  return { kind: 'call', type, fn: '__convert', args: [e] };
}

const NUMERIC = new Set<ScalarType>(['int', 'long', 'real', 'decimal']);

/**
 * Brings numeric arguments to the parameter types the binder matched them against (an int column passed to
 * a long parameter arrives as a long), so implementations see exactly their declared types.
 */
function coerceArguments(node: KSyntax, args: Expr[]): Expr[] {
  const sig = node.ReferencedSignature;
  if (!sig) return args;
  const params = readOnlyListItems(sig.Parameters);
  if (params.length === 0) return args;
  return args.map((a, i) => {
    const p = params[Math.min(i, params.length - 1)] as KParameter | undefined;
    if (p?.TypeKind !== 1 /* Declared */) return a;
    const declared = readOnlyListItems(p.DeclaredTypes).map((d) => scalarTypeOf(d));
    if (declared.length !== 1) return a;
    const target = declared[0];
    if (!target || target === a.type || !NUMERIC.has(a.type) || !NUMERIC.has(target)) return a;
    return convertTo(a, target);
  });
}

/** The list on the right of `in`, `has_any`, ...: expressions, or a table whose first column is the list. */
function listOperands(t: Translator, list: KSyntax, scope: Scope): Expr[] {
  return t.items(list.Expressions).map((item) => {
    const type = scalarTypeOf(item.ResultType);
    if (type) return t.scalar(item, scope);
    const plan = t.tabular(item);
    if (plan.schema.length === 0)
      return t.unsupported('a table without columns as the list of in/has_any', item);
    return { kind: 'column-values', type: 'dynamic', plan };
  });
}

function nameReference(t: Translator, node: KSyntax, scope: Scope): Expr {
  const symbol = node.ReferencedSymbol;
  const name = t.declaredName(node);
  const local = scope.locals?.get(symbol?.Name ?? name);
  if (local && symbol && t.isClass(symbol, 'ColumnSymbol')) return local;
  if (symbol && t.isClass(symbol, 'ColumnSymbol')) {
    const ref = columnRef(scope.columns, symbol.Name);
    if (ref) return ref;
    return t.unsupported(`the column reference '${name}' here`, node, 'column not in scope');
  }
  const binding = t.lookup(symbol, symbol?.Name ?? name);
  if (binding?.kind === 'scalar') return binding.expr;
  if (binding?.kind === 'tabular')
    return t.unsupported(`using the tabular value '${name}' as a scalar`, node);
  if (binding?.kind === 'function') {
    // A function without parameters, called by its bare name.
    const result = callUserFunction(t, node, binding.declaration, scope);
    if (result.kind === 'tabular') return t.unsupported(`the tabular function ${name} used as a value`, node);
    return result.expr;
  }
  // A column whose symbol is not a ColumnSymbol (e.g. from a row scope the binder built itself).
  const ref = columnRef(scope.columns, name);
  if (ref) return ref;
  return t.unsupported(`the name '${name}'`, node);
}

/** Arguments in parameter order: `make_set(x, MaxSize=8)` names its second argument. */
function positionalArguments(t: Translator, call: KSyntax, args: KSyntax[]): KSyntax[] {
  if (!args.some((a) => t.kindName(a) === 'SimpleNamedExpression')) return args;
  const params = readOnlyListItems(call.ReferencedSignature?.Parameters).map((p) => p.Name.toLowerCase());
  const out: KSyntax[] = [];
  args.forEach((a, i) => {
    if (t.kindName(a) !== 'SimpleNamedExpression') {
      out[i] = a;
      return;
    }
    const name = t.declaredName(a.Name as KSyntax);
    const at = params.indexOf(name.toLowerCase());
    if (at < 0) t.unsupported(`the argument ${name}=`, a);
    out[at] = a.Expression as KSyntax;
  });
  for (let i = 0; i < out.length; i++)
    if (!out[i]) t.unsupported('named arguments that skip a parameter', call);
  return out;
}

function functionCall(t: Translator, node: KSyntax, scope: Scope): Expr {
  const symbol = node.ReferencedSymbol;
  const nameNode = node.Name as KSyntax;
  const name = symbol?.Name ?? t.declaredName(nameNode);
  const argNodes = positionalArguments(t, node, t.items((node.ArgumentList as KSyntax).Expressions));
  if (symbol && t.hooks.isAggregate(symbol)) return aggregateCall(t, node, name, argNodes, scope);
  const binding = t.lookup(symbol, name);
  if (binding?.kind === 'function') {
    const result = callUserFunction(t, node, binding.declaration, scope);
    if (result.kind === 'tabular')
      return t.unsupported(`the tabular function ${name}() used as a value`, node);
    return result.expr;
  }
  const packed = packColumns(t, node, name, argNodes, scope);
  if (packed) return packed;
  const type = typeOf(t, node);
  if (isRowFunction(name)) {
    const args = argNodes.map((a) => t.scalar(a, scope));
    return { kind: 'row-context', type, fn: name, args, span: t.span(node) };
  }
  const args = argNodes.map((a) => {
    if (t.kindName(a) === 'TypeOfLiteralExpression') {
      // typeof(long) as an argument: passed as the type's name.
      const types = t.items(a.Types);
      return literal('string', types.map((x) => x.ToString().trim()).join(','));
    }
    if (!scalarTypeOf(a.ResultType)) return t.unsupported(`a non-scalar argument to ${name}()`, a);
    return t.scalar(a, scope);
  });
  return call(t, node, name, coerceArguments(node, args), type);
}

function aggregateCall(t: Translator, node: KSyntax, name: string, argNodes: KSyntax[], scope: Scope): Expr {
  const collector = scope.aggregates;
  if (!collector) return t.unsupported(`the aggregate ${name}() outside summarize`, node);
  const type = typeOf(t, node);
  const args = argNodes.map((a) => {
    if (t.kindName(a) === 'StarExpression') return t.unsupported(`${name}(*)`, a);
    return t.scalar(a, collector.input);
  });
  const index = collector.base + collector.calls.length;
  const internal = `__agg${collector.calls.length}`;
  collector.calls.push({
    name: internal,
    fn: name,
    args: coerceArguments(node, args),
    type,
    span: t.span(node),
  });
  return { kind: 'column', type, name: internal, index };
}

/** `x.key`, `x["key"]`, `x[0]`, `x.[0]`: member and element access on dynamic values. */
function access(t: Translator, node: KSyntax, scope: Scope): Expr {
  const kind = t.kindName(node);
  const objectNode = node.Expression as KSyntax;
  const selector = node.Selector as KSyntax;
  // T.Column inside a scope where the path names a column (e.g. `$left.x`) is handled by join.
  if (kind === 'PathExpression' && scope.qualified && t.kindName(objectNode) === 'NameReference') {
    const qualified = scope.qualified(t.declaredName(objectNode), t.declaredName(selector));
    if (qualified) return qualified;
  }
  const object = t.scalar(objectNode, scope);
  if (object.type !== 'dynamic')
    return t.unsupported(`member access on a value of type ${object.type}`, node);
  const selectorKind = t.kindName(selector);
  if (kind === 'PathExpression' && selectorKind === 'NameReference') {
    return { kind: 'member', type: 'dynamic', object, key: t.declaredName(selector) };
  }
  if (kind === 'PathExpression' && selectorKind === 'BracketedName') {
    return { kind: 'member', type: 'dynamic', object, key: t.declaredName(selector) };
  }
  const inner = selectorKind === 'BracketedExpression' ? (selector.Expression as KSyntax) : selector;
  const index = t.scalar(inner, scope);
  if (index.kind === 'literal' && index.type === 'string') {
    return { kind: 'member', type: 'dynamic', object, key: index.value as string };
  }
  return { kind: 'index', type: 'dynamic', object, index };
}

export function translateScalar(t: Translator, node: KSyntax, scope: Scope): Expr {
  const kind = t.kindName(node);
  const literalType = LITERAL_TYPES[kind];
  if (literalType) return literal(literalType, literalValue(t, node, literalType));

  const binary = BINARY_OPERATORS[kind];
  if (binary) {
    const left = t.scalar(node.Left as KSyntax, scope);
    const right = t.scalar(node.Right as KSyntax, scope);
    return call(t, node, binary, [left, right], typeOf(t, node));
  }
  const listOp = LIST_OPERATORS[kind];
  if (listOp) {
    const left = t.scalar(node.Left as KSyntax, scope);
    return call(t, node, listOp, [left, ...listOperands(t, node.Right as KSyntax, scope)], 'bool');
  }

  switch (kind) {
    case 'ParenthesizedExpression':
      return t.scalar(node.Expression as KSyntax, scope);
    case 'NameReference':
      return nameReference(t, node, scope);
    case 'FunctionCallExpression':
      return functionCall(t, node, scope);
    case 'PathExpression':
    case 'ElementExpression':
      return access(t, node, scope);
    case 'DynamicExpression':
      return literal('dynamic', dynamicLiteral(t, node.Expression as KSyntax));
    case 'NullLiteralExpression':
      return literal(scalarTypeOf(node.ResultType) ?? 'dynamic', null);
    case 'BetweenExpression':
    case 'NotBetweenExpression': {
      const couple = node.Right as KSyntax;
      return call(
        t,
        node,
        kind === 'BetweenExpression' ? 'between' : '!between',
        [
          t.scalar(node.Left as KSyntax, scope),
          t.scalar(couple.First as KSyntax, scope),
          t.scalar(couple.Second as KSyntax, scope),
        ],
        'bool',
      );
    }
    case 'UnaryMinusExpression': {
      const operand = t.scalar(node.Expression as KSyntax, scope);
      if (operand.kind === 'literal' && operand.value !== null) {
        const v = operand.value;
        if (typeof v === 'bigint') return literal(operand.type, BigInt.asIntN(64, -v));
        if (typeof v === 'number') return literal(operand.type, -v);
      }
      return call(t, node, 'negate', [operand], typeOf(t, node));
    }
    case 'UnaryPlusExpression':
      return t.scalar(node.Expression as KSyntax, scope);
    case 'ToScalarExpression': {
      const inner = node.Expression as KSyntax;
      const type = typeOf(t, node);
      // toscalar(new_guid()): a scalar, computed once for the query (a one-row plan of it).
      const plan: Plan = scalarTypeOf(inner.ResultType)
        ? {
            kind: 'project',
            input: { kind: 'values', schema: [], rows: [[]] },
            schema: [{ name: 'value', type }],
            columns: [{ name: 'value', expr: convertTo(t.scalar(inner, { columns: [] }), type) }],
          }
        : t.tabular(inner);
      return { kind: 'scalar-subquery', type, plan };
    }
    default:
      return t.unsupported(t.describe(node), node);
  }
}
