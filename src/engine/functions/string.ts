/** String functions: tolower, toupper, strlen, strcat, substring, split, replace_strings, translate, ... */
import type { Dynamic } from '../values/dynamic.js';
import { dynamicToString } from '../values/format.js';
import { hasTerm, toLowerInvariant, toUpperInvariant } from '../values/text.js';
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
        // A negative start counts from the end: substring("123456", -2, 2) is "56" (docs).
        let from = Number(start);
        if (from < 0) from = Math.max(0, s.length + from);
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
          // The length bounds where a match may start, not where it ends: indexof("abcdefg", "cde", 1, 2)
          // is 2 [indexof-function-00].
          const lastStart = length === undefined || Number(length) < 0 ? s.length : from + Number(length) - 1;
          let n = occurrence === undefined ? 1 : Number(occurrence);
          if (n <= 0) return null;
          let i = from - 1;
          while (n-- > 0) {
            i = s.indexOf(lookup, i + 1);
            if (i < 0 || i > lastStart) return -1n;
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
  scalar({
    name: 'strcat_array',
    description: 'strcat_array(array, delimiter): the text of the elements joined by the delimiter.',
    bind: () =>
      eager((a: Dynamic, delim: string) =>
        Array.isArray(a) ? a.map((e) => dynamicToString(e ?? null)).join(delim) : '',
      ),
  }),
  scalar({
    name: 'string_size',
    description: 'The size of a string in bytes (UTF-8).',
    bind: () => eager((s: string) => BigInt(Buffer.byteLength(s, 'utf8'))),
  }),
  scalar({
    name: 'strcmp',
    description: 'strcmp(a, b): -1, 0 or 1 as a sorts before, equal to, or after b (ordinal).',
    bind: () => eager((a: string, b: string) => (a < b ? -1n : a > b ? 1n : 0n)),
  }),
  scalar({
    name: 'replace_strings',
    description:
      'replace_strings(text, lookups, rewrites): each lookup replaced by its rewrite; earlier lookups take priority.',
    bind: () => eager(replaceStrings),
  }),
  scalar({
    name: 'translate',
    description: 'translate(from, to, text): each character of from replaced by the one at its place in to.',
    bind: () =>
      eager((from: string, to: string, text: string) => {
        const map = new Map<string, string>();
        const fromChars = [...from];
        const toChars = [...to];
        fromChars.forEach((c, i) => {
          // A shorter `to` repeats its last character; an empty one deletes.
          if (!map.has(c))
            map.set(c, toChars.length === 0 ? '' : (toChars[Math.min(i, toChars.length - 1)] as string));
        });
        let out = '';
        for (const c of text) out += map.get(c) ?? c;
        return out;
      }),
  }),
  scalar({
    name: 'has_any_index',
    description:
      'has_any_index(text, values): the position of the first value the text has (as a term), or -1.',
    bind: () =>
      eager((text: string, values: Dynamic) => {
        if (!Array.isArray(values)) return -1n;
        const hay = toLowerInvariant(text);
        const i = values.findIndex((v) => v !== null && hasTerm(hay, toLowerInvariant(dynamicToString(v))));
        return BigInt(i);
      }),
  }),
  scalar({
    name: 'unicode_codepoints_from_string',
    description: 'The Unicode code points of a string, as a dynamic array.',
    bind: () => eager((s: string) => [...s].map((c) => c.codePointAt(0) as number)),
  }),
  scalar({
    name: 'unicode_codepoints_to_string',
    description: 'A string from code points (longs or arrays of them).',
    bind: (args) => {
      const types = args.map((a) => a.type);
      return {
        kind: 'compiled',
        compile: (evs) => (row) => {
          let out = '';
          const add = (n: unknown) => {
            const c = Number(n);
            if (Number.isInteger(c) && c >= 0 && c <= 0x10ffff) out += String.fromCodePoint(c);
          };
          evs.forEach((e, i) => {
            const v = e(row);
            if (types[i] === 'dynamic' && Array.isArray(v)) for (const x of v) add(x);
            else if (v !== null) add(v);
          });
          return out;
        },
      };
    },
  }),
  scalar({
    name: 'isascii',
    description: 'Whether every character of the string is ASCII.',
    bind: () => eager((s: string) => isAscii(s)),
  }),
  scalar({
    name: 'isutf8',
    description:
      'Whether the string is valid UTF-8 (always, for a string kqlhunt holds, unless it has lone surrogates).',
    bind: () => eager((s: string) => Buffer.from(s, 'utf8').toString('utf8') === s),
  }),
];

/** Whether every UTF-16 unit of the text is ASCII. */
export function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}

/**
 * replace_strings: at each position the first lookup (in list order) that matches wins; replaced text is never
 * matched again, and a rewrite that is not a string leaves the match as it is [replace-strings-function-00..03].
 */
function replaceStrings(text: string, lookups: Dynamic, rewrites: Dynamic): string {
  if (!Array.isArray(lookups) || !Array.isArray(rewrites)) return text;
  const pairs = lookups
    .map((l, i) => ({ lookup: typeof l === 'string' ? l : '', rewrite: rewrites[i] }))
    .filter((p) => p.lookup !== '');
  // Spans claimed by earlier lookups: [start, end, replacement].
  const claimed: [number, number, string][] = [];
  for (const { lookup, rewrite } of pairs) {
    let from = 0;
    for (let i = text.indexOf(lookup, from); i >= 0; i = text.indexOf(lookup, from)) {
      const end = i + lookup.length;
      if (claimed.some(([s, e]) => i < e && end > s)) {
        from = i + 1;
        continue;
      }
      claimed.push([i, end, typeof rewrite === 'string' ? rewrite : lookup]);
      from = end;
    }
  }
  claimed.sort((a, b) => a[0] - b[0]);
  let out = '';
  let at = 0;
  for (const [s, e, r] of claimed) {
    out += text.slice(at, s) + r;
    at = e;
  }
  return out + text.slice(at);
}
