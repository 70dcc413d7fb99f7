/**
 * Splits a stream of JSON text into records without ever holding more than one record: the shapes audit
 * logs are saved in are all "records inside containers", and the containers can be any size (a 2 GB Graph
 * page on one line). The scanner walks the structure byte by byte (strings are skipped with Buffer.indexOf),
 * and hands each record's text to the caller, who parses it with JSON.parse.
 *
 * Containers understood, nested in any way:
 * - a stream of top-level values: JSON lines, pretty-printed objects one after another, `[...][...]`;
 * - arrays: every element is an item;
 * - wrapper objects: an object with a `value` or `records` key (any case) holding an array — a Graph page
 *   (`{"@odata.context", "value": [...], "@odata.nextLink"}`), a diagnostic-settings blob
 *   (`{"records": [...]}`), Windows PowerShell's `{"value": [...], "Count": n}`; the array's elements are
 *   items, the wrapper's other keys are skipped.
 * Every other object is a record. An item that is not an object (a number, a string) is reported.
 *
 * Damage: a record that fails to parse is the caller's to report. When the file is JSON lines (the first
 * top-level value began and ended on one line), a line that ends inside a record is a truncated record: it
 * is reported and reading resumes at the next line. A file that ends inside a record or a container is
 * reported as truncated.
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

export interface JsonScanEvents {
  /** One record's JSON text, the line it starts on (1-based) and its index among the file's items. */
  record(text: string, line: number, index: number): void;
  /** An item that cannot be a record, or a record cut short (the item is lost). */
  skip(reason: string, line: number, index: number): void;
  /** The file's structure is broken beyond one record (it ends early). */
  damaged(reason: string, line: number): void;
}

const WRAPPER_KEYS = new Set(['value', 'records']);
/** Keys longer than this are never wrapper keys: their text is not kept. */
const MAX_KEY_BYTES = 16;

/**
 * The key tracker of an object whose top level is being watched for a wrapper key: it knows whether the
 * next string is a key, remembers the last key read, and whether a value is expected after it.
 */
interface ObjectLevel {
  expectKey: boolean;
  /** The last key's text when it was short, else null. */
  key: string | null;
  /** After `key:`: the next value belongs to `key`. */
  valueOf: string | null;
}

/** An array container: its elements are items. */
interface ArrayFrame {
  readonly kind: 'array';
}
/** A wrapper object: its wrapper key's array is a container; everything else in it is skipped. */
interface WrapperFrame {
  readonly kind: 'wrapper';
  readonly level: ObjectLevel;
  /** Nesting depth inside a value being skipped (0: at the wrapper's own level). */
  skipDepth: number;
}
type Frame = ArrayFrame | WrapperFrame;

/** The record being collected: an object item, until it closes or turns out to be a wrapper. */
interface Capture {
  /** Chunks (or their tails) before the current one. */
  parts: Buffer[];
  bytes: number;
  /** Where the record starts in the current chunk (0 when it began in an earlier chunk). */
  start: number;
  depth: number;
  readonly line: number;
  readonly index: number;
  readonly level: ObjectLevel;
  /** Too large: no longer collected, only walked to its end. */
  oversized: boolean;
}

export class JsonRecordScanner {
  private frames: Frame[] = [];
  private capture: Capture | null = null;
  private inString = false;
  /** Backslashes ending the previous chunk inside a string (their parity escapes the next byte). */
  private carriedBackslashes = 0;
  /** Collecting a short key's bytes (a key may straddle two chunks); null when not collecting. */
  private keyParts: Buffer[] | null = null;
  private keyBytes = 0;
  private keyTooLong = false;
  /** Inside an item that is a bare scalar (number, literal, string): skipped to its end and reported. */
  private inScalar = false;
  private scalarIsString = false;
  private line = 1;
  private index = 0;
  /** JSON lines: decided by the first top-level value (see the file comment). */
  private linesMode = false;
  private topStartLine = 0;
  private topEndLine = 0;
  private topItems = 0;
  private ended = false;

  constructor(private readonly events: JsonScanEvents) {}

