/** Functions over JSON text and dynamic values as a whole: extract_json (extractjson), dynamic_to_json. */
import { convert } from '../values/convert.js';
import type { Dynamic, DynamicBag } from '../values/dynamic.js';
import { isBag, parseJsonText, toJsonText } from '../values/dynamic.js';
import { dynamicToString } from '../values/format.js';
import { parseJsonPath, valueAtPath } from './json-path.js';
import type { Evaluator, ScalarFunction } from './registry.js';
import { eager, scalar } from './registry.js';
import { textOf } from './string-operators.js';

/** JSON text with bag keys sorted at every level, so equal values give equal text. */
function sortedJson(v: Dynamic): string {
  if (Array.isArray(v)) return `[${v.map((x) => sortedJson(x ?? null)).join(',')}]`;
  if (isBag(v)) {
    const keys = Object.keys(v).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${keys.map((k) => `${JSON.stringify(k)}:${sortedJson((v as DynamicBag)[k] ?? null)}`).join(',')}}`;
  }
  return toJsonText(v);
}

export const dynamicFunctions: readonly ScalarFunction[] = [
  scalar({
    name: 'extract_json',
    aliases: ['extractjson'],
    description: 'extract_json(jsonpath, text[, typeof(T)]): the element at a JSONPath of JSON text.',
    bind([path, text], result) {
      if (!path || !text) return 'expects a JSONPath and a text';
      const readText = textOf(text.type);
      const empty = result === 'string' ? '' : null;
      const extract = (steps: ReturnType<typeof parseJsonPath>, t: string): unknown => {
        if (steps === null || t === '') return empty;
        let doc: Dynamic;
        try {
          doc = parseJsonText(t);
        } catch {
          return empty;
        }
        const v = valueAtPath(doc, steps);
        if (v === undefined || v === null) return empty;
        return result === 'string' ? dynamicToString(v) : convert(v, 'dynamic', result);
      };
      if (path.constant) {
        const steps = parseJsonPath(String(path.constant.value));
        return {
          kind: 'compiled',
          compile:
            ([, e]) =>
            (row) =>
              extract(steps, readText((e as Evaluator)(row))),
        };
      }
      return eager((p: string, t: unknown) => extract(parseJsonPath(p), readText(t)));
    },
  }),
  scalar({
    name: 'dynamic_to_json',
    description: 'The JSON text of a dynamic value, bag keys sorted (for comparing bags).',
    bind: () => eager((v: Dynamic) => sortedJson(v)),
  }),
];
