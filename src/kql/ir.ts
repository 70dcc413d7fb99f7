/**
 * kqlhunt's typed plan: plain data (structured-clonable, so it can be sent to worker threads), produced by
 * translate/ from the bound syntax tree and consumed by the engine. Every expression carries its static type;
 * every plan node carries its output schema. Column references are resolved to positions in the input row.
 */
import type { Column, ScalarType } from '../engine/values/types.js';

/** A span of the query text, for error messages. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

export type Expr =
  | LiteralExpr
  | ColumnExpr
  | CallExpr
  | MemberExpr
  | IndexExpr
  | ScalarSubqueryExpr
  | ColumnValuesExpr
  | RowContextExpr;

export interface LiteralExpr {
  readonly kind: 'literal';
  readonly type: ScalarType;
  readonly value: unknown;
}

export interface ColumnExpr {
  readonly kind: 'column';
  readonly type: ScalarType;
  readonly name: string;
  readonly index: number;
}

/** A scalar function or operator from the registry, by its registry name (`tolower`, `==`, `in~`, ...). */
export interface CallExpr {
  readonly kind: 'call';
  readonly type: ScalarType;
  readonly fn: string;
  readonly args: readonly Expr[];
  readonly span?: Span;
}

/** `x.key` / `x["key"]` on a dynamic value. */
export interface MemberExpr {
  readonly kind: 'member';
  readonly type: 'dynamic';
  readonly object: Expr;
  readonly key: string;
}

/** `x[i]` on a dynamic value: an array index (negative counts from the end) or a bag key. */
export interface IndexExpr {
  readonly kind: 'index';
  readonly type: 'dynamic';
  readonly object: Expr;
  readonly index: Expr;
}

/** `toscalar(T)`: the first column of the first row of a tabular plan, evaluated once. */
export interface ScalarSubqueryExpr {
  readonly kind: 'scalar-subquery';
  readonly type: ScalarType;
  readonly plan: Plan;
}

/**
 * The values of the first column of a tabular plan, as a dynamic array, computed once before the query runs:
 * the right side of `x in (T)` and `x has_any (T)`.
 */
export interface ColumnValuesExpr {
  readonly kind: 'column-values';
  readonly type: 'dynamic';
  readonly plan: Plan;
}

/** Functions that read the serialized row stream rather than one row: row_number(), prev(), next(). */
export interface RowContextExpr {
  readonly kind: 'row-context';
  readonly type: ScalarType;
  readonly fn: string;
  readonly args: readonly Expr[];
  readonly span?: Span;
}

export interface NamedExpr {
  readonly name: string;
  readonly expr: Expr;
}

export interface AggregateCall {
  readonly name: string;
  readonly fn: string;
  readonly args: readonly Expr[];
  readonly type: ScalarType;
  readonly span?: Span;
}

export interface SortKey {
  readonly expr: Expr;
  readonly descending: boolean;
  readonly nullsFirst: boolean;
}

export type JoinKind =
  | 'innerunique'
  | 'inner'
  | 'leftouter'
  | 'rightouter'
  | 'fullouter'
  | 'leftanti'
  | 'rightanti'
  | 'leftsemi'
  | 'rightsemi';

/** Where a join output column comes from. */
export interface JoinOutputColumn {
  readonly side: 'left' | 'right';
  readonly index: number;
}

export type Plan =
  | ScanPlan
  | ValuesPlan
  | RangePlan
  | FilterPlan
  | ProjectPlan
  | MvExpandPlan
  | MvApplyPlan
  | ApplyInputPlan
  | ParsePlan
  | ScanStepsPlan
  | PartitionPlan
  | TopNestedPlan
  | SummarizePlan
  | JoinPlan
  | SortPlan
  | TopPlan
  | TakePlan
  | SamplePlan
  | UnionPlan
  | SerializePlan;

interface PlanBase {
  readonly schema: readonly Column[];
}

/** Rows of a named table from the data sources. */
export interface ScanPlan extends PlanBase {
  readonly kind: 'scan';
  readonly table: string;
}

/** Rows of constant expressions: `datatable`, and the single empty row under `print`. */
export interface ValuesPlan extends PlanBase {
  readonly kind: 'values';
  readonly rows: readonly (readonly Expr[])[];
}

/** `range x from a to b step s` (values of type long, real, datetime or timespan). */
export interface RangePlan extends PlanBase {
  readonly kind: 'range';
  readonly from: Expr;
  readonly to: Expr;
  readonly step: Expr;
}

