/** Parallel scans of a LogSource's files: which files can be split, and where worker findings are recorded. */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import type { LogSource } from '../sources/log-source.js';
import { isUtf16, startsAsGzip } from '../sources/text-stream.js';
import { AUDIT_LOGS } from '../tables/auditlogs.js';
import type { PartitionableFile } from './partition.js';
import { LINE_FORMAT } from './partition.js';
import type { ParallelOptions } from './run.js';

/** Byte ranges of a file are lines of text only when it is plain UTF-8: not gzip, not UTF-16. */
function isPlainUtf8(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const b = Buffer.alloc(4);
    const n = readSync(fd, b, 0, 4, 0);
    const head = b.subarray(0, n);
    return !startsAsGzip(head) && !isUtf16(head);
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
        splittable: f.format.name === LINE_FORMAT && isPlainUtf8(f.path),
      }));
      return files;
    },
    onProblem(severity, problem) {
      if (severity === 'skip') source.problems.skip(problem);
      else if (severity === 'damaged') source.problems.damaged(problem);
      else source.problems.warn(problem);
    },
    onRecords(records, duplicates) {
      source.recordScan(AUDIT_LOGS.name, records, duplicates); // threads read AuditLogs only (see files)
    },
    ...(onFallback ? { onFallback } : {}),
  };
}
