/**
 * Encodings: base64 (of text, byte arrays and guids), URL encoding, gzip/zlib compression to base64, and
 * punycode (RFC 3492) of labels and domains.
 */
import { deflateSync, gunzipSync, gzipSync, inflateSync } from 'node:zlib';
import type { Dynamic } from '../values/dynamic.js';
import type { ScalarFunction } from './registry.js';
import { eager, scalar } from './registry.js';
import { isAscii } from './string.js';

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Bytes of base64 text, or null when it is not base64. */
function fromBase64(text: string): Buffer | null {
  // Unpadded text is not base64 to the real engine [base64-encode-fromarray-function-01].
  const t = text.trim();
  if (!BASE64.test(t) || t.length % 4 !== 0) return null;
  return Buffer.from(t, 'base64');
}

/** UTF-8 bytes as text, or null when they are not valid UTF-8. */
function utf8(bytes: Buffer): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** .NET's Guid byte order: the first three fields little-endian, the rest as written. */
function guidToBytes(guid: string): Buffer {
  const hex = guid.replace(/-/g, '');
  const b = Buffer.from(hex, 'hex');
  const swap = (from: number, len: number) => b.subarray(from, from + len).reverse();
  swap(0, 4);
  swap(4, 2);
  swap(6, 2);
  return b;
}

