/** Functions over dynamic values: pack/bag_pack, pack_array, array_length, bag_keys, ... */
import { toDynamic } from '../values/convert.js';
import type { Dynamic, DynamicBag } from '../values/dynamic.js';
import { isBag } from '../values/dynamic.js';
import type { ScalarType } from '../values/types.js';
import type { Evaluator, ScalarFunction } from './registry.js';
import { eager, scalar } from './registry.js';
import { textOf } from './string-operators.js';

export const dynamicFunctions: readonly ScalarFunction[] = [
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
            const v = toDynamic((evs[i + 1] as Evaluator)(row), valueTypes[i / 2] as ScalarType);
            // A key given twice keeps its last value; own-property definition keeps "__proto__" a plain key.
            Object.defineProperty(bag, k, { value: v, enumerable: true, writable: true, configurable: true });
          }
          return bag;
        },
      };
    },
  }),
  scalar({
    name: 'pack_array',
    description: 'pack_array(v1, v2, ...): a dynamic array of the values.',
    bind: (args) => {
      const types = args.map((a) => a.type);
      return {
        kind: 'compiled',
        compile: (evs) => (row) => evs.map((e, i) => toDynamic(e(row), types[i] as ScalarType)),
      };
    },
  }),
  scalar({
    name: 'array_length',
    description: 'The number of elements of a dynamic array; null when not an array.',
    bind: () => eager((v: Dynamic) => (Array.isArray(v) ? BigInt(v.length) : null)),
  }),
  scalar({
    name: 'bag_keys',
    description: 'The keys of a property bag, as a dynamic array; null when not a bag.',
    bind: () => eager((v: Dynamic) => (isBag(v) ? Object.keys(v) : null)),
  }),
  scalar({
    name: 'bag_has_key',
    description: 'Whether a property bag has the key.',
    bind: () => eager((v: Dynamic, key: string) => (isBag(v) ? Object.hasOwn(v, key) : false)),
  }),
];
