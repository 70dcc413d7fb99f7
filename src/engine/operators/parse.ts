/**
 * `parse` / `parse-where`: one regex match per row (RE2: linear in the text, whatever the pattern), the
 * captures converted to their column types. An unmatched row — or, outside kind=relaxed, one whose capture
 * does not convert — gets empty captures (parse) or is dropped (parse-where).
 */
import type { ParseCapture } from '../../kql/ir.js';
import type { KustoRegex } from '../functions/regex-engine.js';
import type { Evaluator } from '../functions/registry.js';
import { convert, parseDynamicText } from '../values/convert.js';
import type { Row } from '../values/types.js';
import { nullOf } from '../values/types.js';
import type { RowSink } from './sink.js';

interface CompiledCapture {
  readonly outputIndex: number;
  readonly group: number;
  readonly convert: (text: string) => unknown;
  readonly lenient: boolean;
  /** Text that does not convert to the type fails the match (a string or dynamic always converts). */
  readonly canFail: boolean;
  readonly empty: unknown;
}

export class ParseOperator implements RowSink {
  private readonly captures: readonly CompiledCapture[];

  constructor(
    private readonly source: Evaluator,
    private readonly regex: KustoRegex,
    captures: readonly ParseCapture[],
    private readonly passthrough: readonly number[],
    private readonly dropUnmatched: boolean,
    private readonly out: RowSink,
  ) {
    this.captures = captures.map((c) => {
      const group = regex.groupNames.get(c.group);
      if (group === undefined) throw new Error(`internal: parse group ${c.group} missing from its regex`);
      return {
        outputIndex: c.outputIndex,
        group,
        lenient: c.lenient,
        canFail: c.type !== 'string' && c.type !== 'dynamic',
        empty: nullOf(c.type),
        convert:
          c.type === 'string'
            ? (s: string) => s
            : c.type === 'dynamic'
              ? (s: string) => (s === '' ? null : parseDynamicText(s))
              : (s: string) => convert(s, 'string', c.type),
      };
    });
  }

  push(row: Row): void {
    const p = this.passthrough;
    const next = new Array(p.length);
    for (let i = 0; i < p.length; i++) {
      const from = p[i] as number;
      if (from >= 0) next[i] = row[from];
    }
    const text = this.source(row) as string;
    const m = this.regex.exec(text);
    let matched = m !== null;
    if (m) {
      for (const c of this.captures) {
        const v = c.convert(m.group(c.group) ?? '');
        if (v === null && c.canFail && !c.lenient) {
          matched = false;
          break;
        }
        next[c.outputIndex] = v ?? c.empty;
      }
    }
    if (!matched) {
      if (this.dropUnmatched) return;
      for (const c of this.captures) next[c.outputIndex] = c.empty;
    }
    this.out.push(next);
  }

  end(): void {
    this.out.end();
  }
}
