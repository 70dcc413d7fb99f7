import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hasTerm, toLowerInvariant } from '../../src/engine/values/text.js';

describe('has term matching', () => {
  // datatypes-string-operators.md: "North America" has "america", !has "amer".
  it('matches whole terms only', () => {
    assert.equal(hasTerm('north america', 'america'), true);
    assert.equal(hasTerm('north america', 'amer'), false);
    assert.equal(hasTerm('["extdeviceostypehint"]', 'deviceostype'), false);
    assert.equal(hasTerm('["deviceostype","x"]', 'deviceostype'), true);
  });
  it('keeps lengths when lowering', () => {
    assert.equal(toLowerInvariant('\u0130X').length, 2);
  });
});
