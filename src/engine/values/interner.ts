/**
 * Sharing equal strings that a table keeps many copies of. A group-by key such as an operation or an app name
 * takes a few distinct values over millions of rows, yet every parsed row brings its own copy: a group keeps
 * the shared one instead. A column with many distinct values (user names) gains nothing from sharing, so the
 * interner stops adding once it holds `limit` strings.
 */
export class StringInterner {
  private readonly strings = new Map<string, string>();

  constructor(private readonly limit = 65_536) {}

  intern(s: string): string {
    const shared = this.strings.get(s);
    if (shared !== undefined) return shared;
    if (this.strings.size < this.limit) this.strings.set(s, s);
    return s;
  }
}