export interface FilterPlan extends PlanBase {
  readonly kind: 'filter';
  readonly input: Plan;
  readonly predicate: Expr;
}

/** One output column per entry (extend, project, project-away/rename/reorder all become this). */
export interface ProjectPlan extends PlanBase {
  readonly kind: 'project';
  readonly input: Plan;
  readonly columns: readonly NamedExpr[];
}

export interface MvExpandColumn {
  /** The output position of the expanded column. */
  readonly outputIndex: number;
  readonly expr: Expr;
  /**
   * `to typeof(T)`: elements that are a T (a dynamic string for string, an integral number for long, ...)
   * become that T; others become null. Without it they stay dynamic.
   */
  readonly toType: ScalarType;
}

/** How mv-expand (and mv-apply, for its subtables) turns one row into one row per array element. */
export interface Expansion {
  /** For each output column, the input column it copies, or -1 for an expanded / item-index column. */
  readonly passthrough: readonly number[];
  readonly expanded: readonly MvExpandColumn[];
  /** `bag` expands a property bag into one-entry bags; `array` into [key, value] pairs. */
  readonly bagExpansion: 'bag' | 'array';
  /** `with_itemindex=I`: the output position of the 0-based element index (a long). */
  readonly itemIndexOutput?: number;
  /** The most rows one input row expands into. */
  readonly limit?: number;
}

export interface MvExpandPlan extends PlanBase, Expansion {
  readonly kind: 'mv-expand';
  readonly input: Plan;
}

/** Where an mv-apply output column comes from: the outer (input) row, or the subquery's row. */
export interface ApplyOutputColumn {
  readonly from: 'outer' | 'subquery';
  readonly index: number;
}

/**
 * `mv-apply`: each input row is expanded into a subtable (`expansion`, whose rows have the schema
 * `subtableSchema`), the subquery runs over that subtable alone, and each row it returns is combined with
 * the input row by `output`. The subquery's only source is an `apply-input` node.
 */
export interface MvApplyPlan extends PlanBase {
  readonly kind: 'mv-apply';
  readonly input: Plan;
  readonly expansion: Expansion;
  readonly subtableSchema: readonly Column[];
  readonly subquery: Plan;
  readonly output: readonly ApplyOutputColumn[];
}

/**
 * `partition by Key (subquery)`: the subquery runs over each partition's rows (its `apply-input` source has
 * the input's columns); the result is every partition's rows.
 */
export interface PartitionPlan extends PlanBase {
  readonly kind: 'partition';
  readonly input: Plan;
  readonly key: Expr;
  readonly subquery: Plan;
}

/** The implicit source of an mv-apply or partition subquery: the current input row's subtable. */
export interface ApplyInputPlan extends PlanBase {
  readonly kind: 'apply-input';
}

/** A column that `parse` extracts: a named group of its regex, converted to the column's type. */
export interface ParseCapture {
  readonly outputIndex: number;
  /** The RE2 group name that holds the text. */
  readonly group: string;
  readonly type: ScalarType;
  /** kind=relaxed: text that does not convert gives null for this column only (otherwise no match). */
  readonly lenient: boolean;
}

/**
 * `parse` / `parse-where`: matches each row's `source` text against `regex` (RE2, built from the pattern)
 * and extracts the captures. Rows that do not match get null captures, or are dropped (`dropUnmatched`).
 */
export interface ParsePlan extends PlanBase {
  readonly kind: 'parse';
  readonly input: Plan;
  readonly source: Expr;
  readonly regex: string;
  readonly flags: string;
  /** For each output column, the input column it copies, or -1 for a capture. */
  readonly passthrough: readonly number[];
  readonly captures: readonly ParseCapture[];
  readonly dropUnmatched: boolean;
}

/** One step of the scan operator: `step Name [output=all|none]: Condition [=> Col = Expr, ...];`. */
export interface ScanStep {
  readonly name: string;
  /** Whether the records matching this step are output. */
  readonly output: boolean;
  readonly condition: Expr;
  /** Assignments to the record's columns (positions in the record), evaluated before any is made. */
  readonly assignments: readonly { readonly column: number; readonly expr: Expr }[];
}

/**
 * The `scan` operator: a state machine over the rows in order. A record is the input row followed by the
 * declared columns (their defaults until assigned). Steps' expressions read a context row: the current
 * record, then one record per step from the state (`s1.x` is in the second block), each of record width.
 * The output row is the record, then the match id when `withMatchId`.
 */
