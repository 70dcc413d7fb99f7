/**
 * Translates a bound query into kqlhunt's plan: `let` statements bind names, the last expression statement
 * is the query. Operators are dispatched by syntax kind to one module each.
 */
import type { Plan } from '../ir.js';
import type { KSyntax } from '../kusto-language.js';
import { translateScalar } from './expressions.js';
import { translateEvaluate } from './operators/evaluate.js';
import { translateExtend, translateSerialize } from './operators/extend.js';
import { translateInvoke } from './operators/invoke.js';
import { translateJoin, translateLookup } from './operators/join.js';
import { translateMvApply } from './operators/mv-apply.js';
import { translateMvExpand } from './operators/mv-expand.js';
import { translateParse, translateParseWhere } from './operators/parse.js';
import { translatePartition } from './operators/partition.js';
import { translateProject, translateProjectRename, translateSelectByName } from './operators/project.js';
import { translateScan } from './operators/scan.js';
import { translateGetSchema, translateRender } from './operators/schema.js';
import { translateSample, translateSort, translateTake, translateTop } from './operators/sort.js';
import { sourceTranslators } from './operators/sources.js';
import { translateCount, translateDistinct, translateSummarize } from './operators/summarize.js';
import { translateTopNested } from './operators/top-nested.js';
import { translateAs, translateStandaloneUnion, translateUnion } from './operators/union.js';
import { translateWhere } from './operators/where.js';
import type { OperatorTranslator, TranslatorHooks, TranslatorTables } from './translator.js';
import { Translator } from './translator.js';

const OPERATORS: Readonly<Record<string, OperatorTranslator>> = {
  FilterOperator: translateWhere,
  ExtendOperator: translateExtend,
  ProjectOperator: translateProject,
  ProjectAwayOperator: translateSelectByName,
  ProjectKeepOperator: translateSelectByName,
  ProjectReorderOperator: translateSelectByName,
  ProjectRenameOperator: translateProjectRename,
  SummarizeOperator: translateSummarize,
  CountOperator: translateCount,
  DistinctOperator: translateDistinct,
  JoinOperator: translateJoin,
  LookupOperator: translateLookup,
  InvokeOperator: translateInvoke,
  UnionOperator: translateUnion,
  SerializeOperator: translateSerialize,
  GetSchemaOperator: translateGetSchema,
  RenderOperator: translateRender,
  ParseOperator: translateParse,
  ParseWhereOperator: translateParseWhere,
  ScanOperator: translateScan,
  PartitionOperator: translatePartition,
  EvaluateOperator: translateEvaluate,
  TopNestedOperator: translateTopNested,
  SampleOperator: translateSample,
  AsOperator: translateAs,
  MvExpandOperator: translateMvExpand,
  MvApplyOperator: translateMvApply,
  SortOperator: translateSort,
  TakeOperator: translateTake,
  TopOperator: translateTop,
};

const TABLES: TranslatorTables = {
  operators: OPERATORS,
  sources: { ...sourceTranslators, 'standalone:UnionOperator': translateStandaloneUnion },
  scalar: translateScalar,
};

export function translateQuery(root: KSyntax, text: string, hooks: TranslatorHooks): Plan {
  const t = new Translator(text, hooks, TABLES);
  let result: Plan | undefined;
  for (const statement of t.items(root.Statements)) {
    const kind = t.kindName(statement);
    if (kind === 'LetStatement') {
      t.letStatement(statement);
    } else if (kind === 'ExpressionStatement') {
      if (result) return t.unsupported('a query with several result statements', statement);
      result = t.tabular(statement.Expression as KSyntax);
    } else {
      t.unsupported(`the ${kind.replace(/Statement$/, '').toLowerCase()} statement`, statement);
    }
  }
  if (!result) return t.unsupported('a query with no result statement', root);
  return result;
}
