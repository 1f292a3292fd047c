import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runCli } from './run-cli.js';

const CRASH_LOOP = 'scenarios/crash-loop-backoff.yaml';

test('get pods shows CrashLoopBackOff at 10m', async () => {
  const result = await runCli(['get', 'pods', '-f', CRASH_LOOP, '--at', '10m']);
  assert.equal(result.code, 0);
  assert.equal(result.stderr, '');
  const [header, row] = result.stdout.trimEnd().split('\n');
  assert.match(header, /^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$/);
  const cells = row.split(/\s{3,}/);
  assert.equal(cells[0], 'crasher');
  assert.equal(cells[1], '0/1');
  assert.equal(cells[2], 'CrashLoopBackOff');
  assert.equal(cells[4], '10m');
});

// The container crashes 2 s after each start, and its image pull takes 1-5 s.
// The first crash restarts at the next relist, within 1 s. After that the
// back-off waits 10, 20, 40, 80 and 160 s from each finish. The restart comes
// at the first pod sync past the wait, and syncs are retried every 10-15 s.
// So crash 7 finishes 325-392 s in, the 300 s wait after it runs past 10m,
// and every seed shows restart 6 with its last finish 208-275 s ago.
for (const seed of ['1', '2', '3', '4', '5', '6', '7', '8']) {
  test(`crash loop restart count at 10m with seed ${seed}`, async () => {
    const result = await runCli(['get', 'pods', '-f', CRASH_LOOP, '--at', '10m', '--seed', seed, '--no-headers']);
    const match = /crasher\s+0\/1\s+CrashLoopBackOff\s+6 \((\d)m(?:(\d+)s)? ago\)\s+10m/.exec(result.stdout);
    assert.ok(match, `unexpected row: ${result.stdout}`);
    const agoSeconds = Number(match[1]) * 60 + Number(match[2] ?? 0);
    assert.ok(agoSeconds >= 208, `last restart only ${agoSeconds}s ago`);
    assert.ok(agoSeconds <= 275, `last restart ${agoSeconds}s ago`);
  });
}

test('get pods is the same for the same seed', async () => {
  const first = await runCli(['get', 'pods', '-f', 'scenarios/default', '--at', '7m', '-o', 'json']);
  const second = await runCli(['get', 'pods', '-f', 'scenarios/default', '--at', '7m', '-o', 'json']);
  assert.equal(first.code, 0);
  assert.equal(first.stdout, second.stdout);
});

test('get pods -o json lists complete v1 Pods', async () => {
  const result = await runCli(['get', 'pods', '-f', CRASH_LOOP, '--at', '1m', '-o', 'json']);
  const list = JSON.parse(result.stdout);
  assert.equal(list.kind, 'List');
  const [pod] = list.items;
  assert.equal(pod.kind, 'Pod');
  assert.match(pod.metadata.uid, /^[0-9a-f-]{36}$/);
  assert.equal(pod.metadata.creationTimestamp, '2026-01-01T00:00:00Z');
  assert.equal(pod.spec.terminationGracePeriodSeconds, 30);
  assert.equal(pod.status.qosClass, 'BestEffort');
  assert.equal(pod.status.startTime, '2026-01-01T00:00:00Z');
  assert.equal(pod.status.podIP, '10.244.0.2');
  assert.deepEqual(
    pod.status.conditions.map((condition: { type: string }) => condition.type),
    ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'],
  );
});

test('get pods names a missing pod as kubectl does', async () => {
  const result = await runCli(['get', 'pods', 'nope', '-f', CRASH_LOOP]);
  assert.equal(result.code, 1);
  assert.equal(result.stderr, 'Error from server (NotFound): pods "nope" not found\n');
});

test('get pods in an empty namespace says no resources found', async () => {
  const result = await runCli(['get', 'pods', '-f', CRASH_LOOP, '-n', 'other']);
  assert.equal(result.code, 0);
  assert.equal(result.stdout, '');
  assert.equal(result.stderr, 'No resources found in other namespace.\n');
});

test('get pods reads manifests from stdin', async () => {
  const manifest = 'apiVersion: v1\nkind: Pod\nmetadata: {name: one}\nspec:\n  containers: [{name: c, image: nginx:1.27}]\n';
  const result = await runCli(['get', 'pods', '-f', '-', '--at', '1m', '--no-headers'], manifest);
  assert.equal(result.code, 0);
  assert.match(result.stdout, /^one\s+1\/1\s+Running\s+0\s+60s\n$/);
});

