/**
 * IPv4 and IPv6 functions. Addresses are text, optionally with an IP-prefix ("192.168.1.1/24"); IPv4 is
 * compared as a 32-bit number, IPv6 (and IPv4 within it, as ::ffff:a.b.c.d) as a 128-bit one, under the
 * narrowest of the prefixes involved.
 */
import type { Dynamic } from '../values/dynamic.js';
import { longArg } from './args.js';
import type { ArgInfo, ScalarFunction, ScalarImpl } from './registry.js';
import { eager, scalar } from './registry.js';

interface Ipv4 {
  readonly address: number;
  readonly prefix: number;
}

const IPV4_RE = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

function ipv4Address(text: string): number | null {
  const m = IPV4_RE.exec(text);
  if (!m) return null;
  let a = 0;
  for (let i = 1; i <= 4; i++) {
    const octet = Number(m[i]);
    if (octet > 255) return null;
    a = a * 256 + octet;
  }
  return a;
}

export function parseIpv4(text: string): Ipv4 | null {
  const t = text.trim();
  const slash = t.indexOf('/');
  const address = ipv4Address(slash < 0 ? t : t.slice(0, slash));
  if (address === null) return null;
  if (slash < 0) return { address, prefix: 32 };
  const p = t.slice(slash + 1);
  if (!/^\d{1,2}$/.test(p) || Number(p) > 32) return null;
  return { address, prefix: Number(p) };
}

function maskIpv4(address: number, prefix: number): number {
  if (prefix <= 0) return 0;
  if (prefix >= 32) return address;
  const block = 2 ** (32 - prefix);
  return Math.floor(address / block) * block;
}

function formatIpv4(a: number): string {
  return [a >>> 24, (a >>> 16) & 255, (a >>> 8) & 255, a & 255].join('.');
}

const V6_BITS = 128n;
const V4_MAPPED = 0xffffn << 32n;

interface Ipv6 {
  readonly address: bigint;
  readonly prefix: number;
}

function ipv6Groups(text: string): bigint | null {
  let t = text;
  // A trailing dotted IPv4 part (::ffff:1.2.3.4, ::1.2.3.4) is two groups.
  let tail: bigint | null = null;
  const lastColon = t.lastIndexOf(':');
  if (t.includes('.')) {
    const v4 = ipv4Address(t.slice(lastColon + 1));
    if (v4 === null) return null;
    tail = BigInt(v4);
    t = `${t.slice(0, lastColon + 1)}0:0`;
  }
  const halves = t.split('::');
  if (halves.length > 2) return null;
  const parse = (s: string) => (s === '' ? [] : s.split(':'));
  const head = parse(halves[0] as string);
  const rest = halves.length === 2 ? parse(halves[1] as string) : [];
  const missing = 8 - head.length - rest.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const groups = [...head, ...Array(halves.length === 2 ? missing : 0).fill('0'), ...rest];
  let v = 0n;
  for (const g of groups) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return null;
    v = (v << 16n) | BigInt(Number.parseInt(g, 16));
  }
  if (tail !== null) v = (v & ~0xffffffffn) | tail;
  return v;
}

/**
 * An IPv6 (or IPv4, mapped to ::ffff:a.b.c.d with its prefix moved up by 96) with its prefix.
 * The prefix of an IPv6 address written with a dotted IPv4 tail counts IPv4 bits when the address is
 * formatted ('::192.168.255.255/24' keeps 120 bits [parse-ipv6-mask-function-00]) but IPv6 bits when it
 * is compared ('::192.168.1.1/30' matches '192.168.1.255/24' [ipv6-is-match-function-00,
 * ipv6-compare-function-01]): the real engine's two code paths differ, and `tailPrefix` says which.
 */
export function parseIpv6(text: string, tailPrefix: 'ipv4' | 'ipv6' = 'ipv4'): Ipv6 | null {
  const t = text.trim();
  const v4 = parseIpv4(t);
  if (v4) return { address: V4_MAPPED | BigInt(v4.address), prefix: 96 + v4.prefix };
  const slash = t.indexOf('/');
  const address = ipv6Groups(slash < 0 ? t : t.slice(0, slash));
  if (address === null) return null;
  if (slash < 0) return { address, prefix: 128 };
  const p = t.slice(slash + 1);
  if (!/^\d{1,3}$/.test(p) || Number(p) > 128) return null;
  if (tailPrefix === 'ipv4' && t.slice(0, slash).includes('.'))
    return Number(p) > 32 ? null : { address, prefix: 96 + Number(p) };
  return { address, prefix: Number(p) };
}