export interface ScanStepsPlan extends PlanBase {
  readonly kind: 'scan-steps';
  readonly input: Plan;
  /** The default value of each declared column (constant expressions). */
  readonly defaults: readonly Expr[];
  readonly steps: readonly ScanStep[];
  readonly withMatchId: boolean;
}

/** One `top-nested [N] of Key by Aggregate [asc|desc]` level. */
export interface TopNestedLevel {
  /** How many values this level keeps per parent group (all when absent). */
  readonly count?: number;
  readonly key: Expr;
  readonly aggregate: AggregateCall;
  readonly descending: boolean;
}

/**
 * `top-nested`: hierarchical aggregation. Level 1 groups the rows by its key, aggregates, keeps the top
 * `count` groups; each further level does the same within each group of the level above. One output row
 * per group of the last level: each level's key and aggregate value, in level order.
 */
export interface TopNestedPlan extends PlanBase {
  readonly kind: 'top-nested';
  readonly input: Plan;
  readonly levels: readonly TopNestedLevel[];
}

export interface SummarizePlan extends PlanBase {
  readonly kind: 'summarize';
  readonly input: Plan;
  readonly keys: readonly NamedExpr[];
  readonly aggregates: readonly AggregateCall[];
}

export interface JoinPlan extends PlanBase {
  readonly kind: 'join';
  readonly joinKind: JoinKind;
  readonly left: Plan;
  readonly right: Plan;
  readonly leftKeys: readonly Expr[];
  readonly rightKeys: readonly Expr[];
  readonly output: readonly JoinOutputColumn[];
}

export interface SortPlan extends PlanBase {
  readonly kind: 'sort';
  readonly input: Plan;
  readonly keys: readonly SortKey[];
}

/** `top N by keys`: the first N rows in key order (keeps N rows, not the whole input). */
export interface TopPlan extends PlanBase {
  readonly kind: 'top';
  readonly input: Plan;
  readonly count: number;
  readonly keys: readonly SortKey[];
}

export interface TakePlan extends PlanBase {
  readonly kind: 'take';
  readonly input: Plan;
  readonly count: number;
}

/** `sample N`: N rows chosen at random. */
export interface SamplePlan extends PlanBase {
  readonly kind: 'sample';
  readonly input: Plan;
  readonly count: number;
}

export interface UnionPlan extends PlanBase {
  readonly kind: 'union';
  readonly inputs: readonly Plan[];
  /** For each input, the input column feeding each output column (-1: absent, null). */
  readonly columnMaps: readonly (readonly number[])[];
}

/**
 * `serialize`, and an extend/project that calls row_number(), prev(), next(), row_cumsum(), ...: one output
 * column per entry, like project, computed row by row in input order.
 */
export interface SerializePlan extends PlanBase {
  readonly kind: 'serialize';
  readonly input: Plan;
  readonly columns: readonly NamedExpr[];
}

export function planInputs(p: Plan): readonly Plan[] {
  switch (p.kind) {
    case 'scan':
    case 'values':
    case 'range':
    case 'apply-input':
      return [];
    case 'join':
      return [p.left, p.right];
    case 'union':
      return p.inputs;
    default:
      return [p.input];
  }
}

/**
 * Plans nested inside a node that run on their own rather than as its input (an mv-apply subquery, run once
 * per input row).
 */
export function planSubplans(p: Plan): readonly Plan[] {
  return p.kind === 'mv-apply' || p.kind === 'partition' ? [p.subquery] : [];
}

/** The expressions a plan node evaluates against its input rows (not those of its inputs). */
export function planExprs(p: Plan): readonly Expr[] {
  switch (p.kind) {
    case 'filter':
      return [p.predicate];
    case 'project':
    case 'serialize':
      return p.columns.map((c) => c.expr);
    case 'mv-expand':
      return p.expanded.map((c) => c.expr);
    case 'mv-apply':
      return p.expansion.expanded.map((c) => c.expr);
    case 'parse':
      return [p.source];
    case 'partition':
      return [p.key];
    case 'top-nested':
      return p.levels.flatMap((l) => [l.key, ...l.aggregate.args]);
    case 'scan-steps':
      return [...p.defaults, ...p.steps.flatMap((s) => [s.condition, ...s.assignments.map((a) => a.expr)])];
    case 'summarize':
      return [...p.keys.map((k) => k.expr), ...p.aggregates.flatMap((a) => a.args)];
    case 'join':
      return [...p.leftKeys, ...p.rightKeys];
    case 'sort':
    case 'top':
      return p.keys.map((k) => k.expr);
    case 'range':
      return [p.from, p.to, p.step];
    default:
      return [];
  }
}
