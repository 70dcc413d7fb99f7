/**
 * Errors of the KQL front end, typed by code, with a position in the query text. Tests assert on the code
 * and the position rather than on message wording.
 */
import type { Span } from './ir.js';

export type KqlErrorCode =
  /** The parser found a syntax error. */
  | 'syntax'
  /** The binder rejected the query (unknown name, wrong type, ...). */
  | 'semantic'
  /** Valid KQL that kqlhunt does not (yet) execute. */
  | 'unsupported'
  /** Valid KQL that cannot run offline (a URL, a watchlist): the user must supply the data differently. */
  | 'offline';

export interface LineColumn {
  readonly line: number;
  readonly column: number;
}

export function lineColumnAt(text: string, offset: number): LineColumn {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

export class KqlError extends Error {
  readonly code: KqlErrorCode;
  readonly span: Span | undefined;
  /** The construct the error is about, e.g. `make-series` or `geo_distance_2points()`. */
  readonly construct: string | undefined;
  /** 1-based position in the query text, when known. */
  position: LineColumn | undefined;

  constructor(code: KqlErrorCode, message: string, span?: Span, construct?: string) {
    super(message);
    this.name = 'KqlError';
    this.code = code;
    this.span = span;
    this.construct = construct;
  }

  /** Resolves the span against the query text so the message can say `line:column`. */
  locate(text: string): this {
    if (this.span && !this.position) this.position = lineColumnAt(text, this.span.start);
    return this;
  }

  /** `3:17: unsupported: the make-series operator` */
  describe(): string {
    const where = this.position ? `${this.position.line}:${this.position.column}: ` : '';
    return `${where}${this.message}`;
  }
}

export function unsupported(what: string, span?: Span, hint?: string): KqlError {
  return new KqlError('unsupported', `${what} is not supported${hint ? ` (${hint})` : ''}`, span, what);
}
