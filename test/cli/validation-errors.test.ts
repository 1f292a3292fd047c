import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runCli } from './run-cli.js';

/** Builds a Deployment manifest from YAML lines for its selector and its container's resources. */
function deployment(selectorLines: string[], resourceLines: string[] = []): string {
  return [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata: {name: web}',
    'spec:',
    ...selectorLines,
    '  template:',
    '    metadata: {labels: {app: web}}',
    '    spec:',
    '      containers:',
    '      - name: app',
    '        image: nginx',
    ...resourceLines,
    '',
  ].join('\n');
}

const badCpu = deployment(['  selector: {matchLabels: {app: web}}'], ['        resources:', '          requests: {cpu: 2x}']);
const maybeSelector = deployment(['  selector:', '    matchExpressions: [{key: app, operator: Maybe, values: [web]}]']);

for (const command of [['validate'], ['get', 'pods', '--at', '10s'], ['get', 'deploy', '--at', '10s']]) {
  test(`${command.join(' ')} rejects bad cpu quantity`, async () => {
    const result = await runCli([...command, '-f', '-'], badCpu);
    assert.equal(result.code, 1);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, /^error: <stdin>:13:\d+: Deployment in version "v1" cannot be handled as a Deployment: quantities must match/);
    assert.doesNotMatch(result.stderr, /\n\s+at /);
  });

  test(`${command.join(' ')} rejects selector operator Maybe`, async () => {
    const result = await runCli([...command, '-f', '-'], maybeSelector);
    assert.equal(result.code, 1);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, /^error: <stdin>:6:\d+: The Deployment "web" is invalid: \[spec\.selector\.matchExpressions\[0\]\.operator: Invalid value: "Maybe": not a valid selector operator, /);
    assert.doesNotMatch(result.stderr, /\n\s+at /);
  });
}
