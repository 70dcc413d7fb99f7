/**
 * Property bags: bag_pack (pack), bag_keys, bag_has_key, bag_merge, bag_remove_keys, bag_set_key, bag_zip.
 * Keys given as `$.a.b` are JSONPaths into nested bags.
 */
import { toDynamic } from '../values/convert.js';
import type { Dynamic, DynamicBag } from '../values/dynamic.js';
import { isBag } from '../values/dynamic.js';
import type { ScalarType } from '../values/types.js';
import { keyPath, valueAtPath, withoutPath, withPath } from './json-path.js';
import type { Evaluator, ScalarFunction } from './registry.js';
import { eager, scalar } from './registry.js';
import { textOf } from './string-operators.js';

function setOwn(bag: DynamicBag, key: string, value: Dynamic): void {
  // Own-property definition keeps "__proto__" a plain key.
  Object.defineProperty(bag, key, { value, enumerable: true, writable: true, configurable: true });
}

export const bagFunctions: readonly ScalarFunction[] = [
  scalar({
    name: 'bag_pack',
    aliases: ['pack', 'pack_dictionary'],
    description: 'bag_pack(key1, value1, key2, value2, ...): a property bag.',
    bind: (args) => {
      if (args.length % 2 !== 0) return 'expects key/value pairs';
      const keyText = args.filter((_, i) => i % 2 === 0).map((a) => textOf(a.type));
      const valueTypes = args.filter((_, i) => i % 2 === 1).map((a) => a.type);
      return {
        kind: 'compiled',
        compile: (evs) => (row) => {
          const bag: DynamicBag = {};
          for (let i = 0; i < evs.length; i += 2) {
            const k = (keyText[i / 2] as (v: unknown) => string)((evs[i] as Evaluator)(row));
            // A key given twice keeps its last value.
            setOwn(bag, k, toDynamic((evs[i + 1] as Evaluator)(row), valueTypes[i / 2] as ScalarType));
          }
          return bag;
        },
      };
    },
  }),
  scalar({
    name: 'pack_all',
    description:
      'pack_all([ignore_null_empty]): a bag of all the columns (the translator passes the flag, then names and values).',
    bind: (args) => {
      const valueTypes = args.filter((_, i) => i > 0 && i % 2 === 0).map((a) => a.type);
      return {
        kind: 'compiled',
        compile:
          ([flag, ...pairs]) =>
          (row) => {
            const skipEmpty = (flag as Evaluator)(row) === true;
            const bag: DynamicBag = {};
            for (let i = 0; i < pairs.length; i += 2) {
              const v = toDynamic((pairs[i + 1] as Evaluator)(row), valueTypes[i / 2] as ScalarType);
              // pack_all(true) drops nulls and empty strings [pack-all-function-00].
              if (skipEmpty && (v === null || v === '')) continue;
              setOwn(bag, (pairs[i] as Evaluator)(row) as string, v);
            }
            return bag;
          },
      };
    },
  }),
  scalar({
    name: 'bag_keys',
    description: 'The keys of a property bag, as a dynamic array; null when not a bag.',
    bind: () => eager((v: Dynamic) => (isBag(v) ? Object.keys(v) : null)),
  }),
  scalar({
    name: 'bag_has_key',
    description: "bag_has_key(bag, key): whether the bag has the key (or the JSONPath '$.a.b').",
    bind: () =>
      eager((v: Dynamic, key: string) => {
        if (!isBag(v)) return null;
        const path = keyPath(key);
        return path !== null && valueAtPath(v, path) !== undefined;
      }),
  }),
  scalar({
    name: 'bag_merge',
    description: 'The union of the bags; a key present in several keeps the value of the first.',
    bind: () => ({
      kind: 'compiled',
      compile: (evs) => (row) => {
        const out: DynamicBag = {};
        for (const e of evs) {
          const b = e(row) as Dynamic;
          if (!isBag(b)) return null;
          for (const k of Object.keys(b)) if (!Object.hasOwn(out, k)) setOwn(out, k, b[k] ?? null);
        }
        return out;
      },
    }),
  }),
  scalar({
    name: 'bag_remove_keys',
    description: 'bag_remove_keys(bag, keys): the bag without the keys (plain keys or JSONPaths).',
    bind: () =>
      eager((v: Dynamic, keys: Dynamic) => {
        if (!isBag(v) || !Array.isArray(keys)) return null;
        let out: Dynamic = v;
        for (const k of keys) {
          if (typeof k !== 'string') continue;
          const path = keyPath(k);
          if (path) out = withoutPath(out, path);
        }
        return out;
      }),
  }),
  scalar({
    name: 'bag_set_key',
    description: 'bag_set_key(bag, key, value): the bag with the key (or JSONPath) set to the value.',
    bind([, , value]) {
      const type = value?.type ?? 'dynamic';
      return eager((v: Dynamic, key: string, x: unknown) => {
        if (!isBag(v)) return null;
        const path = keyPath(key);
        return path === null ? null : withPath(v, path, toDynamic(x, type));
      });
    },
  }),
  scalar({
    name: 'bag_zip',
    description:
      'bag_zip(keys, values): a bag from an array of keys and an array of values (non-string keys skipped).',
    bind: () =>
      eager((keys: Dynamic, values: Dynamic) => {
        if (!Array.isArray(keys)) return null;
        const out: DynamicBag = {};
        keys.forEach((k, i) => {
          if (typeof k === 'string') setOwn(out, k, Array.isArray(values) ? (values[i] ?? null) : null);
        });
        return out;
      }),
  }),
];
