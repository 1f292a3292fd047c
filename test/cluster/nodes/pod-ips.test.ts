import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PodIPAllocator } from '../../../src/cluster/node.js';
import { podCIDRFor } from '../../../src/cluster/nodes/default-nodes.js';

test('pod CIDR grows with max pods', () => {
  assert.equal(podCIDRFor(0, 110), '10.244.0.0/24');
  assert.equal(podCIDRFor(2, 110), '10.244.2.0/24');
  assert.equal(podCIDRFor(300, 110), '10.245.44.0/24');
  assert.equal(podCIDRFor(0, 1100), '10.244.0.0/21');
  assert.equal(podCIDRFor(1, 1100), '10.244.8.0/21');
});

test('allocator skips addresses in use', () => {
  const allocator = new PodIPAllocator({ name: 'n', internalIP: '10.0.0.11', podCIDR: '10.244.8.0/21' });
  const first = Array.from({ length: 2045 }, () => allocator.allocate());
  assert.equal(first[0], '10.244.8.2');
  assert.equal(first[253], '10.244.8.255');
  assert.equal(first[254], '10.244.9.0');
  assert.equal(first.at(-1), '10.244.15.254');
  assert.equal(new Set(first).size, 2045);
  allocator.release('10.244.9.7');
  assert.equal(allocator.allocate(), '10.244.9.7', 'the only free address');
});

test('allocator reuses freed addresses in order', () => {
  const allocator = new PodIPAllocator({ name: 'n', internalIP: '10.0.0.11', podCIDR: '10.244.0.0/24' });
  const all = Array.from({ length: 253 }, () => allocator.allocate());
  assert.equal(all.at(-1), '10.244.0.254');
  allocator.release('10.244.0.40');
  allocator.release('10.244.0.9');
  assert.equal(allocator.allocate(), '10.244.0.9');
  assert.equal(allocator.allocate(), '10.244.0.40');
});
