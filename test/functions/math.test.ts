/** Math functions: expected values from the real-engine conformance cases (ids) and the docs (pages). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { value } from './scalar.js';

const close = (actual: unknown, expected: number) => {
  assert.equal(typeof actual, 'number');
  const a = actual as number;
  assert.ok(Math.abs(a - expected) <= 1e-12 * Math.max(1, Math.abs(expected)), `${a} != ${expected}`);
};

describe('math functions', () => {
  it('abs keeps the type [abs-function-00]', async () => {
    assert.equal(await value('abs(-5)'), 5n);
    assert.equal(await value('abs(-2.5)'), 2.5);
  });

  it('sign and ceiling [sign-function-00, ceiling-function-00]', async () => {
    assert.equal(await value('sign(-42)'), -1);
    assert.equal(await value('sign(11.2)'), 1);
    assert.equal(await value('ceiling(-1.1)'), -1);
    assert.equal(await value('ceiling(0.9)'), 1);
  });

  it('round rounds half away from zero, also to tens (round-function.md)', async () => {
    close(await value('round(2.98765, 3)'), 2.988);
    close(await value('round(2.15, 1)'), 2.2);
    assert.equal(await value('round(2.15)'), 2);
    assert.equal(await value('round(-50.55, -2)'), -100);
    assert.equal(await value('round(21.5, -1)'), 20);
  });

  it('exp, logs and powers [exp-function-00, exp10-function-00, log*-function-00]', async () => {
    close(await value('exp(2)'), 7.38905609893065);
    close(await value('exp10(2)'), 100);
    close(await value('log(5)'), 1.6094379124341003);
    close(await value('log10(5)'), 0.6989700043360189);
    close(await value('log2(5)'), 2.321928094887362);
    assert.equal(await value('log(0)'), null);
    close(await value('pow(2, 10)'), 1024);
  });

  it('trigonometry [sin/cos/cot/atan2/degrees-function-00]', async () => {
    close(await value('sin(1)'), 0.8414709848078965);
    close(await value('cos(1)'), 0.5403023058681398);
    close(await value('cot(1)'), 0.6420926159343306);
    close(await value('atan2(0, -1)'), Math.PI);
    close(await value('atan2(-1, 0)'), -Math.PI / 2);
    close(await value('degrees(pi()*1.5)'), 270);
  });

  it('gamma, loggamma [gamma-function-00, loggamma-function-00]', async () => {
    close(await value('gamma(5)'), 24);
    close(await value('loggamma(5)'), 3.1780538303479458);
  });

  it('erf and erfc to 1e-12 [erf-function-00, erfc-function-00]', async () => {
    close(await value('erf(1)'), 0.8427007929497149);
    close(await value('erf(-3)'), -0.9999779095030014);
    close(await value('erfc(2)'), 0.004677734981047265);
    close(await value('erfc(3)'), 2.2090496998585438e-5);
  });

  it('the beta distribution [beta-cdf/pdf/inv-function-00]', async () => {
    close(await value('beta_cdf(0.9, 10.0, 20.0)'), 0.9999999999999593);
    assert.ok(Number.isNaN(await value('beta_cdf(1.5, 10.0, 20.0)')));
    close(await value('beta_cdf(0.1, -1.0, 20.0)'), 1);
    close(await value('beta_pdf(0.5, 10.0, 20.0)'), 0.746176019310951);
    assert.ok(Number.isNaN(await value('beta_pdf(0.1, -1.0, 20.0)')));
    close(await value('beta_inv(0.1, 10.0, 20.0)'), 0.22641502238874897);
    assert.equal(await value('beta_inv(1.5, 10.0, 20.0)'), null);
  });

  it('isnan, isfinite [isnan-function-00, isfinite-function-00]', async () => {
    assert.equal(await value('isnan(0.0/0)'), true);
    assert.equal(await value('isfinite(1.0/0)'), false);
    assert.equal(await value('isfinite(1.0)'), true);
  });

  it('max_of and min_of, nulls ignored [max-of-function-00, min-of-function-00]', async () => {
    assert.equal(await value('max_of(10, 1, -3, 17)'), 17n);
    assert.equal(await value('min_of(10, 1, -3, 17)'), -3n);
    assert.equal(await value('max_of(long(null), 4)'), 4n);
  });

  it('bitwise functions [binary-and-function-00, binary-or-function-00]', async () => {
    assert.equal(await value('binary_and(6, 3)'), 2n);
    assert.equal(await value('binary_or(5, 3)'), 7n);
    assert.equal(await value('binary_xor(5, 3)'), 6n);
    assert.equal(await value('binary_shift_left(1, 4)'), 16n);
    assert.equal(await value('bitset_count_ones(255)'), 8n);
  });

  it('around [around-function-00]', async () => {
    assert.equal(await value('around(datetime(2021-01-01 01:31), datetime(2021-01-01 01:30), 1min)'), true);
    assert.equal(await value('around(datetime(2021-01-01 01:32), datetime(2021-01-01 01:30), 1min)'), false);
  });
});

describe('assert', () => {
  it('is true when the condition holds, and fails the query otherwise (assert-function.md)', async () => {
    assert.equal(await value('assert(1 < 2, "fine")'), true);
    await assert.rejects(
      value('assert(1 > 2, "Length must be greater than zero")'),
      /Length must be greater than zero/,
    );
  });
});