function maskIpv6(address: bigint, prefix: number): bigint {
  if (prefix <= 0) return 0n;
  if (prefix >= 128) return address;
  const keep = V6_BITS - BigInt(prefix);
  return (address >> keep) << keep;
}

function formatIpv6(a: bigint): string {
  const groups: string[] = [];
  for (let i = 7; i >= 0; i--) groups.push(((a >> BigInt(i * 16)) & 0xffffn).toString(16).padStart(4, '0'));
  return groups.join(':');
}

type Compare = (a: string, b: string, prefix: number | null) => number | null;

const compareIpv4: Compare = (x, y, prefix) => {
  const a = parseIpv4(x);
  const b = parseIpv4(y);
  if (!a || !b) return null;
  const p = Math.min(a.prefix, b.prefix, prefix ?? 32);
  const ma = maskIpv4(a.address, p);
  const mb = maskIpv4(b.address, p);
  return ma < mb ? -1 : ma > mb ? 1 : 0;
};

const compareIpv6: Compare = (x, y, prefix) => {
  const a = parseIpv6(x, 'ipv6');
  const b = parseIpv6(y, 'ipv6');
  if (!a || !b) return null;
  const p = Math.min(a.prefix, b.prefix, prefix ?? 128);
  const ma = maskIpv6(a.address, p);
  const mb = maskIpv6(b.address, p);
  return ma < mb ? -1 : ma > mb ? 1 : 0;
};

/** ipv4_compare/ipv6_compare (a long) and the _is_match forms (a bool), with an optional prefix. */
function comparer(name: string, compare: Compare, asMatch: boolean, description: string): ScalarFunction {
  return scalar({
    name,
    description,
    bind(args) {
      const readPrefix = args[2] ? longArg(args[2].type) : () => null;
      return eager((a: string, b: string, p?: unknown) => {
        const prefix = readPrefix(p);
        if (args[2] && prefix === null) return null;
        const c = compare(a, b, prefix === null ? null : Number(prefix));
        if (c === null) return null;
        return asMatch ? c === 0 : BigInt(c);
      });
    },
  });
}

/** ip_is_in_range(ip, range): the ip under the range's prefix equals the range. */
function inRange(compare: Compare): (ip: string, range: string) => boolean | null {
  return (ip, range) => {
    const c = compare(ip, range, null);
    return c === null ? null : c === 0;
  };
}

/** The ranges of ip_is_in_any_range: the arguments after the first, arrays flattened. */
function inAnyRange(name: string, compare: Compare): ScalarFunction {
  const test = inRange(compare);
  return scalar({
    name,
    description: `${name}(ip, ranges...): whether the address is in any of the ranges (arrays or strings).`,
    bind: () => ({
      kind: 'compiled',
      compile:
        ([ip, ...ranges]) =>
        (row) => {
          const address = (ip as (r: unknown[]) => unknown)(row) as string;
          let any: boolean | null = false;
          for (const e of ranges) {
            const v = e(row) as Dynamic;
            for (const r of Array.isArray(v) ? v : [v]) {
              if (typeof r !== 'string') continue;
              const t = test(address, r);
              if (t === null) return null;
              if (t) any = true;
            }
          }
          return any;
        },
    }),
  });
}

function isTermChar(c: string | undefined): boolean {
  return c !== undefined && /[0-9A-Za-z]/.test(c);
}

/**
 * Whether `text` holds `needle` (an IPv4 address, or a prefix ending with a dot) delimited by
 * non-alphanumeric characters, as a valid address: "05:04:54127.0.0.1" does not hold 127.0.0.1, and
 * "127.0.0.256" holds no address [has-ipv4-function-01/02, has-ipv4-prefix-function-00..03].
 */
