/**
 * Runs a plan: builds one streaming operator per plan node (a node used twice feeds both consumers through
 * a Tee), then drives the sources. Every scan of one table shares a single pass over its data.
 */

import { KqlError } from '../kql/errors.js';
import type { AggregateCall, Expansion, Expr, Plan, RangePlan, SortKey } from '../kql/ir.js';
import { planInputs, planSubplans } from '../kql/ir.js';
import { createAggregateRegistry } from './aggregates/index.js';
import type { AggregateImpl, AggregateRegistry } from './aggregates/registry.js';
import type { CompileContext } from './compile.js';
import { compileExpr } from './compile.js';
import { commonOf } from './functions/coerce.js';
import { createFunctionRegistry } from './functions/index.js';
import { KustoRegex, RegexSyntaxError } from './functions/regex-engine.js';
import type { Evaluator, FunctionRegistry } from './functions/registry.js';
import { FilterOperator } from './operators/filter.js';
import { JoinOperator, joinKeyFn } from './operators/join.js';
import { MvApplyOperator } from './operators/mv-apply.js';
import { Expander, MvExpandOperator } from './operators/mv-expand.js';
import { ParseOperator } from './operators/parse.js';
import { PartitionOperator } from './operators/partition.js';
import { ProjectOperator } from './operators/project.js';
import { SampleOperator } from './operators/sample.js';
import { ScanStepsOperator } from './operators/scan-steps.js';
import { SerializeOperator } from './operators/serialize.js';
import type { RowSink } from './operators/sink.js';
import { CollectSink, Tee } from './operators/sink.js';
import type { CompiledSortKey } from './operators/sort.js';
import { SortOperator } from './operators/sort.js';
import { SummarizeOperator } from './operators/summarize.js';
import { TakeOperator } from './operators/take.js';
import { TopOperator } from './operators/top.js';
import { TopNestedOperator } from './operators/top-nested.js';
import { UnionOperator } from './operators/union.js';
import type { PathTree } from './plan/dynamic-paths.js';
import { dynamicPathsByTable } from './plan/dynamic-paths.js';
import { fuseProjects } from './plan/fuse-projects.js';
import { requiredColumns } from './plan/required-columns.js';
import type { ScanCondition } from './plan/scan-filters.js';
import { conditionColumns, scanConditionsByTable } from './plan/scan-filters.js';
import { allExprs, topologicalOrder } from './plan/walk.js';
import { comparatorFor } from './values/compare.js';
import { toDynamic } from './values/convert.js';
import { keyFnFor } from './values/keys.js';
import type { Column, Row, ScalarType } from './values/types.js';
import { nullOf } from './values/types.js';

/** What a scan asks of a data source. */
export interface ScanRequest {
  readonly table: string;
  readonly schema: readonly Column[];
  /** For each column of the schema, whether the query reads it (others may be left unset). */
  readonly columns: readonly boolean[];
  /** Rows that fail this may be skipped by the source: every consumer of the scan would drop them. */
  readonly prefilter?: ScanPrefilter;
  /** For dynamic columns read only through constant paths, the parts read (plan/dynamic-paths.ts). */
  readonly paths?: ReadonlyMap<number, PathTree>;
}

export interface ScanPrefilter {
  /** The columns `test` reads: a source fills these before calling it, the rest only for rows that pass. */
  readonly columns: readonly boolean[];
  readonly test: (row: Row) => boolean;
  /**
   * The same test over a row of which only the `known` columns are filled: false when no consumer keeps the
   * row whatever the other columns hold, undefined when that depends on them. Lets a source drop a record
   * from a few cheaply read fields, before parsing it.
   */
  readonly partial?: (row: Row, known: readonly boolean[]) => boolean | undefined;
}

/** The data sources: pushes every row of a table into the sink, then ends it. */
export interface TableProvider {
  scan(request: ScanRequest, sink: RowSink): Promise<void>;
}

export interface ExecuteOptions {
  readonly tables: TableProvider;
  /** The query time: what now() returns, in ticks. */
  readonly now: bigint;
  /**
   * Values a join holds from its right side before reading it again with the left as the build side
   * (rows × columns; default JOIN_RIGHT_CELLS). See operators/join.ts.
   */
  readonly joinRightCells?: number;
  readonly functions?: FunctionRegistry;
  readonly aggregates?: AggregateRegistry;
}

