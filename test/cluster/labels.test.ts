import assert from 'node:assert/strict';
import { test } from 'node:test';
import { matchesSelector, parseSelector } from '../../src/cluster/labels.js';

const LABELS = { app: 'web', tier: 'frontend', track: 'stable' };

const CASES: Array<[string, boolean]> = [
  ['', true],
  ['app=web', true],
  ['app==web', true],
  ['app=db', false],
  ['app!=db', true],
  ['app!=web', false],
  ['missing!=x', true],
  ['tier in (frontend,backend)', true],
  ['tier in (backend)', false],
  ['tier notin (backend)', true],
  ['tier notin (frontend, backend)', false],
  ['app', true],
  ['missing', false],
  ['!missing', true],
  ['!app', false],
  ['app=web,tier in (frontend),!legacy', true],
  ['app=web,track=canary', false],
];

for (const [selector, expected] of CASES) {
  test(`selector "${selector}" ${expected ? 'matches' : 'does not match'}`, () => {
    assert.equal(matchesSelector(parseSelector(selector), LABELS), expected);
  });
}

test('selector rejects a malformed requirement', () => {
  assert.throws(() => parseSelector('app=web,(x'), /unable to parse requirement/);
});
