/**
 * Kusto's regular expressions: the RE2 dialect (https://github.com/google/re2/wiki/Syntax), matched in time
 * linear in the input. Log text is attacker-controlled, so no pattern may backtrack: `(a+)+$` against a
 * long run of a's must not hang. Every regex in kqlhunt (matches regex, extract, extract_all, replace_regex,
 * trim*, countof, split of parse kind=regex, ...) goes through this module.
 *
 * Engine choice, measured on this machine (2 cores, Node 20; 2,000 audit-log lines of 519 characters on
 * average; 5 realistic patterns: IPv4, e-mail, a capture, (?i) literal, guid):
 *   - npm `re2` 1.27.1 (native RE2): scan 375 MB/s, capture extraction 2.3 µs/match, compile 9 µs/pattern;
 *     (a+)+$ over 100,000 a's: 0.1 ms. But its prebuilt binary download is unreachable here, so every fresh
 *     `npm ci` compiles RE2 with node-gyp (45 s, needs python3/make/g++; 90 MB in node_modules) and its
 *     install script must be approved (allowScripts).
 *   - npm `re2js` 2.10.0 (pure JS port of RE2): scan 345 MB/s (lazy DFA), capture extraction 2.1 µs/match,
 *     compile 33 µs/pattern; (a+)+$ over 100,000 a's: 0.5 ms; 0.9 MB, no build step.
 *   - (for reference, JS RegExp backtracks: 1,160 MB/s, but (a+)+$ takes 230 ms at 25 a's and doubles with
 *     every further a.)
 * re2js is as fast where it matters, and has no native build: it is the engine.
 */
import { RE2JS } from 're2js';

/** A pattern that is not valid RE2 syntax. */
export class RegexSyntaxError extends Error {
  constructor(
    readonly pattern: string,
    message: string,
  ) {
    super(message);
    this.name = 'RegexSyntaxError';
  }
}

/** One match: the span of the whole match and of each capture group (-1 where a group took no part). */
export interface RegexMatch {
  /** Start and end (UTF-16 offsets into the text) of group g; g = 0 is the whole match. */
  start(g: number): number;
  end(g: number): number;
  /** The text of group g, or null when the group did not take part in the match. */
  group(g: number): string | null;
}

class MatchSpans implements RegexMatch {
  constructor(
    private readonly text: string,
    private readonly spans: Int32Array,
  ) {}
  start(g: number): number {
    return this.spans[2 * g] ?? -1;
  }
  end(g: number): number {
    return this.spans[2 * g + 1] ?? -1;
  }
  group(g: number): string | null {
    const s = this.start(g);
    return s < 0 ? null : this.text.slice(s, this.end(g));
  }
}

/** Kusto's regex flags (extract_all, parse kind=regex flags=...): i, m, s and U (ungreedy). */
const FLAG_LETTERS = /^[imsU]*$/;

export class KustoRegex {
  /** Number of capture groups (group 0, the whole match, not counted). */
  readonly groupCount: number;
  /** Named groups (`(?P<name>...)` or `(?<name>...)`) and their numbers. */
  readonly groupNames: ReadonlyMap<string, number>;
  private readonly re: RE2JS;

  private constructor(
    readonly pattern: string,
    readonly flags: string,
  ) {
    try {
      this.re = RE2JS.compile(flags === '' ? pattern : `(?${flags})${pattern}`);
    } catch (e) {
      const detail = (e as Error).message.replace(/^error parsing regexp: /, '');
      throw new RegexSyntaxError(pattern, `invalid regular expression '${pattern}': ${detail}`);
    }
    this.groupCount = this.re.groupCount();
    this.groupNames = new Map(Object.entries(this.re.namedGroups()));
  }

