/**
 * Streams the values at chosen paths of one JSON document of any size, holding only the value being read:
 * the Log Analytics query API answers `{"tables": [{"columns": [...], "rows": [[...], ...]}]}`, where every
 * row sits inside one object. A path is a list of keys with `*` for every element of an array —
 * `['tables', '*', 'rows', '*']` is each row of each table. A value at such a path is handed over as text (for
 * JSON.parse); values elsewhere are walked past without being kept. Object keys are compared exactly.
 */
import {
  backslashesCarried,
  CLOSE_ARRAY,
  CLOSE_OBJECT,
  COLON,
  COMMA,
  isSpace,
  LF,
  OPEN_ARRAY,
  OPEN_OBJECT,
  QUOTE,
  stringCloseAt,
} from './json-bytes.js';
import { MAX_RECORD_BYTES } from './text-stream.js';

export interface JsonPathEvents {
  /**
   * The value at paths[path]: its JSON text, the line it starts on, its index in its array (else 0), and the
   * indexes of the array elements that hold it, outermost first (for a row of a table: [the table's index]).
   */
  value(path: number, text: string, line: number, index: number, holders: readonly number[]): void;
  /** The document is broken or ends early: what follows cannot be read. */
  damaged(reason: string, line: number): void;
}

interface Frame {
  readonly kind: 'object' | 'array';
  /** Object: the key of the value being read (null before the first key). Array: unused. */
  key: string | null;
  expectKey: boolean;
  /** Object: the key's ':' was read. */
  colon: boolean;
  /** A value of this container just ended: only ',' or the closing bracket may follow. */
  afterValue: boolean;
  /** Array: the index of the next element. */
  index: number;
}

/** Walking past or collecting one value: containers are counted until the value's own one closes. */
interface ValueRead {
  depth: number;
  /** For a collected value: which path, and its text so far. */
  readonly path: number;
  readonly parts: Buffer[] | null;
  bytes: number;
  start: number;
  readonly line: number;
  readonly index: number;
  readonly holders: readonly number[];
}

const MAX_KEY_BYTES = 64;

export class JsonPathScanner {
  private readonly frames: Frame[] = [];
  private read: ValueRead | null = null;
  private inString = false;
  private stringIsKey = false;
  private keyParts: Buffer[] = [];
  private keyBytes = 0;
  /** Backslashes ending the previous chunk inside a string. */
  private carried = 0;
  /** Inside a bare scalar (number, true, false, null) that is not collected. */
  private inScalar = false;
  private line = 1;
  private done = false;
  private broken = false;

  constructor(
    private readonly paths: readonly (readonly string[])[],
    private readonly events: JsonPathEvents,
  ) {}

  push(buf: Buffer): void {
    if (this.broken) return;
    if (this.read) this.read.start = 0;
    let i = 0;
    const n = buf.length;
    // The next newline at or after i (-1: none left): newlines inside strings are counted without a byte loop
    // or a search per string.
    let nextNewline = buf.indexOf(LF);
    while (i < n && !this.broken) {
      if (this.inString) {
        const close = stringCloseAt(buf, i, this.carried);
        const stop = close < 0 ? n : close;
        if (nextNewline >= 0 && nextNewline < i) nextNewline = buf.indexOf(LF, i);
        while (nextNewline >= 0 && nextNewline < stop) {
          this.line++;
          nextNewline = buf.indexOf(LF, nextNewline + 1);
        }
        if (this.stringIsKey) this.collectKey(buf, i, stop);
        if (close < 0) {
          this.carried = backslashesCarried(buf, i, this.carried);
          i = n;
          break;
        }
        this.inString = false;
        this.carried = 0;
        i = close + 1;
        if (this.stringIsKey) this.keyEnded();
        else if (this.read?.depth === 0) this.valueEnded(buf, i);
        continue;
      }
      const c = buf[i] as number;
      if (c === LF) this.line++;
      if (this.inScalar) {
        if (isSpace(c) || c === COMMA || c === CLOSE_ARRAY || c === CLOSE_OBJECT) {
          this.inScalar = false;
          if (this.read?.depth === 0) this.valueEnded(buf, i);
        } else {
          i++;
          continue;
        }
      }
      if (isSpace(c)) {
        i++;
        continue;
      }
      if (this.read) i = this.inValue(this.read, buf, i, c);
      else i = this.walk(buf, i, c);
    }
    const r = this.read;
    if (r?.parts) {
      const tail = buf.subarray(r.start);
      r.parts.push(tail);
      r.bytes += tail.length;
      if (r.bytes > MAX_RECORD_BYTES) this.fail(`a value larger than ${MAX_RECORD_BYTES >> 20} MB`, r.line);
    }
  }

  /** The input is complete. */
  end(): void {
    if (this.broken || this.done) return;
    if (this.read || this.frames.length > 0 || this.inString)
      this.fail('the file ends before its closing brackets (truncated?)', this.line);
    else if (!this.done) this.fail('the file holds no JSON value', this.line);
  }

  private fail(reason: string, line: number): void {
    this.broken = true;
    this.read = null;
    this.events.damaged(reason, line);
  }

