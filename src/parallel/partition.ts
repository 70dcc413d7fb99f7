/**
 * Splits a table's files into one contiguous share per worker, by bytes. Shares are contiguous and in input
 * order, so merging the workers' results in worker order gives exactly what one thread would have produced.
 * Plain line-oriented files are cut at byte offsets (a range owns the lines that start in it); other files
 * (gzip, whole-document formats) go whole to one share.
 */
import type { ScanPartition } from './protocol.js';

/** The format whose files can be read by byte range (one record per line). */
export const LINE_FORMAT = 'log-analytics-jsonl';

export interface PartitionableFile {
  readonly path: string;
  readonly format: string;
  readonly size: number;
  /** True when byte ranges of the file can be read on their own (plain, line-oriented). */
  readonly splittable: boolean;
}

export function partitionFiles(files: readonly PartitionableFile[], workers: number): ScanPartition[][] {
  const shares: ScanPartition[][] = Array.from({ length: Math.max(1, workers) }, () => []);
  const total = files.reduce((a, f) => a + f.size, 0);
  if (total === 0) {
    for (const f of files)
      shares[0]?.push({ path: f.path, format: f.format, from: 0, to: Number.POSITIVE_INFINITY });
    return shares;
  }
  const target = total / shares.length;
  let share = 0;
  let filled = 0; // bytes in the current share
  for (const f of files) {
    if (!f.splittable) {
      shares[share]?.push({ path: f.path, format: f.format, from: 0, to: Number.POSITIVE_INFINITY });
      filled += f.size;
      while (filled >= target && share < shares.length - 1) {
        filled -= target;
        share++;
      }
      continue;
    }
    let from = 0;
    while (from < f.size) {
      const room =
        share === shares.length - 1 ? Number.POSITIVE_INFINITY : Math.max(1, Math.round(target - filled));
      const to = Math.min(f.size, from + room);
      shares[share]?.push({
        path: f.path,
        format: f.format,
        from,
        to: to >= f.size ? Number.POSITIVE_INFINITY : to,
      });
      filled += to - from;
      from = to;
      if (filled >= target - 0.5 && share < shares.length - 1) {
        share++;
        filled = 0;
      }
    }
  }
  return shares;
}