export interface Engine {
  readonly functions: FunctionRegistry;
  readonly aggregates: AggregateRegistry;
}

let defaultEngine: Engine | undefined;
function engineOf(options: ExecuteOptions): Engine {
  if (options.functions && options.aggregates)
    return { functions: options.functions, aggregates: options.aggregates };
  defaultEngine ??= { functions: createFunctionRegistry(), aggregates: createAggregateRegistry() };
  return {
    functions: options.functions ?? defaultEngine.functions,
    aggregates: options.aggregates ?? defaultEngine.aggregates,
  };
}

/** Pushes a source's rows (or another thread's results) into the operators. */
export type Driver = () => Promise<void> | void;

/** What compiling the plan needs: the registries, the query time, the values of its subqueries. */
export async function prepareContext(plan: Plan, options: ExecuteOptions): Promise<CompileContext> {
  const engine = engineOf(options);
  const scalarSubqueries = await evaluateScalarSubqueries(plan, options);
  return {
    ...engine,
    now: options.now,
    scalarSubqueries,
    ...(options.joinRightCells !== undefined ? { joinRightCells: options.joinRightCells } : {}),
  };
}

/**
 * A join's right side held past this many values (rows × columns, ~50-100 MB) is read again instead, with
 * the left side as the build side.
 */
export const JOIN_RIGHT_CELLS = 4_000_000;

/** Whether reading a plan part twice gives the same rows: no random function, no `sample`. */
function readsTheSameTwice(plan: Plan, ctx: CompileContext): boolean {
  // mv-apply's and partition's subqueries included (allExprs walks them too).
  const samples = (root: Plan): boolean =>
    topologicalOrder(root).some((p) => p.kind === 'sample' || planSubplans(p).some(samples));
  if (samples(plan)) return false;
  return allExprs(plan).every((e) => e.kind !== 'call' || ctx.functions.get(e.fn)?.random !== true);
}

/** A plan part to read again once the current reads are over (a join's right side, see operators/join.ts). */
interface DeferredRead {
  readonly plan: Plan;
  readonly sink: RowSink;
  /** Whether it can run now (the join's left side is complete). */
  readonly ready: () => boolean;
}

/** Runs built operators: their drivers, then the reads they deferred (which may defer more). */
export async function runOperators(
  built: BuiltOperators,
  ctx: CompileContext,
  tables: TableProvider,
): Promise<void> {
  for (const d of built.drivers) await d();
  // Any build's joins may defer a read later, while a replay feeds their right side: drain every build's list.
  const lists = [built.deferred];
  const waiting: DeferredRead[] = [];
  for (;;) {
    for (const list of lists) waiting.push(...list.splice(0));
    if (waiting.length === 0) return;
    const at = waiting.findIndex((d) => d.ready());
    if (at < 0) throw new Error('internal: a join waits for its left side, which nothing will finish');
    const [read] = waiting.splice(at, 1) as [DeferredRead];
    const again = buildOperators(read.plan, ctx, tables, read.sink);
    lists.push(again.deferred);
    for (const d of again.drivers) await d();
  }
}

/** Plan rewrites that change how, never what, a plan computes. */
export function optimizePlan(plan: Plan): Plan {
  return fuseProjects(plan);
}

/** Runs the plan, pushing its result rows into `sink`. */
export async function execute(query: Plan, options: ExecuteOptions, sink: RowSink): Promise<void> {
  const plan = optimizePlan(query);
  const ctx = await prepareContext(plan, options);
  await runOperators(buildOperators(plan, ctx, options.tables, sink), ctx, options.tables);
}

/** Runs the plan and collects its rows. */
export async function executeToRows(plan: Plan, options: ExecuteOptions): Promise<Row[]> {
  const sink = new CollectSink();
  await execute(plan, options, sink);
  return sink.rows;
}

async function evaluateScalarSubqueries(plan: Plan, options: ExecuteOptions): Promise<Map<Expr, unknown>> {
  const values = new Map<Expr, unknown>();
  for (const q of allExprs(plan)) {
    if (q.kind === 'scalar-subquery') {
      const rows = await executeToRows(q.plan, options);
      const first = rows[0];
      values.set(q, first && first.length > 0 ? first[0] : nullOf(q.type));
    } else if (q.kind === 'column-values') {
      const rows = await executeToRows(q.plan, options);
      const type = (q.plan.schema[0] as Column).type;
      values.set(
        q,
        rows.map((r) => toDynamic(r[0], type)),
      );
    }
  }
  return values;
}

