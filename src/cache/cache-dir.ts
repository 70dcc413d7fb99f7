/** Where kqlhunt keeps its caches (the parser's compiled code, translated plans): beside the user's others. */
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';

export function cacheDir(): string {
  const base =
    process.env.KQLHUNT_CACHE_DIR ?? process.env.XDG_CACHE_HOME ?? join(homedir() || tmpdir(), '.cache');
  return join(base, 'kqlhunt');
}

/** KQLHUNT_NO_CACHE=1 turns every cache off (KQLHUNT_NO_CODE_CACHE=1, the older name, too). */
export function cachesDisabled(): boolean {
  return process.env.KQLHUNT_NO_CACHE === '1' || process.env.KQLHUNT_NO_CODE_CACHE === '1';
}