// The API server lists restartPolicy values in declaration order, unsorted, as
// a v1.30 error report shows: "Always", "OnFailure", "Never".
test('get pods reports a field error with file and line', async () => {
  const manifest = 'apiVersion: v1\nkind: Pod\nmetadata: {name: bad}\nspec:\n  restartPolicy: Sometimes\n  containers: [{name: c, image: nginx}]\n';
  const result = await runCli(['get', 'pods', '-f', '-'], manifest);
  assert.equal(result.code, 1);
  assert.equal(result.stdout, '');
  assert.match(result.stderr, /<stdin>:5:\d+: .*spec\.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"/);
});

test('get pods rejects an unknown output format', async () => {
  const result = await runCli(['get', 'pods', '-f', CRASH_LOOP, '-o', 'toml']);
  assert.equal(result.code, 1);
  assert.match(result.stderr, /unable to match a printer suitable for the output format "toml"/);
});

test('get pods -w --speed max streams row changes until --at', async () => {
  const result = await runCli(['get', 'pods', '-f', CRASH_LOOP, '-w', '--speed', 'max', '--at', '2m', '--no-headers']);
  assert.equal(result.code, 0);
  const statuses = result.stdout.trimEnd().split('\n').map((line) => line.split(/\s{3,}/)[2]);
  assert.equal(statuses[0], 'ContainerCreating');
  assert.ok(statuses.includes('Running'));
  assert.ok(statuses.includes('Error'));
  assert.ok(statuses.includes('CrashLoopBackOff'));
});

test('get pods shows the rest when one object is rejected', async () => {
  const manifest = [
    'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: locked\n  labels: {pod-security.kubernetes.io/enforce: baseline}',
    'apiVersion: v1\nkind: Pod\nmetadata: {name: root, namespace: locked}\nspec:\n  containers: [{name: c, image: busybox, securityContext: {privileged: true}}]',
    'apiVersion: v1\nkind: Pod\nmetadata: {name: fine, namespace: locked}\nspec:\n  containers: [{name: c, image: nginx:1.27}]',
  ].join('\n---\n');
  const result = await runCli(['get', 'pods', '-n', 'locked', '-f', '-', '--at', '1m', '--no-headers'], manifest);
  assert.equal(result.code, 1);
  assert.match(result.stderr, /pods "root" is forbidden: violates PodSecurity "baseline:latest"/);
  assert.match(result.stdout, /^fine\s+1\/1\s+Running\s+0\s+60s\n$/);
});

test('get pods reports an unresolved YAML alias with its file', async () => {
  const result = await runCli(['get', 'pods', '-f', '-'], '*missing\n');
  assert.equal(result.code, 1);
  assert.equal(result.stdout, '');
  assert.match(result.stderr, /^error: <stdin>:1:1: invalid YAML: Unresolved alias/);
});

test('get pods runs a pod with more than 16 containers', async () => {
  const containers = Array.from({ length: 20 }, (_, index) => `{name: c${index}, image: busybox, command: [sleep, "3600"]}`).join(', ');
  const manifest = `apiVersion: v1\nkind: Pod\nmetadata: {name: many}\nspec:\n  containers: [${containers}]\n`;
  const result = await runCli(['get', 'pods', '-f', '-', '--at', '30s', '--no-headers'], manifest);
  assert.equal(result.code, 0);
  assert.match(result.stdout, /^many\s+20\/20\s+Running\s+0\s+30s\n$/);
});

test('nc -z waits for a Service with ready endpoints', async () => {
  const before = await runCli(['get', 'pods', 'waiter', '-f', 'test/cli/data/nc-wait.yaml', '--at', '25s', '--no-headers']);
  assert.match(before.stdout, /^waiter\s+0\/1\s+Init:0\/1\s/);
  const after = await runCli(['get', 'pods', 'waiter', '-f', 'test/cli/data/nc-wait.yaml', '--at', '40s', '--no-headers']);
  assert.match(after.stdout, /^waiter\s+1\/1\s+Running\s/);
});
