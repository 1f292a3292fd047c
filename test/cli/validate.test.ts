import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runCli } from './run-cli.js';

test('validate lists each valid object', async () => {
  const manifest = [
    'apiVersion: v1\nkind: Pod\nmetadata: {name: one}\nspec: {containers: [{name: c, image: nginx}]}',
    'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: c, image: nginx}]}',
  ].join('\n---\n');
  const result = await runCli(['validate', '-f', '-'], manifest);
  assert.equal(result.code, 0);
  assert.equal(result.stdout, 'pod/one valid\ndeployment.apps/web valid\n');
});

test('validate names the file, line and field', async () => {
  const manifest = 'apiVersion: v1\nkind: Pod\nmetadata: {name: one}\nspec:\n  containers:\n  - name: c\n';
  const result = await runCli(['validate', '-f', '-'], manifest);
  assert.equal(result.code, 1);
  assert.equal(result.stdout, '');
  assert.match(result.stderr, /^error: <stdin>:6:\d+: The Pod "one" is invalid: spec\.containers\[0\]\.image: Required value\n$/);
});

test('validate rejects a misspelled probe key', async () => {
  const result = await runCli(['validate', '-R', '-f', 'test/data/k8s-examples']);
  assert.equal(result.code, 1);
  assert.match(result.stderr, /strict decoding error: unknown field "spec\.containers\[0\]\.livenessProbe\.gRPC"/);
});

test('validate requires -f', async () => {
  const result = await runCli(['validate']);
  assert.equal(result.code, 1);
  assert.match(result.stderr, /missing -f PATH/);
});

test('validate rejects an invalid label value', async () => {
  const manifest = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels: {app: "a b"}\nspec:\n  containers: [{name: c, image: nginx}]\n';
  const result = await runCli(['validate', '-f', '-'], manifest);
  assert.equal(result.code, 1);
  assert.match(
    result.stderr,
    /metadata\.labels: Invalid value: "a b": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '\.', and must start and end with an alphanumeric character \(e\.g\. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '\(\(\[A-Za-z0-9\]\[-A-Za-z0-9_\.\]\*\)\?\[A-Za-z0-9\]\)\?'\)/,
  );
});

test('validate rejects a label value over 63 characters', async () => {
  const value = 'v'.repeat(64);
  const manifest = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels: {app: ${value}}\nspec:\n  containers: [{name: c, image: nginx}]\n`;
  const result = await runCli(['validate', '-f', '-'], manifest);
  assert.equal(result.code, 1);
  assert.match(result.stderr, new RegExp(`metadata\\.labels: Invalid value: "${value}": must be no more than 63 characters`));
});

test('validate points at the bad Timeline step', async () => {
  const manifest = 'apiVersion: podsim.io/v1alpha1\nkind: Timeline\nmetadata: {name: t}\nsteps:\n- {at: 10s, action: scale, deployment: web, replicas: 2}\n- {at: -5s, action: delete, pod: x}\n';
  const result = await runCli(['validate', '-f', '-'], manifest);
  assert.equal(result.code, 1);
  assert.match(result.stderr, /^error: <stdin>:6:\d+: The Timeline "t" is invalid: steps\[1\]\.at: Invalid value: "-5s": invalid duration "-5s"/);
});

test('validate names a Timeline step missing its target', async () => {
  const manifest = 'apiVersion: podsim.io/v1alpha1\nkind: Timeline\nmetadata: {name: t}\nsteps:\n- {at: 10s, action: setCondition, pod: gated, status: "True"}\n';
  const result = await runCli(['validate', '-f', '-'], manifest);
  assert.equal(result.code, 1);
  assert.match(result.stderr, /^error: <stdin>:5:\d+: The Timeline "t" is invalid: steps\[0\]: Required value: action "setCondition" needs "type"\n$/);
});
