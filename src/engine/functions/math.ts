/**
 * Mathematical functions: abs, sign, ceiling, round, exp/log families, powers, trigonometry, gamma and erf,
 * the beta distribution, max_of/min_of, bitwise operations, rand.
 */
import { comparatorFor } from '../values/compare.js';
import { convert } from '../values/convert.js';
import type { ScalarType } from '../values/types.js';
import { fromReal, isBigintType, longArg, realArg } from './args.js';
import type { ArgInfo, ScalarFunction, ScalarImpl } from './registry.js';
import { eager, scalar } from './registry.js';
import { erf, erfc, gamma, inverseRegularizedBeta, logBeta, logGamma, regularizedBeta } from './special.js';

/** A function of doubles; arguments of any numeric type are read as doubles, the result converted back. */
function real(
  name: string,
  description: string,
  f: (...xs: number[]) => number | null,
  aliases?: string[],
): ScalarFunction {
  return scalar({
    name,
    ...(aliases ? { aliases } : {}),
    description,
    bind(args, result) {
      const reads = args.map((a) => realArg(a.type));
      const out = fromReal(result);
      if (reads.length === 1) {
        const r = reads[0] as (v: unknown) => number | null;
        return eager((v: unknown) => {
          const x = r(v);
          return x === null ? null : out(f(x));
        });
      }
      return eager((...vs: unknown[]) => {
        const xs: number[] = [];
        for (let i = 0; i < vs.length; i++) {
          const x = (reads[i] as (v: unknown) => number | null)(vs[i]);
          if (x === null) return null;
          xs.push(x);
        }
        return out(f(...xs));
      });
    },
  });
}

/** A test of one number (null stays null). */
function realTest(name: string, description: string, test: (x: number) => boolean): ScalarFunction {
  return scalar({
    name,
    description,
    bind([a]) {
      const r = realArg(a?.type ?? 'real');
      return eager((v: unknown) => {
        const x = r(v);
        return x === null ? null : test(x);
      });
    },
  });
}

/** Rounds half away from zero (Kusto's round(): round(2.15, 1) == 2.2, round(-50.55, -2) == -100). */
function roundHalfAway(x: number, digits: number): number {
  if (!Number.isFinite(x)) return x;
  if (digits >= 0) {
    const scale = 10 ** digits;
    const scaled = x * scale;
    if (!Number.isFinite(scaled)) return x;
    const r = Math.sign(scaled) * Math.round(Math.abs(scaled));
    return r / scale;
  }
  const scale = 10 ** -digits;
  return Math.sign(x) * Math.round(Math.abs(x) / scale) * scale;
}

function bindAbs([a]: readonly ArgInfo[]): ScalarImpl | string {
  if (!a) return 'expects one argument';
  if (isBigintType(a.type))
    return eager((x: bigint | null) => (x === null ? null : x < 0n ? BigInt.asIntN(64, -x) : x));
  if (a.type === 'int') return eager((x: number | null) => (x === null ? null : Math.abs(x) | 0));
  const r = realArg(a.type);
  return eager((v: unknown) => {
    const x = r(v);
    return x === null ? null : Math.abs(x);
  });
}

/** max_of / min_of: the largest / smallest argument, nulls ignored (null when all are null). */
function extremeOf(name: string, max: boolean): ScalarFunction {
  return scalar({
    name,
    description: `The ${max ? 'largest' : 'smallest'} of the arguments (nulls ignored).`,
    bind(args, result) {
      const cmp = comparatorFor(result);
      const conv = args.map((a) => (v: unknown) => convert(v, a.type, result));
      const isNull = result === 'string' ? (v: unknown) => v === '' : (v: unknown) => v === null;
      return eager((...vs: unknown[]) => {
        let best: unknown = null;
        for (let i = 0; i < vs.length; i++) {
          const v = (conv[i] as (v: unknown) => unknown)(vs[i]);
          if (v === null || v === undefined || isNull(v)) continue;
          if (best === null || (max ? cmp(v, best) > 0 : cmp(v, best) < 0)) best = v;
        }
        return best === null && result === 'string' ? '' : best;
      });
    },
  });
}