/** A parse pattern's regex; an invalid kind=regex constant is the query's error. */
function compileParseRegex(pattern: string, flags: string): KustoRegex {
  try {
    return KustoRegex.compile(pattern, flags);
  } catch (e) {
    if (e instanceof RegexSyntaxError) throw new KqlError('semantic', `parse: ${e.message}`);
    throw e;
  }
}

function isNullFor(t: ScalarType): (v: unknown) => boolean {
  return t === 'string' ? () => false : (v) => v === null || v === undefined;
}

function sortKeys(keys: readonly SortKey[], ev: (e: Expr) => Evaluator): CompiledSortKey[] {
  return keys.map((k) => ({
    ev: ev(k.expr),
    compare: comparatorFor(k.expr.type),
    descending: k.descending,
    nullsFirst: k.nullsFirst,
    isNull: isNullFor(k.expr.type),
  }));
}

/** The input ports of a node's operator, one per plan input, in planInputs() order. */
type Ports = RowSink[];

export interface BuiltOperators {
  /** Run these, in order, to push every source's rows through. */
  readonly drivers: Driver[];
  /** Reads the operators asked for while running, to run after the drivers (see runOperators). */
  readonly deferred: DeferredRead[];
  /** For an mv-apply subquery: the sink its implicit source (the subtable) feeds. */
  readonly applyInput?: RowSink;
}

/** Changes to how a plan is built, for running parts of it elsewhere (see src/parallel/). */
export interface BuildHooks {
  /** Nodes computed elsewhere: the hook gives the driver that feeds the node's consumers (`out`). */
  readonly replace?: ReadonlyMap<Plan, (out: RowSink) => Driver>;
  /** Summarize nodes that emit each group's accumulator states instead of results (partial aggregation). */
  readonly partialSummarize?: ReadonlySet<Plan>;
  /**
   * A partial summarize sends its states on once it holds this many groups, and starts again empty: the
   * states of one group may then come in several pieces, in input order, for the receiver to merge.
   */
  readonly partialFlushAt?: number;
}

/** Nodes reachable from the root without passing through a replaced node, in topological order. */
function nodesToBuild(root: Plan, replace: ReadonlyMap<Plan, unknown> | undefined): Plan[] {
  const order = topologicalOrder(root);
  if (!replace || replace.size === 0) return order;
  const reachable = new Set<Plan>();
  const visit = (p: Plan) => {
    if (reachable.has(p)) return;
    reachable.add(p);
    if (!replace.has(p)) for (const i of planInputs(p)) visit(i);
  };
  visit(root);
  return order.filter((p) => reachable.has(p));
}

