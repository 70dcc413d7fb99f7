/**
 * Moments: variance, stdev (sample: n − 1) and their population forms variancep/stdevp, covariance(p), each
 * with an _if form. Computed with Welford's update and Chan's merge, so partial results combine exactly.
 */
import type { Evaluator } from '../functions/registry.js';
import { toReal } from '../values/convert.js';
import type { Row, ScalarType } from '../values/types.js';
import type { Accumulator, AggregateFunction } from './registry.js';
import { aggregate, fromClass } from './registry.js';

/** n, the means of x and y, and the sums of squared / cross deviations. */
type Moments = [n: number, meanX: number, meanY: number, m2X: number, cXY: number];

class MomentsAcc implements Accumulator {
  readonly m: Moments;
  constructor(
    private readonly x: Evaluator,
    private readonly y: Evaluator,
    private readonly pred: Evaluator | undefined,
    private readonly finish: (m: Moments) => number,
    state?: Moments,
  ) {
    this.m = state ? [...state] : [0, 0, 0, 0, 0];
  }
  add(row: Row): void {
    if (this.pred && this.pred(row) !== true) return;
    const x = this.x(row) as number | null;
    const y = this.y(row) as number | null;
    if (x === null || y === null) return;
    const m = this.m;
    const n = m[0] + 1;
    const dx = x - m[1];
    const meanX = m[1] + dx / n;
    const meanY = m[2] + (y - m[2]) / n;
    m[3] += dx * (x - meanX);
    m[4] += dx * (y - meanY);
    m[0] = n;
    m[1] = meanX;
    m[2] = meanY;
  }
  merge(other: Accumulator): void {
    const a = this.m;
    const b = (other as MomentsAcc).m;
    if (b[0] === 0) return;
    if (a[0] === 0) {
      a.splice(0, 5, ...b);
      return;
    }
    const n = a[0] + b[0];
    const dx = b[1] - a[1];
    const dy = b[2] - a[2];
    a[3] += b[3] + (dx * dx * a[0] * b[0]) / n;
    a[4] += b[4] + (dx * dy * a[0] * b[0]) / n;
    a[1] += (dx * b[0]) / n;
    a[2] += (dy * b[0]) / n;
    a[0] = n;
  }
  result(): unknown {
    return this.m[0] === 0 ? 0 : this.finish(this.m);
  }
  state(): unknown {
    return [...this.m];
  }
}

const sampleVariance = (m: Moments) => (m[0] < 2 ? 0 : m[3] / (m[0] - 1));
const populationVariance = (m: Moments) => m[3] / m[0];
const sampleCovariance = (m: Moments) => (m[0] < 2 ? 0 : m[4] / (m[0] - 1));
const populationCovariance = (m: Moments) => m[4] / m[0];

function realOf(type: ScalarType, ev: Evaluator): Evaluator {
  return (row) => toReal(ev(row), type);
}

function moment(name: string, description: string, finish: (m: Moments) => number, conditional: boolean) {
  return aggregate({
    name,
    description,
    bind([a], [x, pred]) {
      if (!a || !x) return 'expects a number';
      const ex = realOf(a.type, x);
      return fromClass<Moments>((s) => new MomentsAcc(ex, ex, conditional ? pred : undefined, finish, s));
    },
  });
}

function covariance(name: string, finish: (m: Moments) => number, conditional: boolean) {
  return aggregate({
    name,
    description: `The ${finish === sampleCovariance ? 'sample' : 'population'} covariance of two numbers${conditional ? ' where the predicate is true' : ''}.`,
    bind([a, b], [x, y, pred]) {
      if (!a || !b || !x || !y) return 'expects two numbers';
      const ex = realOf(a.type, x);
      const ey = realOf(b.type, y);
      return fromClass<Moments>((s) => new MomentsAcc(ex, ey, conditional ? pred : undefined, finish, s));
    },
  });
}

export const statisticsAggregates: readonly AggregateFunction[] = [
  moment('variance', 'The sample variance (n − 1).', sampleVariance, false),
  moment('varianceif', 'The sample variance where the predicate is true.', sampleVariance, true),
  moment('variancep', 'The population variance (n).', populationVariance, false),
  moment('variancepif', 'The population variance where the predicate is true.', populationVariance, true),
  moment('stdev', 'The sample standard deviation (n − 1).', (m) => Math.sqrt(sampleVariance(m)), false),
  moment(
    'stdevif',
    'The sample standard deviation where the predicate is true.',
    (m) => Math.sqrt(sampleVariance(m)),
    true,
  ),
  moment('stdevp', 'The population standard deviation (n).', (m) => Math.sqrt(populationVariance(m)), false),
  moment(
    'stdevpif',
    'The population standard deviation where the predicate is true.',
    (m) => Math.sqrt(populationVariance(m)),
    true,
  ),
  covariance('covariance', sampleCovariance, false),
  covariance('covarianceif', sampleCovariance, true),
  covariance('covariancep', populationCovariance, false),
  covariance('covariancepif', populationCovariance, true),
];
