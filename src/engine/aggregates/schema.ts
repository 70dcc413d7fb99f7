/**
 * buildschema(dynamic): the union schema of the values — a bag's keys with the schema of their values,
 * an array's elements under "`indexer`", scalars by type name ("long", "double", "string", ...). A slot seen
 * with several kinds lists them, a bag first, then an array, then type names in the order first seen
 * [buildschema-aggregation-function-00].
 */
import type { Evaluator } from '../functions/registry.js';
import type { Dynamic, DynamicBag } from '../values/dynamic.js';
import { dynamicKind, isBag } from '../values/dynamic.js';
import type { Row } from '../values/types.js';
import type { Accumulator, AggregateFunction } from './registry.js';
import { aggregate, fromClass } from './registry.js';

/** One slot of the schema: what kinds of value were seen there. */
interface Slot {
  bag?: Map<string, Slot>;
  array?: Slot;
  types: string[];
}

const INDEXER = '`indexer`';
const TYPE_NAMES: Record<string, string> = { real: 'double' };

function emptySlot(): Slot {
  return { types: [] };
}

function absorb(slot: Slot, v: Dynamic): void {
  if (v === null) return;
  if (Array.isArray(v)) {
    slot.array ??= emptySlot();
    for (const e of v) absorb(slot.array, e ?? null);
    return;
  }
  if (isBag(v)) {
    slot.bag ??= new Map();
    for (const k of Object.keys(v)) {
      let inner = slot.bag.get(k);
      if (!inner) {
        inner = emptySlot();
        slot.bag.set(k, inner);
      }
      absorb(inner, v[k] ?? null);
    }
    return;
  }
  const kind = dynamicKind(v);
  const name = TYPE_NAMES[kind] ?? kind;
  if (!slot.types.includes(name)) slot.types.push(name);
}

function mergeSlots(into: Slot, from: Slot): void {
  for (const t of from.types) if (!into.types.includes(t)) into.types.push(t);
  if (from.array) {
    into.array ??= emptySlot();
    mergeSlots(into.array, from.array);
  }
  if (from.bag) {
    into.bag ??= new Map();
    for (const [k, s] of from.bag) {
      const inner = into.bag.get(k);
      if (inner) mergeSlots(inner, s);
      else into.bag.set(k, s);
    }
  }
}

function schemaOf(slot: Slot): Dynamic {
  const kinds: Dynamic[] = [];
  if (slot.bag) {
    const bag: DynamicBag = {};
    for (const [k, s] of slot.bag)
      Object.defineProperty(bag, k, {
        value: schemaOf(s),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    kinds.push(bag);
  }
  if (slot.array) kinds.push({ [INDEXER]: schemaOf(slot.array) });
  kinds.push(...slot.types);
  return kinds.length === 1 ? (kinds[0] as Dynamic) : kinds.length === 0 ? null : kinds;
}

/** Slots as plain data (for moving partial results between threads). */
type SlotState = { bag?: [string, SlotState][]; array?: SlotState; types: string[] };

function toState(s: Slot): SlotState {
  return {
    types: s.types,
    ...(s.bag ? { bag: [...s.bag].map(([k, v]) => [k, toState(v)] as [string, SlotState]) } : {}),
    ...(s.array ? { array: toState(s.array) } : {}),
  };
}

function fromState(s: SlotState): Slot {
  return {
    types: [...s.types],
    ...(s.bag ? { bag: new Map(s.bag.map(([k, v]) => [k, fromState(v)])) } : {}),
    ...(s.array ? { array: fromState(s.array) } : {}),
  };
}

class SchemaAcc implements Accumulator {
  readonly root: Slot;
  constructor(
    private readonly value: Evaluator,
    state?: SlotState,
  ) {
    this.root = state ? fromState(state) : emptySlot();
  }
  add(row: Row): void {
    absorb(this.root, this.value(row) as Dynamic);
  }
  merge(other: Accumulator): void {
    mergeSlots(this.root, (other as SchemaAcc).root);
  }
  result(): unknown {
    return schemaOf(this.root);
  }
  state(): unknown {
    return toState(this.root);
  }
}

export const schemaAggregates: readonly AggregateFunction[] = [
  aggregate({
    name: 'buildschema',
    description: 'The union schema of dynamic values: keys, "`indexer`" for array elements, type names.',
    bind([a], [x]) {
      if (!a || !x) return 'expects a dynamic value';
      if (a.type !== 'dynamic') return 'expects a dynamic value';
      return fromClass<SlotState>((s) => new SchemaAcc(x, s));
    },
  }),
];