export function buildOperators(
  root: Plan,
  ctx: CompileContext,
  tables: TableProvider,
  resultSink: RowSink,
  hooks: BuildHooks = {},
): BuiltOperators {
  const order = nodesToBuild(root, hooks.replace);
  const consumers = new Map<Plan, RowSink[]>();
  const addConsumer = (p: Plan, s: RowSink) => {
    const list = consumers.get(p);
    if (list) list.push(s);
    else consumers.set(p, [s]);
  };
  addConsumer(root, resultSink);
  const required = requiredColumns(root);
  const scans = new Map<string, { schema: readonly Column[]; columns: boolean[]; sinks: RowSink[] }>();
  const drivers: Driver[] = [];
  const deferred: DeferredRead[] = [];
  // A subquery (NO_TABLES) has nothing to read again: its joins hold their right sides.
  const defer =
    tables === NO_TABLES
      ? undefined
      : (plan: Plan, sink: RowSink, ready: () => boolean) => {
          deferred.push({ plan, sink, ready });
        };
  let applyInput: RowSink | undefined;

  for (const node of order) {
    const outs = consumers.get(node) ?? [];
    const out: RowSink = outs.length === 1 ? (outs[0] as RowSink) : new Tee(outs);
    const replaced = hooks.replace?.get(node);
    if (replaced) {
      drivers.push(replaced(out));
      continue;
    }
    const ports = makeOperator(
      node,
      ctx,
      out,
      hooks.partialSummarize?.has(node) === true ? { flushAt: hooks.partialFlushAt } : undefined,
      required.get(node),
      defer,
    );
    const inputs =
      node.kind === 'join'
        ? [node.left, node.right]
        : node.kind === 'union'
          ? node.inputs
          : 'input' in node
            ? [node.input]
            : [];
    inputs.forEach((input, i) => {
      addConsumer(input, ports[i] as RowSink);
    });
    switch (node.kind) {
      case 'scan': {
        let s = scans.get(node.table);
        if (!s) {
          s = { schema: node.schema, columns: node.schema.map(() => false), sinks: [] };
          scans.set(node.table, s);
        }
        for (const c of required.get(node) ?? []) s.columns[c] = true;
        s.sinks.push(out);
        break;
      }
      case 'values': {
        const rows = node.rows.map((r) => r.map((e) => compileExpr(e, ctx)([])));
        drivers.push(() => {
          for (const r of rows) out.push(r);
          out.end();
        });
        break;
      }
      case 'range':
        drivers.push(rangeDriver(node, ctx, out));
        break;
      case 'apply-input':
        applyInput = out;
        break;
      default:
        break;
    }
  }
  const conditions = scans.size > 0 ? scanConditionsByTable(root) : new Map();
  const paths = scans.size > 0 ? dynamicPathsByTable(root) : new Map<string, Map<number, PathTree>>();
  for (const [table, s] of scans) {
    const sink = s.sinks.length === 1 ? (s.sinks[0] as RowSink) : new Tee(s.sinks);
    const condition = conditions.get(table);
    const request: ScanRequest = {
      table,
      schema: s.schema,
      columns: s.columns,
      ...(condition ? { prefilter: compilePrefilter(condition, s.schema.length, ctx) } : {}),
      ...(paths.has(table) ? { paths: paths.get(table) } : {}),
    };
    drivers.push(() => tables.scan(request, sink));
  }
  return applyInput ? { drivers, deferred, applyInput } : { drivers, deferred };
}

/** A subquery (mv-apply's, partition's) reads nothing but its implicit source. */
const NO_TABLES: TableProvider = {
  scan(request) {
    throw new Error(`internal: a subquery scans ${request.table}`);
  },
};

/** Builds a subquery's operators once; returns the sink its implicit source feeds. */
function buildSubquery(plan: Plan, ctx: CompileContext, results: RowSink): RowSink {
  const sub = buildOperators(plan, ctx, NO_TABLES, results);
  if (!sub.applyInput || sub.drivers.length > 0)
    throw new Error('internal: a subquery must read its implicit source and nothing else');
  return sub.applyInput;
}

function expanderFor(e: Expansion, ev: (e: Expr) => Evaluator): Expander {
  return new Expander({
    passthrough: e.passthrough,
    expansions: e.expanded.map((x) => ({ outputIndex: x.outputIndex, ev: ev(x.expr), toType: x.toType })),
    bagAsArray: e.bagExpansion === 'array',
    itemIndexOutput: e.itemIndexOutput,
    limit: e.limit ?? Number.MAX_SAFE_INTEGER,
  });
}

/** A scan condition as a row test (`where` semantics: only true passes). */
function compilePrefilter(condition: ScanCondition, width: number, ctx: CompileContext): ScanPrefilter {
  const build = (c: ScanCondition): ((row: Row) => boolean) => {
    if (c.kind === 'predicate') {
      const ev = compileExpr(c.expr, ctx);
      return (row) => ev(row) === true;
    }
    const parts = c.of.map(build);
    return c.kind === 'all' ? (row) => parts.every((p) => p(row)) : (row) => parts.some((p) => p(row));
  };
  // Three-valued: a leaf whose columns are not all known is undefined; all/any combine as Kleene logic.
  const buildPartial = (c: ScanCondition): ((row: Row, known: readonly boolean[]) => boolean | undefined) => {
    if (c.kind === 'predicate') {
      const ev = compileExpr(c.expr, ctx);
      const needs = [...conditionColumns(c)];
      return (row, known) => (needs.every((i) => known[i]) ? ev(row) === true : undefined);
    }
    const parts = c.of.map(buildPartial);
    const all = c.kind === 'all';
    return (row, known) => {
      let unknown = false;
      for (const p of parts) {
        const v = p(row, known);
        if (v === undefined) unknown = true;
        else if (v !== all) return v; // all: a false decides; any: a true decides
      }
      return unknown ? undefined : all;
    };
  };
  const read = conditionColumns(condition);
  return {
    columns: Array.from({ length: width }, (_, i) => read.has(i)),
    test: build(condition),
    partial: buildPartial(condition),
  };
}