function hasIpv4(text: string, needle: string, prefix: boolean): boolean {
  for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
    if (isTermChar(text[i - 1]) || (text[i - 1] === '.' && isTermChar(text[i - 2]))) continue;
    // The whole address around the match: digits and dots.
    let end = i;
    while (end < text.length && /[0-9.]/.test(text[end] as string)) end++;
    let address = text.slice(i, end);
    if (address.endsWith('.') && !prefix) address = address.slice(0, -1);
    if (isTermChar(text[end])) continue;
    if (!prefix && address !== needle) continue;
    if (ipv4Address(address.replace(/\.$/, '')) !== null) return true;
  }
  return false;
}

const validPrefix = (p: string) =>
  /^(\d{1,3}\.){1,3}$/.test(p) &&
  p
    .split('.')
    .slice(0, -1)
    .every((o) => Number(o) <= 255);

/** has_ipv4 and friends: the source text, then addresses (or prefixes) as strings or dynamic arrays. */
function bindHasIpv4(prefix: boolean): (args: readonly ArgInfo[]) => ScalarImpl | string {
  return () => ({
    kind: 'compiled',
    compile:
      ([source, ...needles]) =>
      (row) => {
        const text = (source as (r: unknown[]) => unknown)(row) as string;
        const list: string[] = [];
        for (const e of needles) {
          const v = e(row) as Dynamic;
          for (const x of Array.isArray(v) ? v : [v]) if (typeof x === 'string') list.push(x);
        }
        return list.some((n) => {
          const valid = ipv4Address(n) !== null || (prefix && validPrefix(n));
          return valid && hasIpv4(text, n, prefix && n.endsWith('.'));
        });
      },
  });
}

/** The CIDR blocks that cover start..end exactly. */
function rangeToCidrs(start: number, end: number): string[] {
  const out: string[] = [];
  let a = start;
  while (a <= end) {
    let size = 1;
    while (a % (size * 2) === 0 && a + size * 2 - 1 <= end && size < 2 ** 32) size *= 2;
    out.push(`${formatIpv4(a)}/${32 - Math.log2(size)}`);
    a += size;
  }
  return out;
}

const PRIVATE_RANGES = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'];

