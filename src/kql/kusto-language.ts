/**
 * The official Kusto parser and binder (npm `@kusto/language-service-next`, Microsoft's Kusto.Language compiled
 * to JavaScript by Bridge.NET). It is a script that defines the globals `Bridge`, `System` and `Kusto`; we load
 * it once, lazily, and describe here only the small part of its object model kqlhunt uses. Nothing outside
 * src/kql/ sees these objects.
 */
import { createRequire } from 'node:module';
import { loadScriptCached } from './script-cache.js';

/** A node or token of the parser's syntax tree (properties are read by name; see translate/). */
export interface KSyntax {
  readonly Kind: number;
  readonly IsToken: boolean;
  readonly IsMissing: boolean;
  readonly ChildCount: number;
  GetChild(i: number): KSyntax | null;
  readonly TextStart: number;
  readonly End: number;
  readonly Width: number;
  readonly Text?: string;
  readonly Parent: KSyntax | null;
  readonly ResultType: KTypeSymbol | null;
  readonly ReferencedSymbol: KSymbol | null;
  readonly ReferencedSignature: KSignature | null;
  readonly IsConstant: boolean;
  readonly LiteralValue: unknown;
  ToString(): string;
  [property: string]: unknown;
}

/** The parser's `SyntaxList<T>` and `SeparatedElement<T>` wrappers. */
export interface KList {
  readonly Count: number;
  getItem$1(i: number): KSyntax;
}

export interface KSymbol {
  readonly Name: string;
  readonly Kind: number;
  [property: string]: unknown;
}

export interface KTypeSymbol extends KSymbol {}

export interface KSignature {
  readonly Symbol: KSymbol;
  readonly Parameters: KReadOnlyList<KParameter>;
  [property: string]: unknown;
}

export interface KParameter {
  readonly Name: string;
  readonly TypeKind: number;
  readonly DeclaredTypes: KReadOnlyList<KTypeSymbol>;
  [property: string]: unknown;
}

export interface KReadOnlyList<T> {
  readonly Count: number;
  getItem(i: number): T;
}

export interface KDiagnostic {
  readonly Code: string;
  readonly Severity: string;
  readonly Message: string;
  readonly Start: number;
  readonly Length: number;
}

export interface KCode {
  readonly Syntax: KSyntax;
  readonly ResultType: KTypeSymbol | null;
  GetDiagnostics(): KReadOnlyList<KDiagnostic>;
}

/** The slice of `Kusto.Language` kqlhunt uses. */
export interface KustoLanguage {
  KustoCode: { ParseAndAnalyze(text: string, globals: unknown): KCode };
  GlobalState: { Default: { WithDatabase(db: unknown): unknown } };
  Symbols: {
    ScalarTypes: Record<string, KTypeSymbol>;
    ColumnSymbol: new (name: string, type: KTypeSymbol) => KSymbol;
    TableSymbol: { $ctor4: new (name: string, columns: KSymbol[]) => KSymbol };
    DatabaseSymbol: { ctor: new (name: string, members: KSymbol[]) => KSymbol };
  };
  Syntax: { SyntaxKind: Record<string, number> };
}

interface BridgeGlobal {
  getTypeName(o: unknown): string;
}

let language: KustoLanguage | undefined;
let syntaxKindNames: string[] | undefined;

/** Loads the parser on first use (it is large: ~5 MB of script). */
export function kustoLanguage(): KustoLanguage {
  if (language) return language;
  const require = createRequire(import.meta.url);
  loadScriptCached(require.resolve('@kusto/language-service-next/bridge.min.js'));
  loadScriptCached(require.resolve('@kusto/language-service-next/Kusto.Language.Bridge.min.js'));
  const g = globalThis as unknown as { Kusto: { Language: KustoLanguage } };
  language = g.Kusto.Language;
  return language;
}

/** The name of a syntax kind (`FilterOperator`, `AndExpression`, ...). */
export function syntaxKindName(kind: number): string {
  if (!syntaxKindNames) {
    syntaxKindNames = [];
    const kinds = kustoLanguage().Syntax.SyntaxKind;
    for (const k of Object.keys(kinds)) {
      const v = kinds[k];
      if (typeof v === 'number' && !k.startsWith('$')) syntaxKindNames[v] = k;
    }
  }
  return syntaxKindNames[kind] ?? `SyntaxKind(${kind})`;
}

/** The .NET class name of a parser object, without namespace (`TableSymbol`, `PipeExpression`). */
export function className(o: unknown): string {
  const bridge = (globalThis as unknown as { Bridge: BridgeGlobal }).Bridge;
  const full = bridge.getTypeName(o);
  const generic = full.indexOf('`');
  const base = generic >= 0 ? full.slice(0, generic) : full;
  return base.slice(base.lastIndexOf('.') + 1);
}

export function listItems(list: unknown): KSyntax[] {
  const l = list as KList | null | undefined;
  if (!l) return [];
  const out: KSyntax[] = [];
  for (let i = 0; i < l.Count; i++) {
    const item = l.getItem$1(i);
    // SeparatedElement<T> wraps the element together with its comma.
    const inner = (item as unknown as { Element$1?: KSyntax }).Element$1;
    out.push(inner ?? item);
  }
  return out;
}

export function readOnlyListItems<T>(list: KReadOnlyList<T> | null | undefined): T[] {
  if (!list) return [];
  const out: T[] = [];
  for (let i = 0; i < list.Count; i++) out.push(list.getItem(i));
  return out;
}
