/**
 * Kusto's `dynamic`: JSON values, plus datetime/timespan/guid values placed in a bag by `pack()` & co.
 *
 * Representation: null, boolean, number (an integral number is a long, any other a real), bigint (a long
 * beyond ±2^53, kept exact), string, arrays, plain objects (property bags), and boxes for the three
 * non-JSON scalars. Values that came from JSON text never contain boxes.
 */
import { formatDateTime } from './datetime.js';
import { formatTimespan } from './timespan.js';

export abstract class DynamicBox {
  abstract toJSON(): string;
}
export class DynDateTime extends DynamicBox {
  constructor(readonly ticks: bigint) {
    super();
  }
  toJSON(): string {
    return formatDateTime(this.ticks);
  }
}
export class DynTimespan extends DynamicBox {
  constructor(readonly ticks: bigint) {
    super();
  }
  toJSON(): string {
    return formatTimespan(this.ticks);
  }
}
export class DynGuid extends DynamicBox {
  constructor(readonly text: string) {
    super();
  }
  toJSON(): string {
    return this.text;
  }
}

export type Dynamic = null | boolean | number | bigint | string | DynamicArray | DynamicBag | DynamicBox;
export type DynamicArray = Dynamic[];
export interface DynamicBag {
  [key: string]: Dynamic;
}

export type DynamicKind =
  | 'null'
  | 'bool'
  | 'long'
  | 'real'
  | 'string'
  | 'array'
  | 'dictionary'
  | 'datetime'
  | 'timespan'
  | 'guid';

export function isBag(v: unknown): v is DynamicBag {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof DynamicBox);
}

export function dynamicKind(v: Dynamic): DynamicKind {
  switch (typeof v) {
    case 'string':
      return 'string';
    case 'number':
      return Number.isInteger(v) ? 'long' : 'real';
    case 'bigint':
      return 'long';
    case 'boolean':
      return 'bool';
    default:
      if (v === null) return 'null';
      if (Array.isArray(v)) return 'array';
      if (v instanceof DynDateTime) return 'datetime';
      if (v instanceof DynTimespan) return 'timespan';
      if (v instanceof DynGuid) return 'guid';
      return 'dictionary';
  }
}

/** A bag member, or null when `v` is not a bag or has no such key. */
export function getMember(v: Dynamic, key: string): Dynamic {
  if (isBag(v) && Object.hasOwn(v, key)) return v[key] ?? null;
  return null;
}

/** An array element (negative indexes count from the end), or null when out of range or not an array. */
export function getElement(v: Dynamic, index: number): Dynamic {
  if (!Array.isArray(v)) return null;
  const i = index < 0 ? v.length + index : index;
  if (i < 0 || i >= v.length) return null;
  return v[i] ?? null;
}

/** Compact JSON text, as Kusto prints a dynamic value: no spaces, bag keys in their order, exact longs. */
export function toJsonText(v: Dynamic): string {
  switch (typeof v) {
    case 'string':
      return JSON.stringify(v);
    case 'number':
      return formatJsonNumber(v);
    case 'bigint':
      return v.toString();
    case 'boolean':
      return v ? 'true' : 'false';
    default:
      if (v === null) return 'null';
      if (v instanceof DynamicBox) return JSON.stringify(v.toJSON());
      if (Array.isArray(v)) {
        let s = '[';
        for (let i = 0; i < v.length; i++) {
          if (i > 0) s += ',';
          s += toJsonText(v[i] ?? null);
        }
        return `${s}]`;
      }
      return bagToJsonText(v);
  }
}

function bagToJsonText(v: DynamicBag): string {
  let s = '{';
  let first = true;
  for (const k in v) {
    if (!Object.hasOwn(v, k)) continue;
    if (!first) s += ',';
    first = false;
    s += `${JSON.stringify(k)}:${toJsonText(v[k] ?? null)}`;
  }
  return `${s}}`;
}

function formatJsonNumber(n: number): string {
  if (Number.isFinite(n)) return String(n);
  return JSON.stringify(Number.isNaN(n) ? 'NaN' : n > 0 ? 'Infinity' : '-Infinity');
}

/** True when the value holds no box anywhere (it would survive a JSON round trip unchanged). */
export function isPlainJson(v: Dynamic): boolean {
  if (v === null || typeof v !== 'object') return true;
  if (v instanceof DynamicBox) return false;
  if (Array.isArray(v)) return v.every(isPlainJson);
  for (const k in v) if (Object.hasOwn(v, k) && !isPlainJson(v[k] ?? null)) return false;
  return true;
}

const LONG_DIGIT_RUN = /\d{16,}/;

/**
 * Parses JSON text into a dynamic value; throws SyntaxError on invalid JSON. Integers beyond ±2^53 stay
 * exact (as bigint): the native parser is used unless the text has a run of 16+ digits.
 */
