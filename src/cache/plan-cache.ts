/**
 * Translated plans, cached on disk by query text: starting the official parser and binding a query costs more
 * than half a second, often more than running the hunt. The key covers the query text, the table schemas,
 * and the code that translates (a fingerprint of kqlhunt's front-end files and the parser's version), so a
 * changed query or a new kqlhunt never meets a stale plan. Only successful translations are cached; at most
 * MAX_ENTRIES plans are kept (the least recently used go first).
 */
import { createHash } from 'node:crypto';
import {
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DynamicBox, DynDateTime, DynGuid, DynTimespan } from '../engine/values/dynamic.js';
import type { CompiledQuery } from '../kql/analyze.js';
import type { TableSchema } from '../tables/table-schema.js';
import { cacheDir, cachesDisabled } from './cache-dir.js';

const FORMAT = 1;
const MAX_ENTRIES = 500;
const TAG = '\u0000kqlhunt';

let fingerprint: string | undefined;

/** Sizes and times of the files that decide a translation: dist/src/kql, dist/src/tables, the parser. */
function codeFingerprint(): string {
  if (fingerprint) return fingerprint;
  const h = createHash('sha256');
  const src = dirname(dirname(fileURLToPath(import.meta.url)));
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      const st = statSync(p);
      if (st.isDirectory()) walk(p);
      else if (name.endsWith('.js')) h.update(`${p}\0${st.size}\0${st.mtimeMs}\n`);
    }
  };
  walk(join(src, 'kql'));
  walk(join(src, 'tables'));
  const require = createRequire(import.meta.url);
  const parser = require('@kusto/language-service-next/package.json') as { version: string };
  h.update(`parser ${parser.version} node ${process.version}`);
  fingerprint = h.digest('hex');
  return fingerprint;
}

function keyOf(text: string, tables: readonly TableSchema[]): string {
  const schema = tables
    .map((t) => `${t.name}(${t.columns.map((c) => `${c.name}:${c.type}`).join(',')})`)
    .join(';');
  return createHash('sha256').update(`${FORMAT}\0${codeFingerprint()}\0${schema}\0${text}`).digest('hex');
}

/** JSON.stringify replacer; boxes are read from the holder (`this`), since their toJSON() runs first. */
function encode(this: Record<string, unknown>, key: string, value: unknown): unknown {
  const v = this[key] instanceof DynamicBox ? this[key] : value;
  if (typeof v === 'bigint') return { [TAG]: 'bigint', v: v.toString() };
  if (typeof v === 'number' && (!Number.isFinite(v) || Object.is(v, -0))) {
    return { [TAG]: 'number', v: Object.is(v, -0) ? '-0' : String(v) };
  }
  if (v instanceof DynamicBox) {
    if (v instanceof DynDateTime) return { [TAG]: 'datetime', v: v.ticks.toString() };
    if (v instanceof DynTimespan) return { [TAG]: 'timespan', v: v.ticks.toString() };
    return { [TAG]: 'guid', v: (v as DynGuid).text };
  }
  return v;
}

function decode(_key: string, v: unknown): unknown {
  if (v === null || typeof v !== 'object' || !Object.hasOwn(v, TAG)) return v;
  const { [TAG]: tag, v: text } = v as { [TAG]: string; v: string };
  switch (tag) {
    case 'bigint':
      return BigInt(text);
    case 'number':
      return Number(text);
    case 'datetime':
      return new DynDateTime(BigInt(text));
    case 'timespan':
      return new DynTimespan(BigInt(text));
    default:
      return new DynGuid(text);
  }
}

function plansDir(): string {
  return join(cacheDir(), 'plans');
}

function prune(dir: string): void {
  const entries = readdirSync(dir).filter((n) => n.endsWith('.json'));
  if (entries.length <= MAX_ENTRIES) return;
  const byAge = entries
    .map((n) => ({ n, t: statSync(join(dir, n)).mtimeMs }))
    .sort((a, b) => a.t - b.t)
    .slice(0, entries.length - MAX_ENTRIES);
  for (const e of byAge) unlinkSync(join(dir, e.n));
}

/** The compiled query from the cache, or from `compile` (and then cached). */
export function cachedCompile(
  text: string,
  tables: readonly TableSchema[],
  compile: () => CompiledQuery,
): CompiledQuery {
  if (cachesDisabled()) return compile();
  let file: string | undefined;
  try {
    file = join(plansDir(), `${keyOf(text, tables)}.json`);
    const stored = JSON.parse(readFileSync(file, 'utf8'), decode) as CompiledQuery;
    if (stored.text === text) {
      const now = new Date();
      utimesSync(file, now, now); // recently used
      return stored;
    }
  } catch {
    // Not cached yet (or unreadable): translate.
  }
  const compiled = compile();
  if (file) {
    try {
      mkdirSync(plansDir(), { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify(compiled, encode));
      renameSync(tmp, file);
      prune(plansDir());
    } catch {
      // A read-only cache folder only means no cache.
    }
  }
  return compiled;
}