  /** Structure outside any value being read: tracks keys and decides, at each value, to descend, collect or pass. */
  private walk(buf: Buffer, i: number, c: number): number {
    const top = this.frames[this.frames.length - 1];
    if (top?.afterValue && c !== COMMA && c !== CLOSE_ARRAY && c !== CLOSE_OBJECT) {
      // Two values without a comma between them: reading on would take the second for the first's.
      this.fail(
        `expected ',' or '${top.kind === 'object' ? '}' : ']'}', found '${String.fromCharCode(c)}'`,
        this.line,
      );
      return i + 1;
    }
    if (top?.kind === 'object' && top.expectKey) {
      if (c === QUOTE) {
        this.inString = true;
        this.stringIsKey = true;
        this.keyParts = [];
        this.keyBytes = 0;
        return i + 1;
      }
      if (c === CLOSE_OBJECT) return this.close(i);
      if (c === COMMA) return i + 1;
      this.fail(`expected a key, found '${String.fromCharCode(c)}'`, this.line);
      return i + 1;
    }
    if (top?.kind === 'object' && c === COLON && !top.colon) {
      top.colon = true;
      return i + 1;
    }
    if (c === COMMA && top?.afterValue) {
      top.afterValue = false;
      if (top.kind === 'object') top.expectKey = true;
      return i + 1;
    }
    if (c === COMMA || c === COLON || (top?.kind === 'object' && !top.colon)) {
      this.fail(`unexpected '${String.fromCharCode(c)}'`, this.line);
      return i + 1;
    }
    if (c === CLOSE_ARRAY || c === CLOSE_OBJECT) return this.close(i);
    if (!top && this.done) {
      this.fail('more than one JSON value in the file', this.line);
      return i + 1;
    }
    // A value starts here.
    const path = this.pathOfValue();
    const index = top?.kind === 'array' ? top.index++ : 0;
    const captured = this.paths.findIndex((p) => sameKeys(p, path));
    const isContainer = c === OPEN_OBJECT || c === OPEN_ARRAY;
    if (captured < 0 && isContainer && this.paths.some((p) => startsWith(p, path))) {
      this.frames.push({
        kind: c === OPEN_OBJECT ? 'object' : 'array',
        key: null,
        expectKey: true,
        colon: false,
        afterValue: false,
        index: 0,
      });
      return i + 1;
    }
    const holders =
      captured < 0 ? [] : this.frames.filter((f) => f.kind === 'array' && f !== top).map((f) => f.index - 1);
    this.read = {
      depth: 0,
      path: captured,
      parts: captured >= 0 ? [] : null,
      bytes: 0,
      start: i,
      line: this.line,
      index,
      holders,
    };
    return this.inValue(this.read, buf, i, c);
  }

  /** Inside a value being collected or passed over. */
  private inValue(r: ValueRead, buf: Buffer, i: number, c: number): number {
    if (c === QUOTE) {
      this.inString = true;
      this.stringIsKey = false;
      return i + 1;
    }
    if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      r.depth++;
      return i + 1;
    }
    if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      r.depth--;
      if (r.depth === 0) this.valueEnded(buf, i + 1);
      return i + 1;
    }
    if (c === COMMA || c === COLON) return i + 1;
    if (r.depth === 0) this.inScalar = true; // a bare scalar value: ends at its delimiter
    return i + 1;
  }

  /** The value being read ended just before `end` in `buf`. */
  private valueEnded(buf: Buffer, end: number): void {
    const r = this.read as ValueRead;
    this.read = null;
    this.valueDone();
    if (!r.parts) return;
    r.parts.push(buf.subarray(r.start, end));
    this.events.value(r.path, Buffer.concat(r.parts).toString('utf8'), r.line, r.index, r.holders);
  }

  private close(i: number): number {
    this.frames.pop();
    this.valueDone(); // the closed container was a value of the one around it
    return i + 1;
  }

  /** A value of the innermost open container (or the document itself) has ended. */
  private valueDone(): void {
    const top = this.frames[this.frames.length - 1];
    if (!top) this.done = true;
    else top.afterValue = true;
  }

  /** The path of the value about to start: each open object's key, `*` for each open array. */
  private pathOfValue(): string[] {
    return this.frames.map((f) => (f.kind === 'array' ? '*' : (f.key ?? '')));
  }

  private keyEnded(): void {
    const top = this.frames[this.frames.length - 1] as Frame;
    top.key = this.keyBytes > MAX_KEY_BYTES ? null : Buffer.concat(this.keyParts).toString('utf8');
    top.expectKey = false;
    top.colon = false;
    this.stringIsKey = false;
  }

  private collectKey(buf: Buffer, from: number, to: number): void {
    this.keyBytes += to - from;
    if (this.keyBytes <= MAX_KEY_BYTES && to > from) this.keyParts.push(Buffer.from(buf.subarray(from, to)));
  }
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((k, i) => k === b[i]);
}

/** Whether `path` leads towards `pattern` (is a proper prefix of it). */
function startsWith(pattern: readonly string[], path: readonly string[]): boolean {
  return path.length < pattern.length && path.every((k, i) => k === pattern[i]);
}
