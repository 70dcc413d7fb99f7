/**
 * The translator from the bound syntax tree to kqlhunt's plan. It owns the query's `let` bindings and
 * dispatches each construct to its own module: expressions.ts for scalars, operators/*.ts for tabular
 * operators (one file per operator). Anything it does not know is refused with the construct's name and
 * position — never guessed.
 */
import type { Column, ScalarType } from '../../engine/values/types.js';
import { KqlError } from '../errors.js';
import type { AggregateCall, Expr, Plan, Span } from '../ir.js';
import type { KSymbol, KSyntax } from '../kusto-language.js';
import { className, listItems, syntaxKindName } from '../kusto-language.js';
import { isTableType, schemaOfNode } from './types.js';

/** What a name bound by `let` (or a function parameter) stands for. */
export type Binding =
  | { readonly kind: 'scalar'; readonly expr: Expr }
  | { readonly kind: 'tabular'; readonly plan: Plan }
  | { readonly kind: 'function'; readonly declaration: KSyntax };

/** Lifts aggregate calls out of a summarize expression, naming each by its position. */
export interface AggregateCollector {
  /** Output position of the first aggregate (aggregates follow the group keys). */
  readonly base: number;
  readonly calls: AggregateCall[];
  /** The input row scope the aggregate arguments are evaluated in. */
  readonly input: Scope;
}

/** The row an expression is evaluated against: its columns, by position. */
export interface Scope {
  readonly columns: readonly Column[];
  readonly aggregates?: AggregateCollector;
  /**
   * Columns defined earlier in the same operator (`extend a = 1, b = a + 1`): a reference to one of these
   * names means its expression, which shadows an input column of the same name.
   */
  readonly locals?: ReadonlyMap<string, Expr>;
  /** `Qualifier.Column` naming something other than a dynamic member (scan's `step.Column`). */
  readonly qualified?: (qualifier: string, column: string) => Expr | undefined;
}

export interface TranslatorHooks {
  /** True when the symbol is an aggregate function (asked of the binder's global state). */
  isAggregate(symbol: KSymbol): boolean;
}

export type OperatorTranslator = (t: Translator, op: KSyntax, input: Plan) => Plan;
export type ScalarTranslator = (t: Translator, node: KSyntax, scope: Scope) => Expr;
export type SourceTranslator = (t: Translator, node: KSyntax) => Plan;

export interface TranslatorTables {
  readonly operators: Readonly<Record<string, OperatorTranslator>>;
  readonly sources: Readonly<Record<string, SourceTranslator>>;
  readonly scalar: ScalarTranslator;
}

export class Translator {
  private readonly bindings = new Map<KSymbol, Binding>();
  private readonly bindingsByName = new Map<string, Binding>();
  /** The implicit sources of the subqueries being translated (mv-apply's subtable), innermost last. */
  private readonly implicitInputs: Plan[] = [];
  /**
   * Where the nodes being translated sit in the query text: a user function's body is bound by the binder
   * as a tree of its own (the call's expansion), whose positions start at the body.
   */
  private spanOffset = 0;

  constructor(
    readonly text: string,
    readonly hooks: TranslatorHooks,
    private readonly tables: TranslatorTables,
  ) {}

  span(node: KSyntax): Span {
    return { start: node.TextStart + this.spanOffset, end: node.End + this.spanOffset };
  }

  /**
   * Runs `f` in a nested naming scope (a user function's body): names bound inside do not outlive it.
   * `offset` places the body's nodes in the query text.
   */
  inScope<T>(offset: number, f: () => T): T {
    const saved = new Map(this.bindingsByName);
    const savedOffset = this.spanOffset;
    this.spanOffset = offset;
    try {
      return f();
    } finally {
      this.spanOffset = savedOffset;
      this.bindingsByName.clear();
      for (const [k, v] of saved) this.bindingsByName.set(k, v);
    }
  }

  /** `let name = value`: a scalar, a table, or a function (translated at each call). */
  letStatement(statement: KSyntax): void {
    const nameNode = statement.Name as KSyntax;
    const name = this.declaredName(nameNode);
    const symbol = nameNode.ReferencedSymbol;
    const value = statement.Expression as KSyntax;
    if (this.kindName(value) === 'FunctionDeclaration') {
      this.bind(symbol, name, { kind: 'function', declaration: value });
      return;
    }
    if (isTableType(value.ResultType)) {
      this.bind(symbol, name, { kind: 'tabular', plan: this.tabular(value) });
      return;
    }
    this.bind(symbol, name, { kind: 'scalar', expr: this.scalar(value, { columns: [] }) });
  }

  /** Refuses a construct kqlhunt does not execute. */
  unsupported(what: string, node: KSyntax, hint?: string): never {
    throw new KqlError(
      'unsupported',
      `${what} is not supported${hint ? ` (${hint})` : ''}`,
      this.span(node),
      what,
    );
  }

  kindName(node: KSyntax): string {
    return syntaxKindName(node.Kind);
  }

  /** The binder's result schema of a tabular node. */
  schemaOf(node: KSyntax): Column[] {
    const s = schemaOfNode(node);
    if (!s)
      this.unsupported(`the result of ${this.describe(node)}`, node, 'the binder gave it no table type');
    return s;
  }