function bytesToGuid(bytes: Buffer): string | null {
  if (bytes.length !== 16) return null;
  const b = Buffer.from(bytes);
  b.subarray(0, 4).reverse();
  b.subarray(4, 6).reverse();
  b.subarray(6, 8).reverse();
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Characters URL encoding leaves as they are (those of .NET's HttpUtility.UrlEncode). */
const URL_SAFE = /[A-Za-z0-9\-_.!*()]/;

/** Percent-encodes UTF-8 bytes with lower-case hex, as Kusto prints it ("https%3a%2f%2f..."). */
function urlEncode(text: string, space: string): string {
  let out = '';
  for (const ch of text) {
    if (URL_SAFE.test(ch)) out += ch;
    else if (ch === ' ') out += space;
    else for (const byte of Buffer.from(ch, 'utf8')) out += `%${byte.toString(16).padStart(2, '0')}`;
  }
  return out;
}

function urlDecode(text: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c === '%' && /^[0-9a-fA-F]{2}$/.test(text.slice(i + 1, i + 3))) {
      bytes.push(Number.parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (c === '+') {
      bytes.push(32);
    } else {
      bytes.push(...Buffer.from(c, 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

// Punycode (RFC 3492) parameters.
const BASE = 36;
const T_MIN = 1;
const T_MAX = 26;
const SKEW = 38;
const DAMP = 700;
const INITIAL_BIAS = 72;
const INITIAL_N = 128;

function adapt(delta: number, points: number, first: boolean): number {
  let d = first ? Math.floor(delta / DAMP) : delta >> 1;
  d += Math.floor(d / points);
  let k = 0;
  while (d > ((BASE - T_MIN) * T_MAX) >> 1) {
    d = Math.floor(d / (BASE - T_MIN));
    k += BASE;
  }
  return k + Math.floor(((BASE - T_MIN + 1) * d) / (d + SKEW));
}

const digitChar = (d: number) => String.fromCharCode(d < 26 ? 97 + d : 22 + d);

function digitValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 22;
  if (c >= 65 && c <= 90) return c - 65;
  if (c >= 97 && c <= 122) return c - 97;
  return BASE;
}

export function punycodeEncode(input: string): string {
  const points = [...input].map((c) => c.codePointAt(0) as number);
  let out = points
    .filter((p) => p < 0x80)
    .map((p) => String.fromCodePoint(p))
    .join('');
  const basic = out.length;
  let handled = basic;
  if (basic > 0) out += '-';
  let n = INITIAL_N;
  let delta = 0;
  let bias = INITIAL_BIAS;
  while (handled < points.length) {
    const m = Math.min(...points.filter((p) => p >= n));
    delta += (m - n) * (handled + 1);
    n = m;
    for (const p of points) {
      if (p < n) delta++;
      if (p === n) {
        let q = delta;
        for (let k = BASE; ; k += BASE) {
          const t = k <= bias ? T_MIN : k >= bias + T_MAX ? T_MAX : k - bias;
          if (q < t) break;
          out += digitChar(t + ((q - t) % (BASE - t)));
          q = Math.floor((q - t) / (BASE - t));
        }
        out += digitChar(q);
        bias = adapt(delta, handled + 1, handled === basic);
        delta = 0;
        handled++;
      }
    }
    delta++;
    n++;
  }
  return out;
}

export function punycodeDecode(input: string): string | null {
  const dash = input.lastIndexOf('-');
  const out: number[] = [];
  for (let i = 0; i < Math.max(dash, 0); i++) {
    const c = input.charCodeAt(i);
    if (c >= 0x80) return null;
    out.push(c);
  }
  let n = INITIAL_N;
  let bias = INITIAL_BIAS;
  let i = 0;
  for (let at = dash > 0 ? dash + 1 : 0; at < input.length; ) {
    const old = i;
    let w = 1;
    for (let k = BASE; ; k += BASE) {
      if (at >= input.length) return null;
      const digit = digitValue(input.charCodeAt(at++));
      if (digit >= BASE) return null;
      i += digit * w;
      const t = k <= bias ? T_MIN : k >= bias + T_MAX ? T_MAX : k - bias;
      if (digit < t) break;
      w *= BASE - t;
    }
    bias = adapt(i - old, out.length + 1, old === 0);
    n += Math.floor(i / (out.length + 1));
    i %= out.length + 1;
    if (n > 0x10ffff) return null;
    out.splice(i, 0, n);
    i++;
  }
  return String.fromCodePoint(...out);
}

/** The UTF-8 text compressed in base64 text, or "" when it is not base64, not compressed, or not UTF-8. */
function decompressed(text: string, inflate: (b: Buffer) => Buffer): string {
  const b = fromBase64(text);
  if (b === null) return '';
  try {
    return utf8(inflate(b)) ?? '';
  } catch {
    return '';
  }
}

/** Domain labels are separated by '.' or its ideographic and full-width forms. */
const LABEL_SEPARATORS = /[.\u3002\uff0e\uff61]/;

export const encodingFunctions: readonly ScalarFunction[] = [
  scalar({
    name: 'base64_encode_tostring',
    aliases: ['base64_encodestring'],
    description: 'The base64 of the UTF-8 bytes of a string.',
    bind: () => eager((s: string) => Buffer.from(s, 'utf8').toString('base64')),
  }),
  scalar({
    name: 'base64_decode_tostring',
    aliases: ['base64_decodestring'],
    description: 'The string whose UTF-8 bytes the base64 text holds ("" when they are not UTF-8).',
    bind: () =>
      eager((s: string) => {
        const b = fromBase64(s);
        return b === null ? '' : (utf8(b) ?? '');
      }),
  }),
  scalar({
    name: 'base64_decode_toarray',
    description: 'The bytes base64 text holds, as a dynamic array of longs.',
    bind: () =>
      eager((s: string) => {
        const b = fromBase64(s);
        return b === null ? null : [...b];
      }),
  }),
  scalar({
    name: 'base64_encode_fromarray',
    description: 'The base64 of a dynamic array of bytes.',
    bind: () =>
      eager((a: Dynamic) => {
        if (!Array.isArray(a)) return '';
        const bytes: number[] = [];
        for (const x of a) {
          const n = Number(x);
          if (!Number.isInteger(n) || n < 0 || n > 255) return '';
          bytes.push(n);
        }
        return Buffer.from(bytes).toString('base64');
      }),
  }),
  scalar({
    name: 'base64_decode_toguid',
    description: 'The guid whose 16 bytes (in .NET order) the base64 text holds.',
    bind: () =>
      eager((s: string) => {
        const b = fromBase64(s);
        return b === null ? null : bytesToGuid(b);
      }),
  }),
  scalar({
    name: 'base64_encode_fromguid',
    description: 'The base64 of the 16 bytes of a guid (in .NET order).',
    bind: () => eager((g: string | null) => (g === null ? '' : guidToBytes(g).toString('base64'))),
  }),
  scalar({
    name: 'url_encode',
    description: 'The string URL-encoded (spaces as +).',
    bind: () => eager((s: string) => urlEncode(s, '+')),
  }),
  scalar({
    name: 'url_encode_component',
    description: 'The string URL-encoded for a URL component (spaces as %20).',
    bind: () => eager((s: string) => urlEncode(s, '%20')),
  }),
  scalar({
    name: 'url_decode',
    description: 'The URL-encoded string decoded.',
    bind: () => eager((s: string) => urlDecode(s)),
  }),
  // The real engine writes stored (level 0) deflate blocks and a .NET gzip header (XFL 0, OS 255)
  // [gzip-base64-compress-00, zlib-base64-compress-function-00]; any inflater reads them.
  scalar({
    name: 'gzip_compress_to_base64_string',
    description: 'The UTF-8 bytes of the string gzip-compressed, as base64.',
    bind: () =>
      eager((s: string) => {
        const g = gzipSync(Buffer.from(s, 'utf8'), { level: 0 });
        g[8] = 0;
        g[9] = 0xff;
        return g.toString('base64');
      }),
  }),
  scalar({
    name: 'gzip_decompress_from_base64_string',
    description: 'The string gzip-compressed in base64 text ("" when it is not).',
    bind: () => eager((s: string) => decompressed(s, gunzipSync)),
  }),
  scalar({
    name: 'zlib_compress_to_base64_string',
    description: 'The UTF-8 bytes of the string zlib-compressed, as base64.',
    bind: () => eager((s: string) => deflateSync(Buffer.from(s, 'utf8'), { level: 0 }).toString('base64')),
  }),
  scalar({
    name: 'zlib_decompress_from_base64_string',
    description: 'The string zlib-compressed in base64 text ("" when it is not).',
    bind: () => eager((s: string) => decompressed(s, inflateSync)),
  }),
  scalar({
    name: 'punycode_from_string',
    description: 'The punycode (RFC 3492) of a string.',
    bind: () => eager((s: string) => punycodeEncode(s)),
  }),
  scalar({
    name: 'punycode_to_string',
    description: 'The string a punycode (RFC 3492) text encodes.',
    bind: () => eager((s: string) => punycodeDecode(s) ?? ''),
  }),
  scalar({
    name: 'punycode_domain_from_string',
    description: 'A domain name with its xn-- labels decoded.',
    bind: () =>
      eager((s: string) => {
        const labels = s
          .split(LABEL_SEPARATORS)
          .map((l) => (/^xn--/i.test(l) ? punycodeDecode(l.slice(4)) : l));
        return labels.includes(null) ? '' : labels.join('.');
      }),
  }),
  scalar({
    name: 'punycode_domain_to_string',
    description: 'A domain name with its non-ASCII labels punycode-encoded (xn--).',
    bind: () =>
      eager((s: string) =>
        s
          .split(LABEL_SEPARATORS)
          .map((l) => (isAscii(l) ? l : `xn--${punycodeEncode(l)}`))
          .join('.'),
      ),
  }),
];
