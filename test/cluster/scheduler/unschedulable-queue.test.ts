import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Pod } from '../../../src/api/v1.js';
import { makeCluster, parseYaml, runUntil } from '../harness.js';

const pod = (name: string) => `apiVersion: v1\nkind: Pod\nmetadata: {name: ${name}}\nspec: {containers: [{name: c, image: x}]}`;

test('pending pod binds after a pod leaves', () => {
  const { plane } = makeCluster({ settings: { nodes: { count: 2, pods: 1 } }, timing: { startMs: 1000, readyMs: 2000, runMs: 1e9, stopMs: 1000 } });
  plane.apply(parseYaml([pod('a'), pod('b'), pod('c')].join('\n---\n')));
  runUntil(plane, 5000);
  const waiting = () => plane.store.get<Pod>('Pod', 'default', 'c')!;
  assert.equal(waiting().spec.nodeName, undefined);
  assert.equal(plane.events().filter((event) => event.reason === 'FailedScheduling').length, 1);
  assert.match(plane.events().find((event) => event.reason === 'FailedScheduling')!.message, /^0\/2 nodes are available: 2 Too many pods\./);
  plane.delete('Pod', 'default', 'a', { gracePeriodSeconds: 0, force: true });
  plane.reconcile(plane.nowMs + 100);
  assert.equal(waiting().spec.nodeName, 'node-1');
});

test('pending pod binds after a node joins', () => {
  const { plane } = makeCluster({ settings: { nodes: { count: 2, pods: 1 } }, timing: { startMs: 1000, readyMs: 2000, runMs: 1e9, stopMs: 1000 } });
  plane.apply(parseYaml([pod('a'), pod('b'), pod('c')].join('\n---\n')));
  runUntil(plane, 5000);
  plane.apply(parseYaml('apiVersion: v1\nkind: Node\nmetadata: {name: extra}'));
  runUntil(plane, 7000);
  assert.equal(plane.store.get<Pod>('Pod', 'default', 'c')!.spec.nodeName, 'extra');
});

test('scheduler is first come first served', () => {
  const { plane } = makeCluster({ settings: { nodes: { count: 1, pods: 2 } }, timing: { startMs: 1000, readyMs: 2000, runMs: 1e9, stopMs: 1000 } });
  plane.apply(parseYaml([pod('zzz'), pod('aaa'), pod('mmm')].join('\n---\n')));
  plane.reconcile(0);
  const bound = plane.store.list<Pod>('Pod').filter((entry) => entry.spec.nodeName).map((entry) => entry.metadata.name);
  assert.deepEqual(bound.sort(), ['aaa', 'zzz']);
});

test('unschedulable pod retried every five minutes', () => {
  const { plane } = makeCluster({ settings: { nodes: { count: 1, pods: 1 } }, timing: { startMs: 1000, readyMs: 2000, runMs: 1e9, stopMs: 1000 } });
  plane.apply(parseYaml([pod('a'), pod('b')].join('\n---\n')));
  plane.reconcile(0);
  runUntil(plane, 11 * 60 * 1000, 10_000);
  const attempts = plane.events().filter((event) => event.reason === 'FailedScheduling').map((event) => event.timeMs);
  assert.deepEqual(attempts, [0, 300_000, 600_000]);
});

test('no nodes message', () => {
  const { plane } = makeCluster({ settings: { nodes: { count: 0 } } });
  plane.apply(parseYaml(pod('a')));
  plane.reconcile(1000);
  assert.equal(plane.events().find((event) => event.reason === 'FailedScheduling')?.message, 'no nodes available to schedule pods');
});
