/**
 * What kqlhunt's hll() and tdigest() return. Kusto's sketches are opaque dynamic values that only its own
 * functions read (dcount_hll, hll_merge, percentile_tdigest, rank_tdigest, tdigest_merge); kqlhunt's are
 * exact instead of estimates, which the 2% tolerance for estimates admits:
 *   hll:     {"kqlhunt_hll": [key, ...]}            the distinct values' keys
 *   tdigest: {"kqlhunt_tdigest": [[value, weight], ...]}   every value with its weight
 */
import { compareDynamic } from '../values/compare.js';
import type { Dynamic, DynamicBag } from '../values/dynamic.js';
import { isBag } from '../values/dynamic.js';

const HLL = 'kqlhunt_hll';
const TDIGEST = 'kqlhunt_tdigest';

export function hllValue(keys: Iterable<string>): DynamicBag {
  return { [HLL]: [...keys] };
}

/** The distinct keys of an hll() value, or null when the value is not one. */
export function hllKeys(v: Dynamic): string[] | null {
  if (!isBag(v)) return null;
  const keys = v[HLL];
  return Array.isArray(keys) ? (keys as string[]) : null;
}

export type WeightedValues = [Dynamic, number][];

export function tdigestValue(items: WeightedValues): DynamicBag {
  return { [TDIGEST]: items.map(([v, w]) => [v, w]) };
}

/** The values of a tdigest() value, or null when the value is not one. */
export function tdigestItems(v: Dynamic): WeightedValues | null {
  if (!isBag(v)) return null;
  const items = v[TDIGEST];
  return Array.isArray(items) ? (items as [Dynamic, number][]) : null;
}

/** The weighted values in order, for percentiles and ranks. */
export function sortedItems(items: WeightedValues): WeightedValues {
  return [...items].sort((a, b) => compareDynamic(a[0], b[0]));
}
