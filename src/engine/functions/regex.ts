/**
 * Regular-expression functions, all over the RE2 engine of regex-engine.ts: matches regex, extract,
 * extract_all, replace_regex (and the obsolete replace), trim/trim_start/trim_end, countof, indexof_regex,
 * regex_quote.
 */
import { KqlError } from '../../kql/errors.js';
import { convert } from '../values/convert.js';
import type { Dynamic } from '../values/dynamic.js';
import type { ScalarType } from '../values/types.js';
import { longArg } from './args.js';
import type { KustoRegex } from './regex-engine.js';
import { compileRegex, RegexSyntaxError } from './regex-engine.js';
import type { ArgInfo, Evaluator, ScalarFunction, ScalarImpl } from './registry.js';
import { scalar } from './registry.js';
import { textOf } from './string-operators.js';

/** Compiles a pattern; a syntax error is the query's error (Kusto rejects the query). */
function regexOf(pattern: string, flags = ''): KustoRegex {
  try {
    return compileRegex(pattern, flags);
  } catch (e) {
    if (e instanceof RegexSyntaxError) throw new KqlError('semantic', e.message);
    throw e;
  }
}

/**
 * A function whose pattern argument (at `patternAt`) is compiled once when constant and per distinct value
 * otherwise; `make` gets the compiled regex and the other arguments' evaluated values.
 */
function withRegex(
  args: readonly ArgInfo[],
  patternAt: number,
  make: (re: KustoRegex, values: unknown[]) => unknown,
  prepare: (pattern: string) => string = (p) => p,
): ScalarImpl {
  const pattern = args[patternAt];
  const patternText = textOf(pattern?.type ?? 'string');
  if (pattern?.constant) {
    const re = regexOf(prepare(patternText(pattern.constant.value)));
    return {
      kind: 'compiled',
      compile: (evs) => (row) =>
        make(
          re,
          evs.map((e) => e(row)),
        ),
    };
  }
  return {
    kind: 'compiled',
    compile: (evs) => (row) => {
      const values = evs.map((e) => e(row));
      return make(regexOf(prepare(patternText(values[patternAt]))), values);
    },
  };
}

function bindExtract(args: readonly ArgInfo[], result: ScalarType): ScalarImpl | string {
  const [, group, source] = args;
  if (!group || !source) return 'expects a regular expression, a capture group and a text';
  const readGroup = longArg(group.type);
  const text = textOf(source.type);
  const empty = result === 'string' ? '' : null;
  return withRegex(args, 0, (re, [, g, s]) => {
    const n = readGroup(g);
    if (n === null || n < 0n || n > BigInt(re.groupCount)) return empty;
    const m = re.exec(text(s));
    const value = m?.group(Number(n));
    if (value === null || value === undefined) return empty;
    return result === 'string' ? value : convert(value, 'string', result);
  });
}

/** The capture groups extract_all returns: all of them by default, else the listed numbers or names. */
function selectedGroups(re: KustoRegex, selector: Dynamic | undefined): number[] | null {
  if (selector === undefined) {
    if (re.groupCount === 0) return [0];
    return Array.from({ length: re.groupCount }, (_, i) => i + 1);
  }
  if (!Array.isArray(selector)) return null;
  const out: number[] = [];
  for (const s of selector) {
    if (typeof s === 'string') {
      const g = re.groupNames.get(s);
      if (g === undefined) return null;
      out.push(g);
    } else if (typeof s === 'number' || typeof s === 'bigint') {
      const g = Number(s);
      if (g < 0 || g > re.groupCount) return null;
      out.push(g);
    } else {
      return null;
    }
  }
  return out;
}

function bindExtractAll(args: readonly ArgInfo[]): ScalarImpl | string {
  if (args.length !== 2 && args.length !== 3) return 'expects a regular expression, [groups,] and a text';
  const sourceAt = args.length - 1;
  const text = textOf((args[sourceAt] as ArgInfo).type);
  return withRegex(args, 0, (re, values) => {
    const groups = selectedGroups(re, args.length === 3 ? (values[1] as Dynamic) : undefined);
    if (!groups) return null;
    const out: Dynamic[] = [];
    for (const m of re.matchAll(text(values[sourceAt]))) {
      if (groups.length === 1) out.push(m.group(groups[0] as number) ?? '');
      else out.push(groups.map((g) => m.group(g) ?? ''));
    }
    return out.length === 0 ? null : out;
  });
}

/** Kusto's trim: the regex removed from the start and/or end as many times as it repeats there. */
function trimmer(name: string, mode: 'both' | 'start' | 'end'): ScalarFunction {
  const where = mode === 'both' ? 'start and end' : mode;
  return scalar({
    name,
    description: `${name}(regex, text): the text without the matches of the regex at its ${where}.`,
    bind(args) {
      const [re, s] = args;
      if (!re || !s) return 'expects a regular expression and a text';
      const text = textOf(s.type);
      const patternText = textOf(re.type);
      const compileBoth = (p: string) => ({
        lead: mode === 'end' ? null : regexOf(`^(?:${p})+`),
        trail: mode === 'start' ? null : regexOf(`(?:${p})+$`),
      });
      const trim = (r: { lead: KustoRegex | null; trail: KustoRegex | null }, v: string) => {
        let out = v;
        if (r.lead) {
          const m = r.lead.exec(out);
          if (m) out = out.slice(m.end(0));
        }
        if (r.trail) {
          const m = r.trail.exec(out);
          if (m) out = out.slice(0, m.start(0));
        }
        return out;
      };
      if (re.constant) {
        const compiled = compileBoth(patternText(re.constant.value));
        return {
          kind: 'compiled',
          compile:
            ([, e]) =>
            (row) =>
              trim(compiled, text((e as Evaluator)(row))),
        };
      }
      return {
        kind: 'compiled',
        compile:
          ([p, e]) =>
          (row) =>
            trim(compileBoth(patternText((p as Evaluator)(row))), text((e as Evaluator)(row))),
      };
    },
  });
}