/** Bitwise operations on longs (64-bit two's complement). */
function bitwise(name: string, description: string, f: (a: bigint, b: bigint) => bigint): ScalarFunction {
  return scalar({
    name,
    description,
    bind(args) {
      const reads = args.map((a) => longArg(a.type));
      const [ra, rb] = reads as [(v: unknown) => bigint | null, (v: unknown) => bigint | null];
      return eager((x: unknown, y: unknown) => {
        const a = ra(x);
        const b = rb ? rb(y) : 0n;
        return a === null || b === null ? null : BigInt.asIntN(64, f(a, b));
      });
    },
  });
}

function shift(a: bigint, n: bigint, left: boolean): bigint {
  // .NET masks the shift count of a 64-bit shift to 6 bits; the shift right is arithmetic.
  const count = BigInt.asUintN(6, n);
  return left ? a << count : a >> count;
}

function popCount(a: bigint): bigint {
  let v = BigInt.asUintN(64, a);
  let n = 0n;
  while (v > 0n) {
    n += v & 1n;
    v >>= 1n;
  }
  return n;
}

function bindAround(args: readonly ArgInfo[]): ScalarImpl | string {
  const [v, c, d] = args;
  if (!v || !c || !d) return 'expects a value, a center and a delta';
  if (isBigintType(v.type) && isBigintType(c.type) && isBigintType(d.type)) {
    return eager((x: bigint | null, center: bigint | null, delta: bigint | null) =>
      x === null || center === null || delta === null ? null : x >= center - delta && x <= center + delta,
    );
  }
  const [rv, rc, rd] = args.map((a) => realArg(a.type)) as ((v: unknown) => number | null)[];
  return eager((x: unknown, center: unknown, delta: unknown) => {
    const a = (rv as (v: unknown) => number | null)(x);
    const b = (rc as (v: unknown) => number | null)(center);
    const e = (rd as (v: unknown) => number | null)(delta);
    return a === null || b === null || e === null ? null : a >= b - e && a <= b + e;
  });
}

/** The beta distribution's functions are NaN outside their domain. */
function betaArgsValid(alpha: number, beta: number): boolean {
  return alpha > 0 && beta > 0;
}

