/**
 * Arithmetic operators: + - * / % and unary minus. The binder's result type decides the representation the
 * computation runs in: long in 64-bit two's complement (wrapping), int in 32-bit, real in IEEE doubles,
 * datetime/timespan in ticks.
 */

import { realToLong, toLong, toReal } from '../values/convert.js';
import { inDateTimeRange } from '../values/datetime.js';
import type { ScalarType } from '../values/types.js';
import type { ArgInfo, ScalarFunction, ScalarImpl } from './registry.js';
import { eager, scalar } from './registry.js';

type Op = '+' | '-' | '*' | '/' | '%';

function bigOp(op: Op, a: bigint, b: bigint): bigint | null {
  switch (op) {
    case '+':
      return BigInt.asIntN(64, a + b);
    case '-':
      return BigInt.asIntN(64, a - b);
    case '*':
      return BigInt.asIntN(64, a * b);
    case '/':
      return b === 0n ? null : BigInt.asIntN(64, a / b);
    case '%': {
      // Kusto's remainder is never negative: -14 % 12 == 10, 14 % -12 == 2.
      if (b === 0n) return null;
      const m = a % b;
      return m < 0n ? m + (b < 0n ? -b : b) : m;
    }
  }
}

function numOp(op: Op, a: number, b: number): number {
  switch (op) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      return a / b;
    case '%': {
      const m = a % b;
      return m < 0 ? m + Math.abs(b) : m;
    }
  }
}

function bindArithmetic(op: Op, [a, b]: readonly ArgInfo[], result: ScalarType): ScalarImpl | string {
  if (!a || !b) return 'expects two operands';
  const ta = a.type;
  const tb = b.type;
  switch (result) {
    case 'real':
    case 'decimal': {
      return eager((x: unknown, y: unknown) => {
        const p = toReal(x, ta);
        const q = toReal(y, tb);
        return p === null || q === null ? null : numOp(op, p, q);
      });
    }
    case 'int':
      return eager((x: number | null, y: number | null) => {
        if (x === null || y === null) return null;
        if ((op === '/' || op === '%') && y === 0) return null;
        if (op === '*') return Math.imul(x, y);
        const r = numOp(op, x, y);
        return op === '/' ? Math.trunc(r) | 0 : r | 0;
      });
    case 'long':
      return eager((x: unknown, y: unknown) => {
        const p = toLong(x, ta);
        const q = toLong(y, tb);
        return p === null || q === null ? null : bigOp(op, p, q);
      });
    case 'datetime':
      // datetime ± timespan, timespan + datetime.
      return eager((x: bigint | null, y: bigint | null) => {
        if (x === null || y === null) return null;
        const r = op === '+' ? x + y : x - y;
        return inDateTimeRange(r) ? r : null;
      });
    case 'timespan': {
      if (ta !== 'timespan' && ta !== 'datetime' && (op === '*' || op === '/')) {
        // number * timespan
        return eager((x: unknown, y: bigint | null) => {
          const n = toReal(x, ta);
          return n === null || y === null ? null : realToLong(Math.round(numOp(op, n, Number(y))));
        });
      }
      if (tb !== 'timespan' && tb !== 'datetime') {
        // timespan * number, timespan / number
        return eager((x: bigint | null, y: unknown) => {
          if (x === null || y === null) return null;
          if (tb === 'long' && op !== '%') return bigOp(op, x, y as bigint);
          const n = toReal(y, tb);
          return n === null ? null : realToLong(Math.round(numOp(op, Number(x), n)));
        });
      }
      return eager((x: bigint | null, y: bigint | null) =>
        x === null || y === null ? null : bigOp(op, x, y),
      );
    }
    default:
      return `${ta} ${op} ${tb} giving ${result}`;
  }
}

function operator(op: Op, description: string): ScalarFunction {
  return scalar({ name: op, description, bind: (args, result) => bindArithmetic(op, args, result) });
}

export const arithmeticFunctions: readonly ScalarFunction[] = [
  operator('+', 'Addition (numbers; datetime + timespan; timespan + timespan).'),
  operator('-', 'Subtraction (numbers; datetime - timespan; datetime - datetime gives a timespan).'),
  operator('*', 'Multiplication.'),
  operator('/', 'Division (integer division truncates; by zero gives null).'),
  operator('%', 'Remainder.'),
  scalar({
    name: 'negate',
    description: 'Unary minus.',
    bind: ([a]) => {
      switch (a?.type) {
        case 'long':
        case 'timespan':
          return eager((x: bigint | null) => (x === null ? null : BigInt.asIntN(64, -x)));
        case 'int':
          return eager((x: number | null) => (x === null ? null : -x | 0));
        case 'real':
        case 'decimal':
          return eager((x: number | null) => (x === null ? null : -x));
        default:
          return `unary minus of ${a?.type}`;
      }
    },
  }),
];
