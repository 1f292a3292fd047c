import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseShell, ShellSyntaxError, tokenize } from '../../src/behavior/shell.js';

describe('shell tokenizer', () => {
  test('quotes and operators', () => {
    const tokens = tokenize(`echo "a b" 'c;d' && sleep 1; x=1 y || z`).map((t) => t.value);
    assert.deepEqual(tokens, ['echo', 'a b', 'c;d', '&&', 'sleep', '1', ';', 'x=1', 'y', '||', 'z']);
  });
  test('command substitution kept whole', () => {
    assert.deepEqual(tokenize('nslookup a.$(cat /x).svc').map((t) => t.value), ['nslookup', 'a.$(cat /x).svc']);
  });
  test('bash array assignment kept whole', () => {
    assert.deepEqual(tokenize('items=(foo bar)\necho').map((t) => t.value), ['items=(foo bar)', '\n', 'echo']);
  });
});

describe('shell parser', () => {
  test('while loop', () => {
    const script = parseShell('while true; do sleep 1; done');
    assert.equal(script[0]!.first.commands[0]!.type, 'loop');
  });
  test('background and redirect', () => {
    const script = parseShell('sleep 5 > /dev/null &\nwait');
    assert.equal(script[0]!.background, true);
    assert.equal(script.length, 2);
  });
  test('unterminated quote rejected', () => {
    assert.throws(() => parseShell('echo "oops'), ShellSyntaxError);
  });
  test('missing done rejected', () => {
    assert.throws(() => parseShell('while true; do sleep 1'), ShellSyntaxError);
  });
});
