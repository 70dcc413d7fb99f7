/** Evaluating one scalar expression with kqlhunt, for the function tests: `print v = <expr>`. */
import type { Dynamic } from '../../src/engine/values/dynamic.js';
import { parseJsonText, toJsonText } from '../../src/engine/values/dynamic.js';
import type { ScalarType } from '../../src/engine/values/types.js';
import { runQuery } from '../support/query.js';

export interface Evaluated {
  readonly type: ScalarType;
  readonly value: unknown;
}

export async function evaluate(expr: string): Promise<Evaluated> {
  const r = await runQuery(`print v = ${expr}`);
  const column = r.schema[0];
  if (!column || r.rows.length !== 1) throw new Error(`print gave ${r.rows.length} rows`);
  return { type: column.type, value: (r.rows[0] as unknown[])[0] };
}

/** The value of an expression (kqlhunt's representation: long as bigint, datetime as ticks, ...). */
export async function value(expr: string): Promise<unknown> {
  return (await evaluate(expr)).value;
}

/** A dynamic result as plain JSON (boxes become their text), for deepEqual against documented output. */
export async function json(expr: string): Promise<unknown> {
  const v = await value(expr);
  return v === null ? null : parseJsonText(toJsonText(v as Dynamic));
}
