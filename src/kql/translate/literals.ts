/**
 * Literal values, read from the token text. The parser's own literal values are .NET objects that lose
 * precision (its DateTime keeps milliseconds only), so kqlhunt reads `datetime(...)`, `14d`, `long(...)`
 * and friends itself.
 */

import { parseGuid, parseLong, parseReal } from '../../engine/values/convert.js';
import { parseDateTime } from '../../engine/values/datetime.js';
import { parseTimespan } from '../../engine/values/timespan.js';
import type { ScalarType } from '../../engine/values/types.js';

/** `name(inner)` → inner, when the text has that shape; otherwise the text itself. */
function unwrap(text: string): { fn?: string; inner: string } {
  const m = /^\s*([A-Za-z_]+)\s*\(([\s\S]*)\)\s*$/.exec(text);
  return m ? { fn: (m[1] ?? '').toLowerCase(), inner: (m[2] ?? '').trim() } : { inner: text.trim() };
}

function unquote(s: string): string {
  const m = /^@?(['"])([\s\S]*)\1$/.exec(s);
  return m ? (m[2] ?? '') : s;
}

export class LiteralError extends Error {}

/** Parses a literal token of the given type; throws LiteralError when it does not read as one. */
export function parseLiteral(type: ScalarType, text: string): unknown {
  const { fn, inner } = unwrap(text);
  if (fn !== undefined && inner.toLowerCase() === 'null') return null;
  switch (type) {
    case 'long':
    case 'int': {
      const v = parseLong(inner);
      if (v === null) throw new LiteralError(`not a ${type} literal: ${text}`);
      return type === 'int' ? Number(BigInt.asIntN(32, v)) : v;
    }
    case 'real':
    case 'decimal': {
      const v = parseReal(inner);
      if (v === null) throw new LiteralError(`not a ${type} literal: ${text}`);
      return v;
    }
    case 'bool': {
      const l = inner.toLowerCase();
      if (l === 'true') return true;
      if (l === 'false') return false;
      throw new LiteralError(`not a bool literal: ${text}`);
    }
    case 'datetime': {
      const body = unquote(inner);
      const comma = /^\s*(\d{4})\s*,\s*(\d{1,2})\s*,\s*(\d{1,2})\s*$/.exec(body);
      const v = comma
        ? parseDateTime(`${comma[1]}-${comma[2]}-${comma[3]}`)
        : parseDateTime(body.replace(/\s*-\s*/g, '-'));
      if (v === null) throw new LiteralError(`not a datetime literal: ${text}`);
      return v;
    }
    case 'timespan': {
      const v = parseTimespan(unquote(inner));
      if (v === null) throw new LiteralError(`not a timespan literal: ${text}`);
      return v;
    }
    case 'guid': {
      const v = parseGuid(unquote(inner));
      if (v === null) throw new LiteralError(`not a guid literal: ${text}`);
      return v;
    }
    case 'string':
      return unquote(inner);
    case 'dynamic':
      throw new LiteralError('dynamic literals are translated from their syntax');
  }
}