/** countof(text, search, 'normal'): overlapping occurrences ("aaaa" has "aa" 3 times). */
function countOverlapping(text: string, search: string): number {
  if (search === '') return 0;
  let n = 0;
  for (let i = text.indexOf(search); i >= 0; i = text.indexOf(search, i + 1)) n++;
  return n;
}

function bindCountOf(args: readonly ArgInfo[]): ScalarImpl | string {
  const [source, search, kind] = args;
  if (!source || !search) return 'expects a text and a search value';
  const text = textOf(source.type);
  const searchText = textOf(search.type);
  if (kind && !kind.constant) return 'needs a constant kind (normal or regex)';
  const k = kind ? String(kind.constant?.value).toLowerCase() : 'normal';
  if (k === 'normal') {
    return {
      kind: 'compiled',
      compile:
        ([a, b]) =>
        (row) =>
          BigInt(countOverlapping(text((a as Evaluator)(row)), searchText((b as Evaluator)(row)))),
    };
  }
  if (k !== 'regex') return `the kind '${k}' (normal or regex)`;
  return withRegex(args, 1, (re, [s]) => BigInt(re.count(text(s))));
}

function bindIndexOfRegex(args: readonly ArgInfo[]): ScalarImpl | string {
  const [source, , start, length, occurrence] = args;
  if (!source) return 'expects a text and a regular expression';
  const text = textOf(source.type);
  const readStart = start ? longArg(start.type) : () => 0n;
  const readLength = length ? longArg(length.type) : () => -1n;
  const readOccurrence = occurrence ? longArg(occurrence.type) : () => 1n;
  return withRegex(args, 1, (re, [s, , st, len, occ]) => {
    const from = readStart(st);
    const n = readLength(len);
    const nth = readOccurrence(occ);
    if (from === null || n === null || nth === null || from < 0n || nth <= 0n || n < -1n) return null;
    const whole = text(s);
    const begin = Number(from);
    if (begin > whole.length) return -1n;
    const end = n === -1n ? whole.length : Math.min(whole.length, begin + Number(n));
    let count = 0;
    for (const m of re.matchAll(whole.slice(begin, end))) {
      if (++count === Number(nth)) return BigInt(begin + m.start(0));
    }
    return -1n;
  });
}

const REGEX_META = /[\\.+*?()|[\]{}^$]/g;

export const regexFunctions: readonly ScalarFunction[] = [
  scalar({
    name: 'matches regex',
    description: 'text matches regex pattern: whether the RE2 pattern matches somewhere in the text.',
    bind(args) {
      const [a] = args;
      if (!a) return 'expects a text and a pattern';
      const text = textOf(a.type);
      return withRegex(args, 1, (re, [s]) => re.test(text(s)));
    },
  }),
  scalar({
    name: 'extract',
    description:
      'extract(regex, group, text[, typeof(T)]): a capture group of the first match ("" or null if none).',
    bind: bindExtract,
  }),
  scalar({
    name: 'extract_all',
    description: 'extract_all(regex, [groups,] text): the capture groups of every match, as a dynamic array.',
    bind: bindExtractAll,
  }),
  scalar({
    name: 'replace_regex',
    description:
      'replace_regex(text, regex, rewrite): every match replaced (\\0 the match, \\1.. its groups).',
    bind(args) {
      const [source, , rewrite] = args;
      if (!source || !rewrite) return 'expects a text, a regular expression and a rewrite';
      const text = textOf(source.type);
      const rewriteText = textOf(rewrite.type);
      return withRegex(args, 1, (re, [s, , r]) => re.replaceAll(text(s), rewriteText(r)));
    },
  }),
  scalar({
    name: 'replace',
    description:
      'replace(regex, rewrite, text): the obsolete form of replace_regex, arguments in another order.',
    bind(args) {
      const [, rewrite, source] = args;
      if (!source || !rewrite) return 'expects a regular expression, a rewrite and a text';
      const text = textOf(source.type);
      const rewriteText = textOf(rewrite.type);
      return withRegex(args, 0, (re, [, r, s]) => re.replaceAll(text(s), rewriteText(r)));
    },
  }),
  trimmer('trim', 'both'),
  trimmer('trim_start', 'start'),
  trimmer('trim_end', 'end'),
  scalar({
    name: 'countof',
    description: "countof(text, search[, kind]): occurrences of search; 'normal' overlaps, 'regex' does not.",
    bind: bindCountOf,
  }),
  scalar({
    name: 'indexof_regex',
    description:
      'indexof_regex(text, regex[, start[, length[, occurrence]]]): where the nth match starts, or -1.',
    bind: bindIndexOfRegex,
  }),
  scalar({
    name: 'regex_quote',
    description: 'The text with every regular-expression metacharacter escaped.',
    bind([a]) {
      const text = textOf(a?.type ?? 'string');
      return {
        kind: 'compiled',
        compile:
          ([e]) =>
          (row) =>
            text((e as Evaluator)(row)).replace(REGEX_META, '\\$&'),
      };
    },
  }),
];