export const mathFunctions: readonly ScalarFunction[] = [
  scalar({ name: 'abs', description: 'The absolute value.', bind: bindAbs }),
  real('sign', 'The sign: -1, 0 or +1.', (x) => (Number.isNaN(x) ? x : Math.sign(x) + 0)),
  scalar({
    name: 'ceiling',
    description: 'The smallest integer greater than or equal to the number.',
    bind([a], result) {
      if (a && isBigintType(a.type) && isBigintType(result)) return eager((x: bigint | null) => x);
      const r = realArg(a?.type ?? 'real');
      const out = fromReal(result);
      return eager((v: unknown) => {
        const x = r(v);
        return x === null ? null : out(Math.ceil(x) + 0);
      });
    },
  }),
  scalar({
    name: 'round',
    description: 'round(x[, digits]): rounded to the number of decimal digits (half away from zero).',
    bind([a, p], result) {
      if (!a) return 'expects a number';
      const digitsOf = p ? longArg(p.type) : () => 0n;
      if (isBigintType(a.type) && isBigintType(result)) {
        return eager((x: bigint | null, d?: unknown) => {
          const digits = digitsOf(d);
          if (x === null || digits === null) return null;
          if (digits >= 0n) return x;
          const scale = 10n ** -digits;
          const q = (x < 0n ? -x : x) / scale;
          const rem = (x < 0n ? -x : x) % scale;
          const r = (rem * 2n >= scale ? q + 1n : q) * scale;
          return x < 0n ? -r : r;
        });
      }
      const r = realArg(a.type);
      const out = fromReal(result);
      return eager((v: unknown, d?: unknown) => {
        const x = r(v);
        const digits = digitsOf(d);
        return x === null || digits === null ? null : out(roundHalfAway(x, Number(digits)));
      });
    },
  }),
  real('sqrt', 'The square root (NaN for negative numbers).', Math.sqrt),
  real('exp', 'e raised to the power x.', Math.exp),
  real('exp2', '2 raised to the power x.', (x) => 2 ** x),
  real('exp10', '10 raised to the power x.', (x) => 10 ** x),
  real('log', 'The natural logarithm (null for x <= 0).', (x) => (x <= 0 ? null : Math.log(x))),
  real('log2', 'The base-2 logarithm (null for x <= 0).', (x) => (x <= 0 ? null : Math.log2(x))),
  real('log10', 'The base-10 logarithm (null for x <= 0).', (x) => (x <= 0 ? null : Math.log10(x))),
  real('pow', 'pow(base, exponent).', (x, y) => x ** y),
  real('sin', 'The sine (radians).', Math.sin),
  real('cos', 'The cosine (radians).', Math.cos),
  real('tan', 'The tangent (radians).', Math.tan),
  real('asin', 'The arc sine, in radians.', Math.asin),
  real('acos', 'The arc cosine, in radians.', Math.acos),
  real('atan', 'The arc tangent, in radians.', Math.atan),
  real('atan2', 'atan2(y, x): the angle of the point (x, y), in radians.', Math.atan2),
  real('cot', 'The cotangent (radians).', (x) => 1 / Math.tan(x)),
  real('degrees', 'Radians to degrees.', (x) => (x * 180) / Math.PI),
  real('radians', 'Degrees to radians.', (x) => (x * Math.PI) / 180),
  scalar({ name: 'pi', description: 'The constant pi.', bind: () => eager(() => Math.PI) }),
  realTest('isnan', 'True when the number is NaN.', Number.isNaN),
  realTest(
    'isinf',
    'True when the number is +Infinity or -Infinity.',
    (x) => x === Infinity || x === -Infinity,
  ),
  realTest('isfinite', 'True when the number is neither infinite nor NaN.', Number.isFinite),
  real('gamma', 'The gamma function.', gamma),
  real('loggamma', 'The natural logarithm of the absolute value of the gamma function.', logGamma),
  real('erf', 'The error function.', erf),
  real('erfc', 'The complementary error function.', erfc),
  // The engine checks x only: beta_cdf(0.1, -1, 20) is 1, what the continued fraction gives [beta-cdf-function-00].
  real(
    'beta_cdf',
    'beta_cdf(x, alpha, beta): the cumulative beta distribution (NaN for x outside [0, 1]).',
    (x, a, b) => (x < 0 || x > 1 ? Number.NaN : regularizedBeta(x, a, b)),
  ),
  real(
    'beta_pdf',
    'beta_pdf(x, alpha, beta): the beta probability density (NaN outside its domain).',
    (x, a, b) => {
      if (x < 0 || x > 1 || !betaArgsValid(a, b)) return Number.NaN;
      if ((x === 0 && a < 1) || (x === 1 && b < 1)) return Number.POSITIVE_INFINITY;
      return Math.exp((a - 1) * Math.log(x) + (b - 1) * Math.log1p(-x) - logBeta(a, b));
    },
  ),
  real(
    'beta_inv',
    'beta_inv(p, alpha, beta): the inverse of beta_cdf (null for p outside [0, 1], NaN for bad shapes).',
    (p, a, b) => {
      if (p < 0 || p > 1) return null;
      return betaArgsValid(a, b) ? inverseRegularizedBeta(p, a, b) : Number.NaN;
    },
  ),
  extremeOf('max_of', true),
  extremeOf('min_of', false),
  scalar({
    name: 'around',
    description: 'around(value, center, delta): whether value is within center ± delta.',
    bind: bindAround,
  }),
  bitwise('binary_and', 'Bitwise and of two longs.', (a, b) => a & b),
  bitwise('binary_or', 'Bitwise or of two longs.', (a, b) => a | b),
  bitwise('binary_xor', 'Bitwise exclusive or of two longs.', (a, b) => a ^ b),
  bitwise('binary_not', 'Bitwise negation of a long.', (a) => ~a),
  bitwise('binary_shift_left', 'binary_shift_left(a, n): a shifted left by n bits.', (a, n) =>
    shift(a, n, true),
  ),
  bitwise('binary_shift_right', 'binary_shift_right(a, n): a shifted right by n bits.', (a, n) =>
    shift(a, n, false),
  ),
  bitwise('bitset_count_ones', 'The number of bits set in a long.', (a) => popCount(a)),
  scalar({
    name: 'rand',
    description: 'rand(): a random real in [0, 1); rand(n): a random long in [0, n).',
    deterministic: false,
    random: true,
    bind(args, result: ScalarType) {
      if (args.length === 0) return eager(() => Math.random());
      const read = longArg((args[0] as ArgInfo).type);
      const out = fromReal(result);
      return eager((v: unknown) => {
        const n = read(v);
        return n === null ? null : out(Math.floor(Math.random() * Number(n)));
      });
    },
  }),
];
