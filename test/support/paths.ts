/**
 * Where tests find things: the repository root (found from this file, whatever the build's output folder),
 * and ../shared beside it, which holds the reference material (absent in a clone elsewhere).
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = resolve(dir, '..');
    if (up === dir) throw new Error('package.json not found above the tests');
    dir = up;
  }
  return dir;
}

export const REPO_ROOT = findRoot();
const shared = resolve(REPO_ROOT, '..', 'shared');
/** ../shared, or undefined when this clone has none beside it. */
export const SHARED_DIR: string | undefined = existsSync(shared) ? shared : undefined;

const noticed = new Set<string>();
/** For tests that need ../shared: the skip reason (noticed once on stderr), or false when it is present. */
export function needsShared(what: string): string | false {
  if (SHARED_DIR) return false;
  const reason = `../shared is absent: ${what} skipped`;
  if (!noticed.has(what)) {
    noticed.add(what);
    process.stderr.write(`NOTICE: ${reason}\n`);
  }
  return reason;
}