export function parseJsonText(text: string): Dynamic {
  if (!LONG_DIGIT_RUN.test(text)) return JSON.parse(text) as Dynamic;
  return new ExactJsonParser(text).parseDocument();
}

/** A small JSON parser that keeps big integers exact; only used when the native one would round them. */
class ExactJsonParser {
  private i = 0;
  constructor(private readonly s: string) {}

  parseDocument(): Dynamic {
    const v = this.value();
    this.ws();
    if (this.i !== this.s.length) this.fail('unexpected text after the JSON value');
    return v;
  }

  private fail(msg: string): never {
    throw new SyntaxError(`${msg} at position ${this.i}`);
  }

  private ws(): void {
    while (this.i < this.s.length) {
      const c = this.s.charCodeAt(this.i);
      if (c === 32 || c === 9 || c === 10 || c === 13) this.i++;
      else break;
    }
  }

  private value(): Dynamic {
    this.ws();
    const c = this.s[this.i];
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    if (c === '"') return this.string();
    if (c === 't' && this.s.startsWith('true', this.i)) {
      this.i += 4;
      return true;
    }
    if (c === 'f' && this.s.startsWith('false', this.i)) {
      this.i += 5;
      return false;
    }
    if (c === 'n' && this.s.startsWith('null', this.i)) {
      this.i += 4;
      return null;
    }
    return this.number();
  }

  private object(): DynamicBag {
    const out: DynamicBag = {};
    this.i++;
    this.ws();
    if (this.s[this.i] === '}') {
      this.i++;
      return out;
    }
    for (;;) {
      this.ws();
      if (this.s[this.i] !== '"') this.fail('expected a key');
      const k = this.string();
      this.ws();
      if (this.s[this.i] !== ':') this.fail("expected ':'");
      this.i++;
      Object.defineProperty(out, k, {
        value: this.value(),
        enumerable: true,
        writable: true,
        configurable: true,
      });
      this.ws();
      const c = this.s[this.i++];
      if (c === '}') return out;
      if (c !== ',') this.fail("expected ',' or '}'");
    }
  }

  private array(): DynamicArray {
    const out: DynamicArray = [];
    this.i++;
    this.ws();
    if (this.s[this.i] === ']') {
      this.i++;
      return out;
    }
    for (;;) {
      out.push(this.value());
      this.ws();
      const c = this.s[this.i++];
      if (c === ']') return out;
      if (c !== ',') this.fail("expected ',' or ']'");
    }
  }

  private string(): string {
    const start = this.i;
    this.i++;
    while (this.i < this.s.length) {
      const c = this.s[this.i];
      if (c === '\\') this.i += 2;
      else if (c === '"') {
        this.i++;
        return JSON.parse(this.s.slice(start, this.i)) as string;
      } else this.i++;
    }
    return this.fail('unterminated string');
  }

  private number(): number | bigint {
    const m = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
    m.lastIndex = this.i;
    const r = m.exec(this.s);
    if (!r) this.fail('unexpected character');
    this.i += r[0].length;
    if (r[1] === undefined && r[2] === undefined) {
      const n = Number(r[0]);
      if (Number.isSafeInteger(n)) return n;
      const b = BigInt(r[0]);
      return BigInt.asIntN(64, b) === b ? b : n;
    }
    return Number(r[0]);
  }
}

/** Structural equality of dynamic values (bag key order ignored; long 1 equals real 1.0, as in JSON). */
export function dynamicEquals(a: Dynamic, b: Dynamic): boolean {
  if (a === b) return true;
  if (a === null || b === null) return false;
  const ta = typeof a;
  const tb = typeof b;
  if ((ta === 'number' || ta === 'bigint') && (tb === 'number' || tb === 'bigint')) {
    // biome-ignore lint/suspicious/noDoubleEquals: number/bigint comparison by value is intended
    return a == b;
  }
  if (ta !== 'object' || tb !== 'object') return false;
  if (a instanceof DynamicBox || b instanceof DynamicBox) {
    return (
      a instanceof DynamicBox &&
      b instanceof DynamicBox &&
      a.constructor === b.constructor &&
      a.toJSON() === b.toJSON()
    );
  }
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!dynamicEquals(a[i] ?? null, b[i] ?? null)) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ka = Object.keys(a as DynamicBag);
  const kb = Object.keys(b as DynamicBag);
  if (ka.length !== kb.length) return false;
  for (const k of ka) {
    if (!Object.hasOwn(b as DynamicBag, k)) return false;
    if (!dynamicEquals((a as DynamicBag)[k] ?? null, (b as DynamicBag)[k] ?? null)) return false;
  }
  return true;
}
