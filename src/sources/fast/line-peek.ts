/**
 * Reading a few top-level fields of a JSON object line without parsing it: a byte scan that follows only
 * the line's structure (strings, nesting) from its start and stops once it has found the wanted keys. It
 * never decides a value it is not sure of: an escaped key, a value that is not where the structure says, or
 * anything unusual makes the scan give up and the caller parses the line as usual.
 */

import {
  BACKSLASH,
  CLOSE_ARRAY,
  CLOSE_OBJECT,
  COLON,
  COMMA,
  isSpace,
  OPEN_ARRAY,
  OPEN_OBJECT,
  QUOTE,
} from '../json-bytes.js';

/** Where a peeked value lies in the buffer: [start, end) of its JSON text. */
export interface ValueRange {
  start: number;
  end: number;
}

/** Finds the values of chosen top-level keys of one JSON object line. */
export class TopLevelPeek {
  private readonly keys: readonly Buffer[];
  /** Per wanted key, the range of its value in the last scanned line; start -1 when not seen. */
  readonly found: ValueRange[];
  /** Where the last scan stopped: at the next key after the last value it read, or past the closing brace. */
  stoppedAt = 0;
  /** True when the last scan reached the object's closing brace. */
  complete = false;

  constructor(keys: readonly string[]) {
    this.keys = keys.map((k) => Buffer.from(k, 'utf8'));
    this.found = keys.map(() => ({ start: -1, end: -1 }));
  }

  /**
   * Scans the object on buf[start, end) until every key listed in `wanted` (indexes into the constructor's
   * keys) has been found, or the object ends. False when the line is not a plain object this scan can
   * follow (then nothing it found may be trusted).
   */
  scan(buf: Buffer, start: number, end: number, wanted: readonly number[]): boolean {
    for (const f of this.found) f.start = -1;
    this.complete = false;
    let p = start;
    while (p < end && isSpace(buf[p] as number)) p++;
    if (buf[p] !== OPEN_OBJECT) return false;
    return this.walk(buf, p + 1, end, wanted);
  }

  /** Goes on over the same line from where the last scan stopped, until the keys in `wanted` are found too. */
  resume(buf: Buffer, end: number, wanted: readonly number[]): boolean {
    return this.complete || this.walk(buf, this.stoppedAt, end, wanted);
  }

  /** From p, at a key (or the object's end), over members until the wanted keys not yet seen are found. */
  private walk(buf: Buffer, p: number, end: number, wanted: readonly number[]): boolean {
    let missing = 0;
    for (const k of wanted) if ((this.found[k] as ValueRange).start < 0) missing++;
    for (;;) {
      while (p < end && isSpace(buf[p] as number)) p++;
      if (p >= end) return false;
      if (buf[p] === CLOSE_OBJECT) {
        this.stoppedAt = p + 1;
        this.complete = true;
        return true;
      }
      if (buf[p] !== QUOTE) return false;
      const keyStart = p + 1;
      let q = keyStart;
      while (q < end && buf[q] !== QUOTE) {
        if (buf[q] === BACKSLASH) return false; // an escaped key may spell a wanted one
        q++;
      }
      if (q >= end) return false;
      const key = this.keyIndex(buf, keyStart, q);
      p = q + 1;
      while (p < end && isSpace(buf[p] as number)) p++;
      if (buf[p] !== COLON) return false;
      p++;
      while (p < end && isSpace(buf[p] as number)) p++;
      const valueStart = p;
      p = skipValue(buf, p, end);
      if (p < 0) return false;
      let done = false;
      if (key >= 0) {
        const f = this.found[key] as ValueRange;
        if (f.start >= 0) return false; // a repeated key: JSON.parse keeps the last, leave it to JSON.parse
        f.start = valueStart;
        f.end = p;
        done = wanted.includes(key) && --missing === 0;
      }
      while (p < end && isSpace(buf[p] as number)) p++;
      if (buf[p] === COMMA) p++;
      else if (buf[p] !== CLOSE_OBJECT) return false;
      if (done) {
        // Stopped past the separator: a later walk takes up at the next key (or the closing brace).
        this.stoppedAt = p;
        return true;
      }
    }
  }

