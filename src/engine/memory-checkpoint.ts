/**
 * Operators that hold rows or groups (sort, summarize, a join's build side, the parallel merge) call
 * memoryCheckpoint() as they take them in. The program running the engine may install a check there: the CLI
 * stops a query that outgrows the heap (cli/heap-guard.ts), which it cannot do from its garbage-collection
 * observer while one long synchronous step (a summarize pouring its groups into a sort) holds the thread.
 * Calls are only counted here; the check runs once every CHECK_EVERY of them.
 */
const CHECK_EVERY = 1 << 14;

let check: (() => void) | undefined;
let calls = 0;

/** Installs (or, with undefined, removes) the check. */
export function setMemoryCheck(fn: (() => void) | undefined): void {
  check = fn;
  calls = 0;
}

export function memoryCheckpoint(): void {
  if (check !== undefined && (++calls & (CHECK_EVERY - 1)) === 0) check();
}