export const ipFunctions: readonly ScalarFunction[] = [
  comparer(
    'ipv4_compare',
    compareIpv4,
    false,
    'ipv4_compare(a, b[, prefix]): -1, 0 or 1 comparing two IPv4 addresses.',
  ),
  comparer(
    'ipv4_is_match',
    compareIpv4,
    true,
    'ipv4_is_match(a, b[, prefix]): whether two IPv4 addresses match.',
  ),
  comparer(
    'ipv6_compare',
    compareIpv6,
    false,
    'ipv6_compare(a, b[, prefix]): -1, 0 or 1 comparing two IPv6/IPv4 addresses.',
  ),
  comparer(
    'ipv6_is_match',
    compareIpv6,
    true,
    'ipv6_is_match(a, b[, prefix]): whether two IPv6/IPv4 addresses match.',
  ),
  scalar({
    name: 'ipv4_is_in_range',
    description: "ipv4_is_in_range(ip, range): whether the address is in the range ('10.0.0.0/8').",
    bind: () => eager(inRange(compareIpv4)),
  }),
  scalar({
    name: 'ipv6_is_in_range',
    description: 'ipv6_is_in_range(ip, range): whether the IPv6/IPv4 address is in the range.',
    bind: () => eager(inRange(compareIpv6)),
  }),
  inAnyRange('ipv4_is_in_any_range', compareIpv4),
  inAnyRange('ipv6_is_in_any_range', compareIpv6),
  scalar({
    name: 'ipv4_is_private',
    description: 'Whether an IPv4 address is in a private range (10/8, 172.16/12, 192.168/16).',
    bind: () =>
      eager((ip: string) => {
        if (!parseIpv4(ip)) return null;
        return PRIVATE_RANGES.some((r) => compareIpv4(ip, r, null) === 0);
      }),
  }),
  scalar({
    name: 'ipv4_netmask_suffix',
    description: 'The prefix length of an IPv4 address (32 when it has none).',
    bind: () => eager((ip: string) => parseIpv4(ip)?.prefix ?? null),
  }),
  scalar({
    name: 'parse_ipv4',
    description: 'An IPv4 address (with its prefix applied) as a long.',
    bind: () =>
      eager((ip: string) => {
        const a = parseIpv4(ip);
        return a ? BigInt(maskIpv4(a.address, a.prefix)) : null;
      }),
  }),
  scalar({
    name: 'parse_ipv4_mask',
    description: 'parse_ipv4_mask(ip, prefix): an IPv4 address masked by the prefix, as a long.',
    bind: ([, p]) => {
      const readPrefix = longArg(p?.type ?? 'long');
      return eager((ip: string, prefix: unknown) => {
        const a = parseIpv4(ip);
        const n = readPrefix(prefix);
        if (!a || n === null || n < 0n || n > 32n) return null;
        return BigInt(maskIpv4(a.address, Math.min(a.prefix, Number(n))));
      });
    },
  }),
  ...(['format_ipv4', 'format_ipv4_mask'] as const).map((name) =>
    scalar({
      name,
      description:
        name === 'format_ipv4'
          ? 'format_ipv4(ip[, prefix]): the masked address as text ("" when invalid).'
          : 'format_ipv4_mask(ip[, prefix]): the masked address with its prefix, "a.b.c.d/n".',
      bind([ip, p]) {
        const readPrefix = p ? longArg(p.type) : () => 32n;
        const readIp =
          ip?.type === 'string'
            ? (v: unknown) => parseIpv4(v as string)
            : (v: unknown) => {
                const n = longArg(ip?.type ?? 'long')(v);
                return n === null || n < 0n || n > 0xffffffffn ? null : { address: Number(n), prefix: 32 };
              };
        return eager((v: unknown, m?: unknown) => {
          const a = readIp(v);
          const n = readPrefix(m);
          if (!a || n === null || n < 0n || n > 32n) return '';
          const prefix = Math.min(a.prefix, Number(n));
          const text = formatIpv4(maskIpv4(a.address, prefix));
          return name === 'format_ipv4' ? text : `${text}/${prefix}`;
        });
      },
    }),
  ),
  scalar({
    name: 'ipv4_range_to_cidr_list',
    description:
      'ipv4_range_to_cidr_list(start, end): the CIDR blocks covering the range, as a dynamic array.',
    bind: () =>
      eager((s: string, e: string) => {
        const a = parseIpv4(s);
        const b = parseIpv4(e);
        return a && b && a.address <= b.address ? rangeToCidrs(a.address, b.address) : null;
      }),
  }),
  scalar({
    name: 'parse_ipv6',
    description: 'An IPv6 or IPv4 address (its prefix applied) in canonical IPv6 text ("" when invalid).',
    bind: () =>
      eager((ip: string) => {
        const a = parseIpv6(ip);
        return a ? formatIpv6(maskIpv6(a.address, a.prefix)) : '';
      }),
  }),
  scalar({
    name: 'parse_ipv6_mask',
    description: 'parse_ipv6_mask(ip, prefix): the address masked by the prefix, in canonical IPv6 text.',
    bind: ([, p]) => {
      const readPrefix = longArg(p?.type ?? 'long');
      return eager((ip: string, prefix: unknown) => {
        const a = parseIpv6(ip);
        const n = readPrefix(prefix);
        if (!a || n === null || n < 0n || n > 128n) return '';
        return formatIpv6(maskIpv6(a.address, Math.min(a.prefix, Number(n))));
      });
    },
  }),
  scalar({
    name: 'has_ipv4',
    description: 'has_ipv4(text, ip): whether the text holds the IPv4 address.',
    bind: bindHasIpv4(false),
  }),
  scalar({
    name: 'has_ipv4_prefix',
    description:
      "has_ipv4_prefix(text, prefix): whether the text holds an address with the prefix ('10.1.').",
    bind: bindHasIpv4(true),
  }),
  scalar({
    name: 'has_any_ipv4',
    description: 'has_any_ipv4(text, ips...): whether the text holds any of the addresses.',
    bind: bindHasIpv4(false),
  }),
  scalar({
    name: 'has_any_ipv4_prefix',
    description: 'has_any_ipv4_prefix(text, prefixes...): whether the text holds an address with any prefix.',
    bind: bindHasIpv4(true),
  }),
];