  private keyIndex(buf: Buffer, start: number, end: number): number {
    const length = end - start;
    for (let k = 0; k < this.keys.length; k++) {
      const key = this.keys[k] as Buffer;
      if (key.length !== length) continue;
      let i = 0;
      while (i < length && key[i] === buf[start + i]) i++;
      if (i === length) return k;
    }
    return -1;
  }
}

/** The position just after the JSON value starting at p, or -1 when it is not one this scan follows. */
function skipValue(buf: Buffer, p: number, end: number): number {
  const first = buf[p];
  if (first === QUOTE) return skipString(buf, p, end);
  if (first === OPEN_OBJECT || first === OPEN_ARRAY) {
    let depth = 0;
    while (p < end) {
      const b = buf[p] as number;
      if (b === QUOTE) {
        p = skipString(buf, p, end);
        if (p < 0) return -1;
        continue;
      }
      if (b === OPEN_OBJECT || b === OPEN_ARRAY) depth++;
      else if (b === CLOSE_OBJECT || b === CLOSE_ARRAY) {
        depth--;
        if (depth === 0) return p + 1;
      }
      p++;
    }
    return -1;
  }
  // A number, true, false or null: runs to the next delimiter.
  const s = p;
  while (p < end) {
    const b = buf[p] as number;
    if (b === COMMA || b === CLOSE_OBJECT || b === CLOSE_ARRAY || isSpace(b)) break;
    if (b === QUOTE || b === OPEN_OBJECT || b === OPEN_ARRAY || b === COLON) return -1;
    p++;
  }
  return p > s ? p : -1;
}

/** The position after the string whose opening quote is at p, or -1 when it does not close on the line. */
function skipString(buf: Buffer, p: number, end: number): number {
  p++;
  // Buffer#indexOf (memchr) rather than a byte loop: measured faster over audit records even with its call
  // cost, as the long strings (user agents, modified properties) dominate.
  for (;;) {
    const q = buf.indexOf(QUOTE, p);
    if (q < 0 || q >= end) return -1;
    let b = q - 1;
    while (b >= p && buf[b] === BACKSLASH) b--;
    if ((q - 1 - b) % 2 === 0) return q + 1; // an even run of backslashes: the quote is not escaped
    p = q + 1;
  }
}

/** True when buf[start, end) is a string value without escapes (its text is the bytes between the quotes). */
export function isPlainString(buf: Buffer, start: number, end: number): boolean {
  if (buf[start] !== QUOTE || end - start < 2) return false;
  for (let i = start + 1; i < end - 1; i++) if (buf[i] === BACKSLASH) return false;
  return true;
}

/** readScalar()'s answer for a value it cannot read without the parser (an object, bad JSON). */
export const UNREADABLE: unique symbol = Symbol('unreadable');

/** The JSON value of a peeked scalar field (a string, number, boolean or null). */
export function readScalar(
  buf: Buffer,
  range: ValueRange,
  utf8: (buf: Buffer, start: number, end: number) => string,
): unknown {
  if (isPlainString(buf, range.start, range.end)) return utf8(buf, range.start + 1, range.end - 1);
  const b = buf[range.start];
  if (b === OPEN_OBJECT || b === OPEN_ARRAY) return UNREADABLE;
  try {
    return JSON.parse(utf8(buf, range.start, range.end));
  } catch {
    return UNREADABLE;
  }
}

/** True when the line's last non-space byte closes an object (a cut line does not). */
export function endsWithBrace(buf: Buffer, start: number, end: number): boolean {
  let last = end - 1;
  while (last > start && isSpace(buf[last] as number)) last--;
  return buf[last] === CLOSE_OBJECT;
}

const UNICODE_ESCAPE = Buffer.from('\\u');

/** True when the text holds a `\u` escape (which could spell a key that a byte search would miss). */
export function hasUnicodeEscape(bytes: Buffer): boolean {
  return bytes.indexOf(UNICODE_ESCAPE) >= 0;
}

/**
 * Bytes whose absence from the rest of a line proves the key does not appear there again. `Name"` rather
 * than `"Name"`: a search led by a quote stops at every quote and is several times slower. A short name
 * keeps its leading quote (`Id"` is in `CorrelationId"`).
 */
export function laterKeyNeedle(key: string): Buffer {
  return Buffer.from(key.length < 5 ? `"${key}"` : `${key}"`, 'utf8');
}
