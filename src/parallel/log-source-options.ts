/** Parallel scans of a LogSource's files: which files can be split, and where worker findings are recorded. */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import type { LogSource } from '../sources/log-source.js';
import { AUDIT_LOGS } from '../tables/auditlogs.js';
import type { PartitionableFile } from './partition.js';
import { LINE_FORMAT } from './partition.js';
import type { ParallelOptions } from './run.js';

function isGzip(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const b = Buffer.alloc(2);
    return readSync(fd, b, 0, 2, 0) === 2 && b[0] === 0x1f && b[1] === 0x8b;
  } finally {
    closeSync(fd);
  }
}

export function parallelOptionsFor(
  source: LogSource,
  threads: number,
  onFallback?: (reason: string) => void,
): ParallelOptions {
  let files: PartitionableFile[] | undefined;
  return {
    threads,
    strict: source.problems.strict,
    files(table) {
      if (table !== AUDIT_LOGS.name || source.files.length === 0) return undefined;
      files ??= source.files.map((f) => ({
        path: f.path,
        format: f.format.name,
        size: statSync(f.path).size,
        splittable: f.format.name === LINE_FORMAT && !isGzip(f.path),
      }));
      return files;
    },
    onProblem(severity, problem) {
      if (severity === 'skip') source.problems.skip(problem);
      else if (severity === 'damaged') source.problems.damaged(problem);
      else source.problems.warn(problem);
    },
    onRecords(records, duplicates) {
      source.stats.scans++;
      source.stats.rows = Math.max(source.stats.rows, records);
      source.stats.duplicates = Math.max(source.stats.duplicates, duplicates);
    },
    ...(onFallback ? { onFallback } : {}),
  };
}
