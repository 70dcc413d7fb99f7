/**
 * The JSONPath subset Kusto's functions take (extract_json, bag_has_key, bag_set_key, bag_remove_keys):
 * `$`, `.name`, `['name']` / `["name"]`, `[index]` (negative counts from the end).
 */
import type { Dynamic, DynamicBag } from '../values/dynamic.js';
import { getElement, getMember, isBag } from '../values/dynamic.js';

export type PathStep = string | number;

/** The steps of a path (`$.a[0]['b c']`), or null when it is not one this subset knows. */
export function parseJsonPath(path: string): PathStep[] | null {
  const s = path.trim();
  if (!s.startsWith('$')) return null;
  const steps: PathStep[] = [];
  let i = 1;
  while (i < s.length) {
    const c = s[i];
    if (c === '.') {
      let j = i + 1;
      while (j < s.length && s[j] !== '.' && s[j] !== '[') j++;
      const name = s.slice(i + 1, j);
      if (name === '' || name === '*') return null;
      steps.push(name);
      i = j;
    } else if (c === '[') {
      const close = s.indexOf(']', i);
      if (close < 0) return null;
      const inner = s.slice(i + 1, close).trim();
      const quoted = /^'(.*)'$|^"(.*)"$/.exec(inner);
      if (quoted) steps.push(quoted[1] ?? quoted[2] ?? '');
      else if (/^-?\d+$/.test(inner)) steps.push(Number(inner));
      else return null;
      i = close + 1;
    } else {
      return null;
    }
  }
  return steps;
}

/** The value at the path, or undefined when a step does not exist. */
export function valueAtPath(v: Dynamic, steps: readonly PathStep[]): Dynamic | undefined {
  let cur: Dynamic = v;
  for (const step of steps) {
    if (typeof step === 'number') {
      if (!Array.isArray(cur)) return undefined;
      const n = step < 0 ? cur.length + step : step;
      if (n < 0 || n >= cur.length) return undefined;
      cur = getElement(cur, step);
    } else {
      if (!isBag(cur) || !Object.hasOwn(cur, step)) return undefined;
      cur = getMember(cur, step);
    }
  }
  return cur;
}

function setOwn(bag: DynamicBag, key: string, value: Dynamic): void {
  Object.defineProperty(bag, key, { value, enumerable: true, writable: true, configurable: true });
}

/** A copy of the bag with the key path set to value (intermediate bags created); null if it cannot be. */
export function withPath(v: Dynamic, steps: readonly PathStep[], value: Dynamic): Dynamic {
  if (steps.length === 0) return value;
  const [step, ...rest] = steps;
  if (typeof step !== 'string' || !isBag(v)) return null;
  const copy: DynamicBag = { ...v };
  const inner = Object.hasOwn(v, step) ? (v[step] ?? null) : {};
  const next = rest.length === 0 ? value : withPath(isBag(inner) ? inner : {}, rest, value);
  if (next === null && rest.length > 0) return null;
  setOwn(copy, step, next);
  return copy;
}

/** A copy of the bag without the key path (unchanged when the path does not exist). */
export function withoutPath(v: Dynamic, steps: readonly PathStep[]): Dynamic {
  const [step, ...rest] = steps;
  if (typeof step !== 'string' || !isBag(v) || !Object.hasOwn(v, step)) return v;
  const copy: DynamicBag = { ...v };
  if (rest.length === 0) delete copy[step];
  else setOwn(copy, step, withoutPath(v[step] ?? null, rest));
  return copy;
}

/** A bag key given to the bag_* functions: a JSONPath when it starts with `$`, else one plain key. */
export function keyPath(key: string): PathStep[] | null {
  return key.startsWith('$') ? parseJsonPath(key) : [key];
}