  /** Compiles a pattern (RE2 syntax) with optional flags; throws RegexSyntaxError. */
  static compile(pattern: string, flags = ''): KustoRegex {
    if (!FLAG_LETTERS.test(flags))
      throw new RegexSyntaxError(
        pattern,
        `invalid regular expression flags '${flags}' (allowed: i, m, s, U)`,
      );
    return new KustoRegex(pattern, flags);
  }

  /** True when the pattern matches somewhere in the text. */
  test(text: string): boolean {
    return this.re.test(text);
  }

  /** True when the pattern matches the whole text. */
  matchesWhole(text: string): boolean {
    return this.re.matches(text);
  }

  /** The first match starting at or after `from`, or null. */
  exec(text: string, from = 0): RegexMatch | null {
    if (from > text.length) return null;
    const m = this.re.matcher(text);
    if (!m.find(from)) return null;
    return new MatchSpans(text, spansOf(m, this.groupCount));
  }

  /**
   * Successive non-overlapping matches, left to right; as in RE2's FindAll, an empty match right after the
   * previous match is skipped.
   */
  *matchAll(text: string): Generator<RegexMatch> {
    const m = this.re.matcher(text);
    let from = 0;
    let previousEnd = -1;
    while (from <= text.length && m.find(from)) {
      const start = m.start();
      const end = m.end();
      if (start === end && start === previousEnd) {
        from = nextCodePoint(text, start);
        continue;
      }
      yield new MatchSpans(text, spansOf(m, this.groupCount));
      previousEnd = end;
      from = start === end ? nextCodePoint(text, end) : end;
    }
  }

  /** Number of non-overlapping matches. */
  count(text: string): number {
    let n = 0;
    for (const _ of this.matchAll(text)) n++;
    return n;
  }

  /**
   * Every match replaced by `rewrite`, where `\0` is the whole match and `\1`..`\9` its groups (Kusto's
   * replace_regex syntax); a group that took no part is empty.
   */
  replaceAll(text: string, rewrite: string): string {
    const parts = parseRewrite(rewrite);
    let out = '';
    let last = 0;
    for (const match of this.matchAll(text)) {
      out += text.slice(last, match.start(0));
      for (const p of parts) out += typeof p === 'string' ? p : (match.group(p) ?? '');
      last = match.end(0);
    }
    return out + text.slice(last);
  }
}

function spansOf(m: ReturnType<RE2JS['matcher']>, groups: number): Int32Array {
  const spans = new Int32Array(2 * (groups + 1));
  for (let g = 0; g <= groups; g++) {
    spans[2 * g] = m.start(g);
    spans[2 * g + 1] = m.end(g);
  }
  return spans;
}

function nextCodePoint(text: string, i: number): number {
  const c = text.charCodeAt(i);
  return c >= 0xd800 && c <= 0xdbff && i + 1 < text.length ? i + 2 : i + 1;
}

/** A rewrite string as literal parts and group numbers (`\N`; `\\` is a backslash). */
function parseRewrite(rewrite: string): (string | number)[] {
  const parts: (string | number)[] = [];
  let literal = '';
  for (let i = 0; i < rewrite.length; i++) {
    const c = rewrite[i] as string;
    const next = rewrite[i + 1];
    if (c === '\\' && next !== undefined && next >= '0' && next <= '9') {
      if (literal) parts.push(literal);
      literal = '';
      parts.push(Number(next));
      i++;
    } else if (c === '\\' && next === '\\') {
      literal += '\\';
      i++;
    } else {
      literal += c;
    }
  }
  if (literal) parts.push(literal);
  return parts;
}

const CACHE_LIMIT = 256;
const cache = new Map<string, KustoRegex>();

/**
 * A compiled regex from a small cache: for patterns that vary by row (`extract(col, ...)`), each distinct
 * pattern is compiled once. Throws RegexSyntaxError.
 */
export function compileRegex(pattern: string, flags = ''): KustoRegex {
  const key = `${flags}/${pattern}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const re = KustoRegex.compile(pattern, flags);
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(key, re);
  return re;
}
