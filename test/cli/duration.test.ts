import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseDuration } from '../../src/cli/duration.js';

const CASES: Array<[string, number]> = [
  ['0', 0],
  ['0s', 0],
  ['250ms', 250],
  ['90s', 90_000],
  ['1.5s', 1500],
  ['5m', 300_000],
  ['1h30m', 5_400_000],
  ['2h0m10s', 7_210_000],
];

for (const [text, expected] of CASES) {
  test(`parseDuration reads ${text}`, () => {
    assert.equal(parseDuration(text), expected);
  });
}

for (const text of ['', '5', '5x', '1h 30m', 'm5', '-5s']) {
  test(`parseDuration rejects "${text}"`, () => {
    assert.throws(() => parseDuration(text), /invalid duration/);
  });
}
