/**
 * Runs a classic (non-module) script in this context with V8's code cache, so the parser's ~5 MB bundle is
 * compiled once per machine rather than on every start. Node 20 has no built-in compile cache for this case.
 * The cache lives beside the user's other caches; a missing or stale cache only costs the compile time.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Script } from 'node:vm';
import { cacheDir, cachesDisabled } from '../cache/cache-dir.js';

export function loadScriptCached(path: string): void {
  const source = readFileSync(path, 'utf8');
  const st = statSync(path);
  const id = createHash('sha1')
    .update(`${path}\0${st.size}\0${st.mtimeMs}\0${process.version}\0${process.arch}`)
    .digest('hex')
    .slice(0, 16);
  const cacheFile = join(cacheDir(), `${id}.v8cache`);
  let cachedData: Buffer | undefined;
  if (!cachesDisabled()) {
    try {
      cachedData = readFileSync(cacheFile);
    } catch {
      cachedData = undefined;
    }
  }
  const script = new Script(source, { filename: path, ...(cachedData ? { cachedData } : {}) });
  script.runInThisContext();
  if (cachesDisabled()) return;
  if (!cachedData || script.cachedDataRejected) {
    // Written after the run so the cache includes the functions compiled while initialising.
    try {
      const data = script.createCachedData();
      mkdirSync(cacheDir(), { recursive: true });
      const tmp = `${cacheFile}.${process.pid}.tmp`;
      writeFileSync(tmp, data);
      renameSync(tmp, cacheFile);
    } catch {
      // A read-only home only means no cache.
    }
  }
}