  /** Feeds the next chunk (UTF-8 bytes; chunks may split anything, even a multi-byte character). */
  push(buf: Buffer): void {
    if (this.ended) throw new Error('internal: JsonRecordScanner.push after end');
    if (this.capture) this.capture.start = 0;
    const n = buf.length;
    let i = 0;
    // The first newline at or after i (or -1): raw newlines inside strings are found without a byte loop.
    let nextNewline = buf.indexOf(LF);
    while (i < n) {
      if (this.inString) {
        const close = stringCloseAt(buf, i, this.carriedBackslashes);
        const stop = close < 0 ? n : close;
        let truncatedAt = -1;
        while (nextNewline >= 0 && nextNewline < stop) {
          if (this.linesMode && this.pendingItem()) {
            truncatedAt = nextNewline;
            break;
          }
          this.line++; // a raw newline in a string: invalid JSON, counted to keep line numbers right
          nextNewline = buf.indexOf(LF, nextNewline + 1);
        }
        if (truncatedAt >= 0) {
          this.truncatedLine();
          this.line++;
          i = truncatedAt + 1;
          nextNewline = buf.indexOf(LF, i);
          continue;
        }
        if (this.keyParts) this.collectKey(buf, i, stop);
        if (close < 0) {
          this.carriedBackslashes = backslashesCarried(buf, i, this.carriedBackslashes);
          break;
        }
        this.inString = false;
        this.carriedBackslashes = 0;
        i = close + 1;
        this.stringEnded();
        continue;
      }
      const c = buf[i] as number;
      if (this.inScalar) {
        if (
          !isSpace(c) &&
          c !== COMMA &&
          c !== CLOSE_ARRAY &&
          c !== CLOSE_OBJECT &&
          c !== OPEN_ARRAY &&
          c !== OPEN_OBJECT &&
          c !== QUOTE
        ) {
          i++;
          continue;
        }
        this.endScalar(); // the delimiter itself is handled below
      }
      if (c === LF) {
        if (this.linesMode && this.pendingItem()) this.truncatedLine();
        this.line++;
        i++;
        nextNewline = buf.indexOf(LF, i);
        continue;
      }
      if (isSpace(c)) {
        i++;
        continue;
      }
      const cap = this.capture;
      if (cap) i = this.inCapture(cap, buf, i, c);
      else {
        const top = this.frames[this.frames.length - 1];
        i = top?.kind === 'wrapper' ? this.inWrapper(top, i, c) : this.atItem(i, c);
      }
    }
    const cap = this.capture;
    if (cap && !cap.oversized) {
      const tail = buf.subarray(cap.start);
      cap.parts.push(tail);
      cap.bytes += tail.length;
      if (cap.bytes > MAX_RECORD_BYTES) {
        cap.oversized = true;
        cap.parts = [];
      }
    }
  }

