/**
 * The front end's entry point: parse and bind a query with the official parser against kqlhunt's table
 * schemas, report its diagnostics as KqlErrors, and translate it into a plan.
 */
import type { ScalarType } from '../engine/values/types.js';
import type { TableSchema } from '../tables/table-schema.js';
import { KqlError } from './errors.js';
import type { Plan } from './ir.js';
import type { KCode, KDiagnostic, KSymbol, KTypeSymbol, KustoLanguage } from './kusto-language.js';
import { kustoLanguage, readOnlyListItems } from './kusto-language.js';
import { resolveColumnIfExists } from './translate/column-ifexists.js';
import { translateQuery } from './translate/index.js';
import { findOfflineConstruct } from './translate/offline-scan.js';

const SYMBOL_TYPE_NAMES: Record<ScalarType, string> = {
  bool: 'Bool',
  int: 'Int',
  long: 'Long',
  real: 'Real',
  decimal: 'Decimal',
  string: 'String',
  datetime: 'DateTime',
  timespan: 'TimeSpan',
  guid: 'Guid',
  dynamic: 'Dynamic',
};

interface Globals {
  IsAggregateFunction(symbol: KSymbol): boolean;
}

const globalsCache = new Map<string, Globals>();

/** The binder's global state with a database holding these tables (cached per set of tables). */
function globalsFor(lang: KustoLanguage, tables: readonly TableSchema[]): Globals {
  const key = tables
    .map((t) => `${t.name}(${t.columns.map((c) => `${c.name}:${c.type}`).join(',')})`)
    .join(';');
  const cached = globalsCache.get(key);
  if (cached) return cached;
  const S = lang.Symbols;
  const symbols = tables.map(
    (t) =>
      new S.TableSymbol.$ctor4(
        t.name,
        t.columns.map(
          (c) => new S.ColumnSymbol(c.name, S.ScalarTypes[SYMBOL_TYPE_NAMES[c.type]] as KTypeSymbol),
        ),
      ),
  );
  const db = new S.DatabaseSymbol.ctor('kqlhunt', symbols);
  const globals = lang.GlobalState.Default.WithDatabase(db) as Globals;
  globalsCache.set(key, globals);
  return globals;
}

function diagnosticError(d: KDiagnostic, syntax: boolean): KqlError {
  return new KqlError(syntax ? 'syntax' : 'semantic', d.Message, { start: d.Start, end: d.Start + d.Length });
}

export interface CompiledQuery {
  readonly text: string;
  readonly plan: Plan;
}

/** Parses, binds and translates a query; throws a located KqlError on any problem. */
export function compileQuery(text: string, tables: readonly TableSchema[]): CompiledQuery {
  const lang = kustoLanguage();
  const globals = globalsFor(lang, tables);
  let code: KCode = lang.KustoCode.ParseAndAnalyze(text, globals);
  const syntaxErrors = readOnlyListItems(
    (
      code as unknown as { GetSyntaxDiagnostics(): { Count: number; getItem(i: number): KDiagnostic } }
    ).GetSyntaxDiagnostics(),
  ).filter((d) => d.Severity === 'Error');
  if (syntaxErrors.length > 0) throw diagnosticError(syntaxErrors[0] as KDiagnostic, true).locate(text);
  const offline = findOfflineConstruct(code.Syntax);
  if (offline) throw offline.locate(text);
  // column_ifexists() resolved in the text, every position kept (see translate/column-ifexists.ts).
  const resolved = resolveColumnIfExists(code.Syntax, text);
  if (resolved !== text) code = lang.KustoCode.ParseAndAnalyze(resolved, globals);
  const errors = readOnlyListItems(code.GetDiagnostics()).filter((d) => d.Severity === 'Error');
  if (errors.length > 0) throw diagnosticError(errors[0] as KDiagnostic, false).locate(text);
  try {
    const plan = translateQuery(code.Syntax, resolved, {
      isAggregate: (s) => globals.IsAggregateFunction(s),
    });
    return { text, plan };
  } catch (e) {
    if (e instanceof KqlError) throw e.locate(text);
    throw e;
  }
}