  /** A short human description of a node: `the mv-apply operator`, `the function geo_distance_2points()`. */
  describe(node: KSyntax): string {
    const kind = this.kindName(node);
    if (kind.endsWith('Operator')) {
      const keyword = node.GetChild(0);
      const word = keyword?.IsToken ? keyword.Text : kind.replace(/Operator$/, '');
      return `the ${word} operator`;
    }
    return kind.replace(/Expression$/, ' expression');
  }

  bind(symbol: KSymbol | null, name: string, binding: Binding): void {
    if (symbol) this.bindings.set(symbol, binding);
    this.bindingsByName.set(name, binding);
  }

  lookup(symbol: KSymbol | null, name: string): Binding | undefined {
    return (symbol && this.bindings.get(symbol)) ?? this.bindingsByName.get(name);
  }

  /** A tabular expression: a table, a let-bound tabular value, a pipe, datatable, print, range, ... */
  tabular(node: KSyntax): Plan {
    const kind = this.kindName(node);
    if (kind === 'PipeExpression') {
      const input = this.tabular(node.Expression as KSyntax);
      return this.operator(node.Operator as KSyntax, input);
    }
    // Some query operators also start a query on their own (print, range).
    const source = this.tables.sources[kind] ?? this.tables.sources[`standalone:${kind}`];
    if (source) return source(this, node);
    // The first operator of a subquery reads the subquery's implicit source.
    const implicit = this.implicitInputs[this.implicitInputs.length - 1];
    if (implicit && this.tables.operators[kind]) return this.operator(node, implicit);
    return this.unsupported(this.describe(node), node);
  }

  /** A subquery whose first operator reads `input` rather than a source of its own (mv-apply's). */
  subquery(node: KSyntax, input: Plan): Plan {
    this.implicitInputs.push(input);
    try {
      return this.tabular(node);
    } finally {
      this.implicitInputs.pop();
    }
  }

  operator(op: KSyntax, input: Plan): Plan {
    const kind = this.kindName(op);
    const translate = this.tables.operators[kind];
    if (!translate) return this.unsupported(this.describe(op), op);
    return translate(this, op, input);
  }

  scalar(node: KSyntax, scope: Scope): Expr {
    return this.tables.scalar(this, node, scope);
  }

  /** The expressions of a comma-separated list (`SyntaxList<SeparatedElement<Expression>>`). */
  items(list: unknown): KSyntax[] {
    return listItems(list);
  }

  /** The value of a named operator parameter (`kind=leftanti`), as its source text, lower-cased. */
  parameter(op: KSyntax, name: string): { text: string; node: KSyntax } | undefined {
    for (const p of listItems(op.Parameters)) {
      const pname = (p.Name as KSyntax | null)?.ToString().trim();
      if (pname?.toLowerCase() === name.toLowerCase()) {
        const value = p.Expression as KSyntax;
        return { text: value.ToString().trim(), node: value };
      }
    }
    return undefined;
  }

  /** Every parameter name of an operator, for refusing unknown ones. */
  parameterNames(op: KSyntax): { name: string; node: KSyntax }[] {
    return listItems(op.Parameters).map((p) => ({
      name: (p.Name as KSyntax).ToString().trim().toLowerCase(),
      node: p,
    }));
  }

  /** Refuses operator parameters outside the supported set. */
  onlyParameters(op: KSyntax, supported: readonly string[]): void {
    for (const p of this.parameterNames(op)) {
      if (!supported.includes(p.name))
        this.unsupported(`the ${p.name}= parameter of ${this.describe(op)}`, p.node);
    }
  }

  /** `name = expr` → { name, expr node }; a bare expression has no name. */
  named(node: KSyntax): { name?: string; expr: KSyntax; nameNode?: KSyntax } {
    const kind = this.kindName(node);
    if (kind === 'SimpleNamedExpression') {
      const nameNode = node.Name as KSyntax;
      return { name: this.declaredName(nameNode), expr: node.Expression as KSyntax, nameNode };
    }
    if (kind === 'CompoundNamedExpression')
      this.unsupported('assigning several names at once, (a, b) = ...', node);
    return { expr: node };
  }

  /** The plain name of a NameDeclaration / NameReference (`['my col']` → `my col`). */
  declaredName(node: KSyntax): string {
    const simple = node.SimpleName;
    if (typeof simple === 'string') return simple;
    return node.ToString().trim();
  }

  isClass(node: unknown, name: string): boolean {
    return className(node) === name;
  }
}

export function columnIndexIn(columns: readonly Column[], name: string): number {
  for (let i = 0; i < columns.length; i++) if ((columns[i] as Column).name === name) return i;
  return -1;
}

export function columnRef(columns: readonly Column[], name: string): Expr | undefined {
  const i = columnIndexIn(columns, name);
  if (i < 0) return undefined;
  const c = columns[i] as Column;
  return { kind: 'column', type: c.type, name: c.name, index: i };
}

export function literal(type: ScalarType, value: unknown): Expr {
  return { kind: 'literal', type, value };
}
