import assert from 'node:assert/strict';
import { test } from 'node:test';
import { engineContainerSlots, enginePodSlots } from '../../src/cluster/capacity.js';
import { parseYaml } from './harness.js';

const settings = (count: number, pods: number) => parseYaml(`apiVersion: podsim.io/v1alpha1\nkind: ClusterSettings\nmetadata: {name: c}\nspec: {nodes: {count: ${count}, pods: ${pods}}}`);

test('two pod slots per node pod', () => {
  assert.equal(enginePodSlots(settings(100, 1100)), 220_000);
});

test('pod slots capped by engine memory', () => {
  const objects = settings(10_000, 1000);
  const slots = enginePodSlots(objects);
  assert.equal(slots, Math.floor(6_000_000 / engineContainerSlots(objects)));
  assert.ok(slots * engineContainerSlots(objects) <= 6_000_000);
});
