import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Pod } from '../../../src/api/v1.js';
import { makeCluster, parseYaml, runUntil } from '../harness.js';

const pod = (name: string) => `apiVersion: v1\nkind: Pod\nmetadata: {name: ${name}}\nspec: {containers: [{name: c, image: x}]}`;

test('a pod that fit nowhere is bound once another pod gives its room back', () => {
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

test('a pod that fit nowhere is bound once a node joins', () => {
  const { plane } = makeCluster({ settings: { nodes: { count: 2, pods: 1 } }, timing: { startMs: 1000, readyMs: 2000, runMs: 1e9, stopMs: 1000 } });
  plane.apply(parseYaml([pod('a'), pod('b'), pod('c')].join('\n---\n')));
  runUntil(plane, 5000);
  plane.apply(parseYaml('apiVersion: v1\nkind: Node\nmetadata: {name: extra}'));
  runUntil(plane, 7000);
  assert.equal(plane.store.get<Pod>('Pod', 'default', 'c')!.spec.nodeName, 'extra');
});
