/**
 * A 32-bit hash of a tuple of non-dynamic values, and the equality it agrees with: KQL's grouping equality
 * (as keys.ts's key texts imply), for values in kqlhunt's representation — strings exact, numbers with
 * -0 == 0 and NaN == NaN, bigints by value, null equal only to null. Hashing the values where they lie costs
 * no allocation, where a key text costs a string per row (and per group, kept). Murmur3's block mix, with
 * strings fed two UTF-16 units a block.
 */

const NULL_TAG = 0x6e756c6c;
const NAN_TAG = 0x7ff80000;
const TRUE_TAG = 0x74727565;
const FALSE_TAG = 0x66616c73;
const OTHER_TAG = 0x3f3f3f3f;
const TWO_32 = 4294967296;
const TWO_53 = 9007199254740992;

const float = new Float64Array(1);
const floatWords = new Int32Array(float.buffer);

function mix(h: number, k: number): number {
  let x = Math.imul(k, 0xcc9e2d51);
  x = (x << 15) | (x >>> 17);
  h ^= Math.imul(x, 0x1b873593);
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

function mixString(h: number, s: string): number {
  const n = s.length;
  let j = 0;
  for (; j + 1 < n; j += 2) h = mix(h, s.charCodeAt(j) | (s.charCodeAt(j + 1) << 16));
  if (j < n) h = mix(h, s.charCodeAt(j));
  return mix(h, n);
}

function mixNumber(h: number, x: number): number {
  // An int32 (and -0, as 0) directly; NaN as one value; other doubles by their bits.
  if ((x | 0) === x) return mix(h, x | 0);
  if (Number.isNaN(x)) return mix(h, NAN_TAG);
  float[0] = x;
  return mix(mix(h, floatWords[0] as number), floatWords[1] as number);
}

function mixBigInt(h: number, v: bigint): number {
  const x = Number(v);
  // Exact halves while the double is exact (no allocation); past 2^53, the exact low word and the double's
  // high word (datetime ticks are ~2^57: their low bits matter).
  const low = x < TWO_53 && x > -TWO_53 ? x | 0 : Number(BigInt.asIntN(32, v));
  return mix(mix(h, low), (x / TWO_32) | 0);
}

/** The hash of `values[0..width)`, a signed 32-bit integer. */
export function hashTuple(values: readonly unknown[], width: number): number {
  let h = width;
  for (let i = 0; i < width; i++) {
    const v = values[i];
    switch (typeof v) {
      case 'string':
        h = mixString(h, v);
        break;
      case 'number':
        h = mixNumber(h, v);
        break;
      case 'bigint':
        h = mixBigInt(h, v);
        break;
      case 'boolean':
        h = mix(h, v ? TRUE_TAG : FALSE_TAG);
        break;
      default:
        h = mix(h, v === null ? NULL_TAG : OTHER_TAG);
    }
  }
  // Murmur3's finaliser: every input bit reaches the low bits that pick a slot.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** Whether `a[0..width)` and `b[0..width)` are the same key (=== but NaN equals NaN; -0 === 0 already). */
export function sameTuple(a: readonly unknown[], b: readonly unknown[], width: number): boolean {
  for (let i = 0; i < width; i++) {
    const x = a[i];
    const y = b[i];
    if (x !== y && !(Number.isNaN(x) && Number.isNaN(y))) return false;
  }
  return true;
}