  /** The input is complete: reports what was left open. */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    if (this.inScalar) this.endScalar();
    else if (this.scalarIsString) {
      this.events.skip('the file ends inside this value (truncated)', this.line, this.index++);
    }
    const cap = this.capture;
    if (cap) {
      this.events.skip('the file ends inside this record (truncated)', cap.line, cap.index);
      this.capture = null;
    }
    if (this.frames.length > 0) {
      this.events.damaged('the file ends before its closing brackets (truncated?)', this.line);
      this.frames = [];
    }
  }

  // --- strings -------------------------------------------------------------------------------------------

  private collectKey(buf: Buffer, from: number, to: number): void {
    this.keyBytes += to - from;
    if (this.keyBytes > MAX_KEY_BYTES) {
      this.keyParts = null;
      this.keyTooLong = true;
    } else if (to > from) (this.keyParts as Buffer[]).push(Buffer.from(buf.subarray(from, to)));
  }

  /** A string just closed. */
  private stringEnded(): void {
    if (this.scalarIsString) {
      this.scalarIsString = false;
      this.events.skip('not a JSON object (a string)', this.line, this.index++);
      this.itemEnded();
      return;
    }
    const level = this.keyLevel();
    if (!level) return;
    if (level.expectKey) {
      level.expectKey = false;
      level.key = this.keyParts && !this.keyTooLong ? Buffer.concat(this.keyParts).toString('utf8') : null;
    } else level.valueOf = null;
    this.keyParts = null;
    this.keyBytes = 0;
    this.keyTooLong = false;
  }

  // --- structure -----------------------------------------------------------------------------------------

  /** The object level whose keys are being watched right now, if any. */
  private keyLevel(): ObjectLevel | undefined {
    const cap = this.capture;
    if (cap) return cap.depth === 1 ? cap.level : undefined;
    const top = this.frames[this.frames.length - 1];
    return top?.kind === 'wrapper' && top.skipDepth === 0 ? top.level : undefined;
  }

  /** Something is open that a line end would cut (only meaningful in JSON lines). */
  private pendingItem(): boolean {
    return this.capture !== null || this.frames.length > 0 || this.inScalar || this.scalarIsString;
  }

  /** At an item position: the top level, or directly inside an array container. */
  private atItem(i: number, c: number): number {
    switch (c) {
      case OPEN_OBJECT:
        this.itemStarted();
        this.capture = {
          parts: [],
          bytes: 0,
          start: i,
          depth: 1,
          line: this.line,
          index: this.index++,
          level: { expectKey: true, key: null, valueOf: null },
          oversized: false,
        };
        return i + 1;
      case OPEN_ARRAY:
        this.itemStarted();
        this.frames.push({ kind: 'array' });
        return i + 1;
      case CLOSE_ARRAY:
        if (this.frames.length > 0) {
          this.frames.pop();
          this.containerClosed();
        } else this.events.skip("a stray ']'", this.line, this.index);
        return i + 1;
      case COMMA:
        return i + 1;
      case CLOSE_OBJECT:
        this.events.skip("a stray '}'", this.line, this.index);
        return i + 1;
      case QUOTE:
        this.itemStarted();
        this.inString = true;
        this.scalarIsString = true;
        return i + 1;
      default:
        this.itemStarted();
        this.inScalar = true;
        return i + 1;
    }
  }

  private endScalar(): void {
    this.inScalar = false;
    this.events.skip('not a JSON object (a number or literal)', this.line, this.index++);
    this.itemEnded();
  }

  /** Inside a record being collected. */
  private inCapture(cap: Capture, buf: Buffer, i: number, c: number): number {
    const top = cap.depth === 1;
    switch (c) {
      case QUOTE:
        this.inString = true;
        if (top && cap.level.expectKey) this.keyParts = [];
        break;
      case OPEN_ARRAY:
        if (top && isWrapperKey(cap.level.valueOf)) {
          // Not a record: a wrapper whose array holds the items.
          this.capture = null;
          this.index--;
          cap.level.valueOf = null;
          this.frames.push({ kind: 'wrapper', level: cap.level, skipDepth: 0 }, { kind: 'array' });
          break;
        }
        cap.level.valueOf = null;
        cap.depth++;
        break;
      case OPEN_OBJECT:
        cap.level.valueOf = null;
        cap.depth++;
        break;
      case CLOSE_ARRAY:
      case CLOSE_OBJECT:
        cap.depth--;
        if (cap.depth === 0) {
          this.capture = null;
          this.emitRecord(cap, buf, i + 1);
          this.itemEnded();
        }
        break;
      case COMMA:
        if (top) {
          cap.level.expectKey = true;
          cap.level.valueOf = null;
        }
        break;
      case COLON:
        if (top) cap.level.valueOf = cap.level.key ?? '';
        break;
      default:
        if (top) cap.level.valueOf = null;
    }
    return i + 1;
  }

  /** Inside a wrapper object, outside its item arrays: its other keys and values are skipped. */
  private inWrapper(w: WrapperFrame, i: number, c: number): number {
    const level = w.level;
    const top = w.skipDepth === 0;
    switch (c) {
      case QUOTE:
        this.inString = true;
        if (top && level.expectKey) this.keyParts = [];
        break;
      case OPEN_ARRAY:
        if (top && isWrapperKey(level.valueOf)) {
          level.valueOf = null;
          this.frames.push({ kind: 'array' });
          break;
        }
        level.valueOf = null;
        w.skipDepth++;
        break;
      case OPEN_OBJECT:
        level.valueOf = null;
        w.skipDepth++;
        break;
      case CLOSE_ARRAY:
      case CLOSE_OBJECT:
        if (w.skipDepth > 0) w.skipDepth--;
        else {
          this.frames.pop();
          this.containerClosed();
        }
        break;
      case COMMA:
        if (top) {
          level.expectKey = true;
          level.valueOf = null;
        }
        break;
      case COLON:
        if (top) level.valueOf = level.key ?? '';
        break;
      default:
        if (top) level.valueOf = null;
    }
    return i + 1;
  }

  private emitRecord(cap: Capture, buf: Buffer, end: number): void {
    if (cap.oversized || cap.bytes + end - cap.start > MAX_RECORD_BYTES) {
      this.events.skip('a record larger than 64 MiB (damaged input?)', cap.line, cap.index);
      return;
    }
    let text: string;
    if (cap.parts.length === 0) text = buf.toString('utf8', cap.start, end);
    else {
      cap.parts.push(buf.subarray(0, end));
      text = Buffer.concat(cap.parts).toString('utf8');
    }
    this.events.record(text, cap.line, cap.index);
  }

  /** A line of JSON lines ends inside an item: the item is lost; reading resumes on the next line. */
  private truncatedLine(): void {
    const cap = this.capture;
    if (cap) this.events.skip('the line ends inside this record (truncated line)', cap.line, cap.index);
    else if (this.inScalar || this.scalarIsString)
      this.events.skip('the line ends inside this value (truncated line)', this.line, this.index++);
    else this.events.skip('the line ends inside an array or page (truncated line)', this.line, this.index);
    this.capture = null;
    this.frames = [];
    this.inString = false;
    this.inScalar = false;
    this.scalarIsString = false;
    this.keyParts = null;
    this.keyBytes = 0;
    this.keyTooLong = false;
    this.carriedBackslashes = 0;
  }

  // --- top-level bookkeeping (JSON lines detection) ------------------------------------------------------

  private itemStarted(): void {
    if (this.frames.length > 0) return;
    if (this.topItems > 0 && this.line === this.topEndLine) this.linesMode = false;
    this.topStartLine = this.line;
  }

  private itemEnded(): void {
    if (this.frames.length === 0) this.topEnded();
  }

  private containerClosed(): void {
    if (this.frames.length === 0) this.topEnded();
  }

  private topEnded(): void {
    this.topItems++;
    this.topEndLine = this.line;
    if (this.topItems === 1) this.linesMode = this.topStartLine === this.line;
  }
}

function isWrapperKey(key: string | null): boolean {
  return key !== null && WRAPPER_KEYS.has(key.toLowerCase());
}
