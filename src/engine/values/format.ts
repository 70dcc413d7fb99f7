/**
 * Text forms of values: Kusto's `tostring()` and the forms kqlhunt writes to its outputs.
 */
import { formatDateTime } from './datetime.js';
import type { Dynamic } from './dynamic.js';
import { DynamicBox, toJsonText } from './dynamic.js';
import { formatTimespan } from './timespan.js';
import type { ScalarType } from './types.js';

/**
 * A double as .NET's shortest round-trip "G" form prints it (what Kusto shows): fixed notation for
 * decimal exponents from -5 to 14, otherwise `1E+15` / `1E-05` style.
 */
export function formatReal(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (n === Number.POSITIVE_INFINITY) return 'Infinity';
  if (n === Number.NEGATIVE_INFINITY) return '-Infinity';
  if (n === 0) return Object.is(n, -0) ? '-0' : '0';
  const exp = n.toExponential(); // shortest digits: "1.2345e+21"
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(exp);
  if (!m) return String(n);
  const [, sign, lead, rest = '', e] = m;
  const power = Number(e);
  if (power >= 15 || power < -5) {
    const mantissa = rest ? `${lead}.${rest}` : lead;
    const absPow = Math.abs(power);
    return `${sign}${mantissa}E${power < 0 ? '-' : '+'}${absPow < 10 ? `0${absPow}` : absPow}`;
  }
  return String(n);
}

/** Kusto's `tostring()`: never null — a null of any type becomes the empty string. */
export function valueToString(v: unknown, type: ScalarType): string {
  if (v === null || v === undefined) return '';
  switch (type) {
    case 'string':
    case 'guid':
      return v as string;
    case 'bool':
      return v ? 'true' : 'false';
    case 'int':
    case 'long':
      return String(v);
    case 'real':
    case 'decimal':
      return formatReal(v as number);
    case 'datetime':
      return formatDateTime(v as bigint);
    case 'timespan':
      return formatTimespan(v as bigint);
    case 'dynamic':
      return dynamicToString(v as Dynamic);
  }
}

/** `tostring()` of a dynamic value: a string is itself, null is empty, anything else its compact JSON. */
export function dynamicToString(v: Dynamic): string {
  if (typeof v === 'string') return v;
  if (v === null) return '';
  if (v instanceof DynamicBox) return v.toJSON();
  if (typeof v === 'number') return formatReal(v);
  return toJsonText(v);
}