/** The aggregate implementations of a summarize node, bound to its argument types (plan time). */
export function bindAggregates(
  node: Extract<Plan, { kind: 'summarize' }>,
  ctx: CompileContext,
  ev: (e: Expr) => Evaluator,
): AggregateImpl[] {
  return node.aggregates.map((a) => bindAggregate(a, ctx, ev));
}

/** One aggregate call's implementation; an unknown aggregate or overload is refused with its position. */
export function bindAggregate(
  a: AggregateCall,
  ctx: CompileContext,
  ev: (e: Expr) => Evaluator,
): AggregateImpl {
  const fn = ctx.aggregates.get(a.fn);
  if (!fn) throw new KqlError('unsupported', `the aggregate ${a.fn}() is not supported`, a.span, `${a.fn}()`);
  const impl = fn.bind(
    a.args.map((x) => ({
      type: x.type,
      ...(x.kind === 'literal' ? { constant: { value: x.value } } : {}),
    })),
    a.args.map(ev),
    a.type,
    ctx,
  );
  if (typeof impl === 'string') {
    const types = a.args.map((x) => x.type).join(', ');
    throw new KqlError('unsupported', `${a.fn}(${types}) is not supported: ${impl}`, a.span, `${a.fn}()`);
  }
  return impl;
}

/**
 * The operator of one plan node. `required`: the node's output columns something downstream reads (others
 * need not be computed); `partial`: a summarize emits accumulator states (see BuildHooks).
 */
