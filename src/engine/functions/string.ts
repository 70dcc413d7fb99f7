/** String functions: tolower, toupper, strlen, strcat, substring, split, trim, ... */
import type { Dynamic } from '../values/dynamic.js';
import { toLowerInvariant, toUpperInvariant } from '../values/text.js';
import type { ScalarType } from '../values/types.js';
import type { Evaluator, ScalarFunction } from './registry.js';
import { eager, scalar } from './registry.js';
import { textOf } from './string-operators.js';

/** Converts each argument to text by its type, then calls `fn` with the texts. */
function overText(types: readonly ScalarType[], fn: (...texts: string[]) => unknown) {
  const conv = types.map(textOf);
  return {
    kind: 'compiled' as const,
    compile: (evs: readonly Evaluator[]) => (row: unknown[]) =>
      fn(...evs.map((e, i) => (conv[i] as (v: unknown) => string)(e(row)))),
  };
}

function trimmer(name: string, mode: 'both' | 'start' | 'end'): ScalarFunction {
  return scalar({
    name,
    description: `Removes a regular-expression match from the ${mode === 'both' ? 'start and end' : mode} of a string.`,
    bind([re, s]) {
      if (!re || !s) return 'expects a regular expression and a string';
      if (!re.constant) return 'needs a constant regular expression';
      const pattern = String(re.constant.value);
      const lead = new RegExp(`^(?:${pattern})+`, 'u');
      const trail = new RegExp(`(?:${pattern})+$`, 'u');
      return eager((_: string, v: string) => {
        let out = v;
        if (mode !== 'end') out = out.replace(lead, '');
        if (mode !== 'start') out = out.replace(trail, '');
        return out;
      });
    },
  });
}

export const stringFunctions: readonly ScalarFunction[] = [
  scalar({
    name: 'tolower',
    description: 'Lower case (invariant culture).',
    bind: ([a]) =>
      a?.type === 'string'
        ? eager((s: string) => toLowerInvariant(s))
        : overText([a?.type ?? 'string'], toLowerInvariant),
  }),
  scalar({
    name: 'toupper',
    description: 'Upper case (invariant culture).',
    bind: ([a]) =>
      a?.type === 'string'
        ? eager((s: string) => toUpperInvariant(s))
        : overText([a?.type ?? 'string'], toUpperInvariant),
  }),
  scalar({
    name: 'strlen',
    description: 'The number of characters (Unicode code points) in a string.',
    bind: () =>
      eager((s: string) => {
        let n = 0;
        for (let i = 0; i < s.length; i++) {
          const c = s.charCodeAt(i);
          if (c < 0xdc00 || c > 0xdfff || i === 0 || (s.charCodeAt(i - 1) & 0xfc00) !== 0xd800) n++;
        }
        return BigInt(n);
      }),
  }),
  scalar({
    name: 'strcat',
    description: 'Concatenates the text of its arguments.',
    bind: (args) =>
      overText(
        args.map((a) => a.type),
        (...texts) => texts.join(''),
      ),
  }),
  scalar({
    name: 'strcat_delim',
    description: 'Concatenates the text of its arguments with a delimiter.',
    bind: (args) =>
      overText(
        args.map((a) => a.type),
        (delim, ...texts) => texts.join(delim),
      ),
  }),
  scalar({
    name: 'substring',
    description: 'substring(s, start[, length]): characters from a 0-based start.',
    bind: (args) => {
      const conv = textOf(args[0]?.type ?? 'string');
      return eager((v: unknown, start: bigint | null, length?: bigint | null) => {
        const s = conv(v);
        if (start === null || length === null) return '';
        let from = Number(start);
        if (from < 0) from = 0;
        if (from >= s.length) return '';
        if (length === undefined) return s.slice(from);
        const n = Number(length);
        return n <= 0 ? '' : s.slice(from, from + n);
      });
    },
  }),
  scalar({
    name: 'split',
    description: 'split(s, delimiter[, index]): the parts as a dynamic array (or one part, as an array).',
    bind: () =>
      eager((s: string, delim: string, index?: bigint | null): Dynamic => {
        const parts = delim === '' ? [s] : s.split(delim);
        if (index === undefined) return parts;
        if (index === null) return null;
        const i = Number(index);
        const j = i < 0 ? parts.length + i : i;
        return j >= 0 && j < parts.length ? [parts[j] as string] : [];
      }),
  }),
  trimmer('trim', 'both'),
  trimmer('trim_start', 'start'),
  trimmer('trim_end', 'end'),
  scalar({
    name: 'replace_string',
    description: 'replace_string(text, lookup, rewrite): every occurrence of lookup replaced.',
    bind: () =>
      eager((text: string, lookup: string, rewrite: string) =>
        lookup === '' ? text : text.split(lookup).join(rewrite),
      ),
  }),
  scalar({
    name: 'indexof',
    description: 'indexof(s, lookup[, start[, length[, occurrence]]]): 0-based position, or -1.',
    bind: (args) => {
      const conv = textOf(args[0]?.type ?? 'string');
      const convL = textOf(args[1]?.type ?? 'string');
      return eager(
        (
          v: unknown,
          l: unknown,
          start?: bigint | null,
          length?: bigint | null,
          occurrence?: bigint | null,
        ) => {
          const s = conv(v);
          const lookup = convL(l);
          if (start === null || length === null || occurrence === null) return null;
          let from = start === undefined ? 0 : Number(start);
          if (from < 0) from = Math.max(0, s.length + from);
          if (from > s.length) return -1n;
          const limit =
            length === undefined || Number(length) < 0 ? s.length : Math.min(s.length, from + Number(length));
          let n = occurrence === undefined ? 1 : Number(occurrence);
          if (n <= 0) return null;
          let i = from - 1;
          while (n-- > 0) {
            i = s.indexOf(lookup, i + 1);
            if (i < 0 || i + lookup.length > limit) return -1n;
          }
          return BigInt(i);
        },
      );
    },
  }),
  scalar({
    name: 'reverse',
    description: 'The string reversed (by code points).',
    bind: ([a]) => {
      const conv = textOf(a?.type ?? 'string');
      return eager((v: unknown) => [...conv(v)].reverse().join(''));
    },
  }),
  scalar({
    name: 'strrep',
    description: 'strrep(value, n[, delimiter]): the text of value repeated n times.',
    bind: ([a]) => {
      const conv = textOf(a?.type ?? 'string');
      return eager((v: unknown, n: bigint | number | null, delim?: string) => {
        if (n === null) return '';
        const count = Number(n);
        if (count <= 0) return '';
        return Array(count)
          .fill(conv(v))
          .join(delim ?? '');
      });
    },
  }),
];
