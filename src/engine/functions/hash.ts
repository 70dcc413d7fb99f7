/** Hash functions: hash / hash_xxhash64 (XXH64), hash_md5, hash_sha1, hash_sha256. */
import { createHash } from 'node:crypto';
import { valueToString } from '../values/format.js';
import type { ScalarType } from '../values/types.js';
import { longArg } from './args.js';
import type { ArgInfo, ScalarFunction, ScalarImpl } from './registry.js';
import { eager, scalar } from './registry.js';

const M64 = (1n << 64n) - 1n;
const P1 = 11400714785074694791n;
const P2 = 14029467366897019727n;
const P3 = 1609587929392839161n;
const P4 = 9650029242287828579n;
const P5 = 2870177450012600261n;

const rotl = (x: bigint, r: bigint) => ((x << r) | (x >> (64n - r))) & M64;
const round = (acc: bigint, input: bigint) => (rotl((acc + input * P2) & M64, 31n) * P1) & M64;
const mergeRound = (acc: bigint, v: bigint) => ((acc ^ round(0n, v)) * P1 + P4) & M64;

function readU64(b: Uint8Array, i: number): bigint {
  let v = 0n;
  for (let k = 7; k >= 0; k--) v = (v << 8n) | BigInt(b[i + k] as number);
  return v;
}

function readU32(b: Uint8Array, i: number): bigint {
  return (
    BigInt(((b[i] as number) | ((b[i + 1] as number) << 8) | ((b[i + 2] as number) << 16)) >>> 0) +
    (BigInt(b[i + 3] as number) << 24n)
  );
}

/** XXH64 with seed 0, as an unsigned 64-bit value. */
export function xxhash64(data: Uint8Array): bigint {
  const n = data.length;
  let i = 0;
  let h: bigint;
  if (n >= 32) {
    let v1 = (P1 + P2) & M64;
    let v2 = P2;
    let v3 = 0n;
    let v4 = (M64 + 1n - P1) & M64;
    while (i + 32 <= n) {
      v1 = round(v1, readU64(data, i));
      v2 = round(v2, readU64(data, i + 8));
      v3 = round(v3, readU64(data, i + 16));
      v4 = round(v4, readU64(data, i + 24));
      i += 32;
    }
    h = (rotl(v1, 1n) + rotl(v2, 7n) + rotl(v3, 12n) + rotl(v4, 18n)) & M64;
    h = mergeRound(h, v1);
    h = mergeRound(h, v2);
    h = mergeRound(h, v3);
    h = mergeRound(h, v4);
  } else {
    h = P5;
  }
  h = (h + BigInt(n)) & M64;
  while (i + 8 <= n) {
    h ^= round(0n, readU64(data, i));
    h = (rotl(h, 27n) * P1 + P4) & M64;
    i += 8;
  }
  if (i + 4 <= n) {
    h ^= (readU32(data, i) * P1) & M64;
    h = (rotl(h, 23n) * P2 + P3) & M64;
    i += 4;
  }
  while (i < n) {
    h ^= (BigInt(data[i] as number) * P5) & M64;
    h = (rotl(h, 11n) * P1) & M64;
    i++;
  }
  h ^= h >> 33n;
  h = (h * P2) & M64;
  h ^= h >> 29n;
  h = (h * P3) & M64;
  h ^= h >> 32n;
  return h;
}

/** .NET DateTime ticks (since 0001-01-01) of a kqlhunt datetime (ticks since 1970). */
const DOTNET_EPOCH_TICKS = 621_355_968_000_000_000n;

/**
 * The bytes Kusto hashes for a value. Verified on the real engine for strings (UTF-8) and datetimes (.NET
 * ticks, little-endian) [hash-function-01/02, hash-xxhash64-function-00..02]; other types are refused
 * rather than guessed.
 */
function bytesOf(t: ScalarType): ((v: unknown) => Uint8Array) | undefined {
  if (t === 'string') return (v) => Buffer.from(v as string, 'utf8');
  if (t === 'datetime')
    return (v) => {
      const b = Buffer.alloc(8);
      b.writeBigInt64LE((v as bigint) + DOTNET_EPOCH_TICKS);
      return b;
    };
  return undefined;
}

function bindXxHash([a, mod]: readonly ArgInfo[]): ScalarImpl | string {
  if (!a) return 'expects a value';
  const bytes = bytesOf(a.type);
  if (!bytes) return `the hash of a ${a.type} value (its byte form on the real engine is not verified)`;
  const readMod = mod ? longArg(mod.type) : undefined;
  return eager((v: unknown, m?: unknown) => {
    if (v === null) return null;
    const h = BigInt.asIntN(64, xxhash64(bytes(v)));
    if (!readMod) return h;
    const n = readMod(m);
    if (n === null || n <= 0n) return null;
    // The modulo of the unsigned hash, as Kusto's hash(x, mod) is never negative.
    return BigInt.asUintN(64, h) % n;
  });
}

function digest(name: string, algorithm: string, description: string): ScalarFunction {
  return scalar({
    name,
    description,
    bind([a]) {
      if (!a) return 'expects a value';
      const t = a.type;
      return eager((v: unknown) => createHash(algorithm).update(valueToString(v, t), 'utf8').digest('hex'));
    },
  });
}

export const hashFunctions: readonly ScalarFunction[] = [
  scalar({
    name: 'hash',
    description: 'hash(value[, mod]): the XXH64 hash of the value (modulo mod when given).',
    bind: bindXxHash,
  }),
  scalar({
    name: 'hash_xxhash64',
    description: 'hash_xxhash64(value[, mod]): the XXH64 hash of the value (modulo mod when given).',
    bind: bindXxHash,
  }),
  digest('hash_md5', 'md5', 'The MD5 hash of the text of the value, as hex.'),
  digest('hash_sha1', 'sha1', 'The SHA-1 hash of the text of the value, as hex.'),
  digest('hash_sha256', 'sha256', 'The SHA-256 hash of the text of the value, as hex.'),
];
