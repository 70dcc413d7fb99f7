/**
 * RFC 4180 CSV, streamed: quoted fields may hold delimiters, doubled quotes and line breaks; records end at
 * LF or CRLF. Text arrives in chunks; only the record being read is held (up to MAX_RECORD_BYTES).
 */
import { MAX_RECORD_BYTES } from './text-stream.js';

export interface CsvEvents {
  /** One record's fields and the line it starts on (1-based). */
  record(fields: string[], line: number): void;
  /** The input cannot be split further (an unterminated quote running past the record size limit, or to
   * the end of the file). */
  damaged(reason: string, line: number): void;
}

const QUOTE = 34;
const LF = 10;
const CR = 13;

export class CsvScanner {
  /** Text of the record in progress (from its first character). */
  private pending = '';
  private line = 1;
  private stopped = false;
  private readonly delimiter: number;

  constructor(
    private readonly events: CsvEvents,
    delimiter = ',',
  ) {
    this.delimiter = delimiter.charCodeAt(0);
  }

  push(chunk: string): void {
    if (this.stopped) return;
    const text = this.pending + chunk;
    const used = this.records(text, false);
    this.pending = text.slice(used);
    if (this.pending.length > MAX_RECORD_BYTES) {
      this.events.damaged(
        'a record longer than 64 MiB (an unterminated quote?): the rest is not read',
        this.line,
      );
      this.stopped = true;
      this.pending = '';
    }
  }

  end(): void {
    if (this.stopped) return;
    this.stopped = true;
    if (this.pending.length > 0) this.records(this.pending, true);
    this.pending = '';
  }

  /** Emits the complete records of `text`; returns where the incomplete rest starts. */
  private records(text: string, final: boolean): number {
    const n = text.length;
    const d = this.delimiter;
    let start = 0; // the current record's start
    let i = 0;
    let fields: string[] = [];
    let lines = 0; // line breaks inside the current record's quoted fields
    for (;;) {
      // One field starting at i.
      let value: string;
      if (i < n && text.charCodeAt(i) === QUOTE) {
        let parts = '';
        let from = i + 1;
        for (;;) {
          const q = text.indexOf('"', from);
          if (q < 0) {
            if (!final) return start;
            this.events.damaged('the file ends inside a quoted field', this.line);
            return n;
          }
          if (q + 1 < n && text.charCodeAt(q + 1) === QUOTE) {
            parts += text.slice(from, q + 1);
            from = q + 2;
            continue;
          }
          if (q + 1 >= n && !final) return start; // a doubled quote may straddle the chunk end
          parts += text.slice(from, q);
          i = q + 1;
          break;
        }
        for (let p = parts.indexOf('\n'); p >= 0; p = parts.indexOf('\n', p + 1)) lines++;
        value = parts;
        // Anything between the closing quote and the delimiter is kept, as lenient readers do.
        let e = i;
        while (e < n && text.charCodeAt(e) !== d && text.charCodeAt(e) !== LF) e++;
        if (e >= n && !final) return start;
        if (e > i) value += text.slice(i, e).replace(/\r$/, '');
        i = e;
      } else {
        let e = i;
        while (e < n) {
          const c = text.charCodeAt(e);
          if (c === d || c === LF) break;
          e++;
        }
        if (e >= n && !final) return start;
        value = text.slice(
          i,
          e > i && text.charCodeAt(e - 1) === CR && (e >= n || text.charCodeAt(e) === LF) ? e - 1 : e,
        );
        i = e;
      }
      fields.push(value);
      if (i < n && text.charCodeAt(i) === d) {
        i++;
        continue;
      }
      // End of record: LF or end of text.
      const blank = fields.length === 1 && fields[0] === '';
      if (!blank) this.events.record(fields, this.line);
      this.line += lines + (i < n ? 1 : 0);
      lines = 0;
      fields = [];
      if (i >= n) return n;
      i++; // the LF
      start = i;
      if (i >= n) return n;
    }
  }
}

/** The delimiter a header line uses: the one giving the most known column names. */
export function headerDelimiter(header: string, known: (name: string) => boolean): string {
  let best = ',';
  let bestCount = -1;
  for (const d of [',', ';', '\t']) {
    const count = header.split(d).filter((f) => known(f)).length;
    if (count > bestCount) {
      best = d;
      bestCount = count;
    }
  }
  return best;
}
