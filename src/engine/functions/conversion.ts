/** Conversion functions: tostring(), todatetime(), parse_json(), ... */
import { randomUUID } from 'node:crypto';
import { convert, parseDynamicText } from '../values/convert.js';
import type { Dynamic } from '../values/dynamic.js';
import { dynamicKind } from '../values/dynamic.js';
import { dynamicToString, valueToString } from '../values/format.js';
import type { ScalarType } from '../values/types.js';
import { longArg, realArg } from './args.js';
import type { ScalarFunction, ScalarImpl } from './registry.js';
import { eager, scalar } from './registry.js';

/** `to<type>(x)`: one argument of any type, converted with `convert()`. */
function converter(name: string, target: ScalarType, aliases: string[], description: string): ScalarFunction {
  return scalar({
    name,
    aliases,
    description,
    bind([arg]): ScalarImpl | string {
      if (!arg) return 'expects one argument';
      const from = arg.type;
      return eager((v: unknown) => convert(v, from, target));
    },
  });
}

export const conversionFunctions: readonly ScalarFunction[] = [
  scalar({
    name: '__convert',
    description: 'Internal: converts its argument to the result type (inserted by the translator).',
    bind([arg], result) {
      if (!arg) return 'expects one argument';
      const from = arg.type;
      return eager((v: unknown) => convert(v, from, result));
    },
  }),
  scalar({
    name: 'tostring',
    description: 'The text form of a value; null becomes the empty string.',
    bind([arg]) {
      if (!arg) return 'expects one argument';
      if (arg.type === 'string') return eager((v: string) => v);
      if (arg.type === 'dynamic') return eager((v: Dynamic) => dynamicToString(v));
      const t = arg.type;
      return eager((v: unknown) => valueToString(v, t));
    },
  }),
  converter('todatetime', 'datetime', [], 'Converts to datetime; null when the value is not a datetime.'),
  converter('totimespan', 'timespan', [], 'Converts to timespan; null when the value is not a timespan.'),
  converter('tolong', 'long', [], 'Converts to long (reals are truncated); null when not a number.'),
  converter('toint', 'int', [], 'Converts to int; null when not a number.'),
  converter('toreal', 'real', ['todouble'], 'Converts to real; null when not a number.'),
  converter('todecimal', 'decimal', [], 'Converts to decimal (held as a double); null when not a number.'),
  converter('tobool', 'bool', ['toboolean'], 'Converts to bool ("true"/"false" or a number).'),
  converter('toguid', 'guid', [], 'Converts to guid; null when the text is not a guid.'),
  scalar({
    name: 'parse_json',
    aliases: ['todynamic', 'toobject'],
    description: 'Parses JSON text into a dynamic value; text that is not JSON stays a string.',
    bind([arg]) {
      if (!arg) return 'expects one argument';
      if (arg.type === 'dynamic') {
        // A dynamic string holding JSON text is parsed; any other dynamic value is returned as is.
        return eager((v: Dynamic) => (typeof v === 'string' ? parseDynamicText(v) : v));
      }
      if (arg.type === 'string') return eager((v: string) => (v === '' ? null : parseDynamicText(v)));
      const t = arg.type;
      return eager((v: unknown) => convert(v, t, 'dynamic'));
    },
  }),
  scalar({
    name: 'gettype',
    description: 'The type of a value as text ("string", "long", "array", "dictionary", ...).',
    bind([arg]) {
      if (!arg) return 'expects one argument';
      if (arg.type === 'dynamic') return eager((v: Dynamic) => dynamicKind(v));
      const names: Record<ScalarType, string> = {
        bool: 'bool',
        int: 'int',
        long: 'long',
        real: 'real',
        decimal: 'decimal',
        string: 'string',
        datetime: 'datetime',
        timespan: 'timespan',
        guid: 'guid',
        dynamic: 'dynamic',
      };
      const name = names[arg.type];
      return eager(() => name);
    },
  }),
  scalar({
    name: 'new_guid',
    description: 'A new random guid (version 4).',
    deterministic: false,
    random: true,
    bind: () => eager(() => randomUUID()),
  }),
  scalar({
    name: 'tohex',
    description: "tohex(n[, minLength]): a long (or int) as lower-case hex, negatives in two's complement.",
    bind([a]) {
      const bits = a?.type === 'int' ? 32 : 64;
      const read = longArg(a?.type ?? 'long');
      return eager((v: unknown, width?: bigint | null) => {
        const n = read(v);
        if (n === null) return null;
        const hex = BigInt.asUintN(bits, n).toString(16);
        return width === undefined || width === null ? hex : hex.padStart(Number(width), '0');
      });
    },
  }),
  scalar({
    name: 'format_bytes',
    description: "format_bytes(size[, precision[, units]]): a size in bytes as text, e.g. '10.1 KB'.",
    bind(args) {
      const read = realArg(args[0]?.type ?? 'long');
      return eager((v: unknown, precision?: bigint | null, units?: string) => {
        const size = read(v);
        if (size === null) return '';
        const digits = Number(precision ?? 0n);
        let unit = units === undefined || units === '' ? undefined : BYTE_UNITS.indexOf(units.toUpperCase());
        if (unit === -1) return '';
        if (unit === undefined) {
          unit = 0;
          while (unit < BYTE_UNITS.length - 1 && Math.abs(size) >= 1024 ** (unit + 1)) unit++;
        }
        const scaled = size / 1024 ** unit;
        const factor = 10 ** digits;
        const rounded = (Math.sign(scaled) * Math.round(Math.abs(scaled) * factor)) / factor;
        return `${rounded.toFixed(digits)} ${unit === 0 ? 'Bytes' : BYTE_UNITS[unit]}`;
      });
    },
  }),
];

const BYTE_UNITS = ['BYTES', 'KB', 'MB', 'GB', 'TB', 'PB', 'EB'];