function makeOperator(
  node: Plan,
  ctx: CompileContext,
  out: RowSink,
  partial?: { readonly flushAt: number | undefined },
  required?: ReadonlySet<number>,
  defer?: (plan: Plan, sink: RowSink, ready: () => boolean) => void,
): Ports {
  const ev = (e: Expr) => compileExpr(e, ctx);
  switch (node.kind) {
    case 'scan':
    case 'values':
    case 'range':
    case 'apply-input':
      return [];
    case 'filter':
      return [new FilterOperator(ev(node.predicate), out)];
    case 'project':
      return [
        new ProjectOperator(
          node.columns.map((c, i) => (!required || required.has(i) ? ev(c.expr) : null)),
          out,
        ),
      ];
    case 'mv-expand': {
      // Columns nothing downstream reads are not copied into the expanded rows.
      const passthrough = required
        ? node.passthrough.map((from, i) => (required.has(i) ? from : -1))
        : node.passthrough;
      return [new MvExpandOperator(expanderFor({ ...node, passthrough }, ev), out)];
    }
    case 'top-nested':
      return [
        new TopNestedOperator(
          node.levels.map((l) => ({
            count: l.count ?? Number.MAX_SAFE_INTEGER,
            key: ev(l.key),
            keyFn: keyFnFor(l.key.type),
            aggregate: bindAggregate(l.aggregate, ctx, ev),
            compare: comparatorFor(l.aggregate.type),
            descending: l.descending,
          })),
          out,
        ),
      ];
    case 'partition': {
      const partition = new PartitionOperator(ev(node.key), keyFnFor(node.key.type), out);
      partition.connect(buildSubquery(node.subquery, ctx, partition.subqueryResults));
      return [partition];
    }
    case 'mv-apply': {
      const apply = new MvApplyOperator(expanderFor(node.expansion, ev), node.output, out);
      apply.connect(buildSubquery(node.subquery, ctx, apply.subqueryResults));
      return [apply];
    }
    case 'summarize':
      return [
        new SummarizeOperator(
          node.keys.map((k) => ev(k.expr)),
          node.keys.map((k) => k.expr.type),
          bindAggregates(node, ctx, ev),
          out,
          partial ? { states: true, flushAt: partial.flushAt } : { states: false },
        ),
      ];
    case 'join': {
      const leftEvs: Evaluator[] = [];
      const rightEvs: Evaluator[] = [];
      const leftKeyFns: ((v: unknown) => string)[] = [];
      const rightKeyFns: ((v: unknown) => string)[] = [];
      node.leftKeys.forEach((lk, i) => {
        const rk = node.rightKeys[i] as Expr;
        const common = lk.type === rk.type ? null : commonOf(lk.type, rk.type);
        if (lk.type !== rk.type && !common) {
          throw new KqlError(
            'unsupported',
            `joining a ${lk.type} key with a ${rk.type} key is not supported`,
          );
        }
        const l = ev(lk);
        const r = ev(rk);
        const keyType: ScalarType = common
          ? ({ bigint: 'long', number: 'real', string: 'string', bool: 'bool', dynamic: 'dynamic' }[
              common.kind
            ] as ScalarType)
          : lk.type;
        leftEvs.push(common ? (row) => common.left(l(row)) : l);
        rightEvs.push(common ? (row) => common.right(r(row)) : r);
        leftKeyFns.push(keyFnFor(keyType));
        rightKeyFns.push(keyFnFor(keyType));
      });
      const j = new JoinOperator(
        {
          kind: node.joinKind,
          leftKey: joinKeyFn(leftEvs, leftKeyFns),
          rightKey: joinKeyFn(rightEvs, rightKeyFns),
          output: node.output,
          leftNulls: node.left.schema.map((c) => nullOf(c.type)),
          rightNulls: node.right.schema.map((c) => nullOf(c.type)),
        },
        out,
        defer && readsTheSameTwice(node.right, ctx)
          ? {
              limit: Math.floor(
                (ctx.joinRightCells ?? JOIN_RIGHT_CELLS) / Math.max(1, node.right.schema.length),
              ),
              request: (sink, ready) => defer(node.right, sink, ready),
            }
          : undefined,
      );
      return [j.left, j.right];
    }
    case 'sort':
      return [new SortOperator(sortKeys(node.keys, ev), out)];
    case 'top':
      return [new TopOperator(node.count, sortKeys(node.keys, ev), out)];
    case 'take':
      return [new TakeOperator(node.count, out)];
    case 'scan-steps': {
      const defaults = node.defaults.map((d) => ev(d)([]));
      const steps = node.steps.map((s) => ({
        output: s.output,
        condition: ev(s.condition),
        assignments: s.assignments.map((a) => ({ column: a.column, ev: ev(a.expr) })),
      }));
      const empty = [...node.input.schema.map((c) => nullOf(c.type)), ...defaults];
      return [new ScanStepsOperator(defaults, empty, steps, node.withMatchId, out)];
    }
    case 'parse':
      return [
        new ParseOperator(
          ev(node.source),
          compileParseRegex(node.regex, node.flags),
          node.captures,
          node.passthrough,
          node.dropUnmatched,
          out,
        ),
      ];
    case 'sample':
      return [new SampleOperator(node.count, out)];
    case 'union': {
      const u = new UnionOperator(
        node.columnMaps,
        node.schema.map((c) => nullOf(c.type)),
        out,
      );
      return node.inputs.map((_, i) => u.input(i));
    }
    case 'serialize':
      return [new SerializeOperator(node.input.schema.length, node.columns, ev, out)];
  }
}

function rangeDriver(node: RangePlan, ctx: CompileContext, out: RowSink): Driver {
  const from = compileExpr(node.from, ctx)([]);
  const to = compileExpr(node.to, ctx)([]);
  const step = compileExpr(node.step, ctx)([]);
  return () => {
    if (from === null || to === null || step === null) {
      out.end();
      return;
    }
    if (typeof from === 'bigint') {
      const s = typeof step === 'bigint' ? step : BigInt(Math.trunc(step as number));
      if (s > 0n) for (let v = from; v <= (to as bigint); v += s) out.push([v]);
      else if (s < 0n) for (let v = from; v >= (to as bigint); v += s) out.push([v]);
    } else {
      const f = from as number;
      const t = to as number;
      const s = Number(step);
      // Computed as from + i*step so that real steps do not accumulate rounding error.
      if (s > 0) for (let i = 0; f + i * s <= t; i++) out.push([f + i * s]);
      else if (s < 0) for (let i = 0; f + i * s >= t; i++) out.push([f + i * s]);
    }
    out.end();
  };
}
