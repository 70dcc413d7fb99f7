/** One read serving several scans of a table: what the union of their requests asks of the source. */
import type { ScanPrefilter, ScanRequest } from '../engine/execute.js';
import type { PathTree } from '../engine/plan/dynamic-paths.js';
import { mergePathTrees } from '../engine/plan/dynamic-paths.js';

export function mergeScanRequests(requests: readonly ScanRequest[]): ScanRequest {
  const first = requests[0];
  if (!first) throw new Error('internal: no scan request to merge');
  if (requests.length === 1) return first;
  const width = first.schema.length;
  const columns = Array.from({ length: width }, (_, i) => requests.some((r) => r.columns[i] === true));
  // A row may be skipped only when every scan would skip it.
  let prefilter: ScanPrefilter | undefined;
  if (requests.every((r) => r.prefilter)) {
    const tests = requests.map((r) => (r.prefilter as ScanPrefilter).test);
    prefilter = {
      columns: Array.from({ length: width }, (_, i) =>
        requests.some((r) => r.prefilter?.columns[i] === true),
      ),
      test: (row) => tests.some((t) => t(row)),
    };
    const partials = requests.map((r) => r.prefilter?.partial);
    if (partials.every((p) => p !== undefined)) {
      // Any-of in three-valued logic: one scan keeping the row keeps it; undefined unless all are decided.
      prefilter = {
        ...prefilter,
        partial: (row, known) => {
          let unknown = false;
          for (const p of partials) {
            const v = p(row, known);
            if (v === true) return true;
            if (v === undefined) unknown = true;
          }
          return unknown ? undefined : false;
        },
      };
    }
  }
  // A dynamic column keeps a path selection only if every scan reading it has one.
  const paths = new Map<number, PathTree>();
  for (let i = 0; i < width; i++) {
    const readers = requests.filter((r) => r.columns[i] || r.prefilter?.columns[i]);
    if (readers.length === 0 || !readers.every((r) => r.paths?.has(i))) continue;
    let tree: PathTree | undefined;
    for (const r of readers) tree = mergePathTrees(tree, r.paths?.get(i) as PathTree);
    if (tree) paths.set(i, tree);
  }
  return {
    table: first.table,
    schema: first.schema,
    columns,
    ...(prefilter ? { prefilter } : {}),
    ...(paths.size > 0 ? { paths } : {}),
  };
}
