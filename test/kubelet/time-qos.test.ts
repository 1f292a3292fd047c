import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Container } from '../../src/api/v1.js';
import { qosClass } from '../../src/kubelet/qos.js';
import { parseQuantityNano } from '../../src/kubelet/quantity.js';
import { formatGoDurationMs, formatRfc3339 } from '../../src/kubelet/time.js';

test('formatGoDurationMs matches Go Duration.String', () => {
  const cases: [number, string][] = [
    [0, '0s'],
    [500, '500ms'],
    [1_500, '1.5s'],
    [10_000, '10s'],
    [80_000, '1m20s'],
    [160_000, '2m40s'],
    [300_000, '5m0s'],
    [3_600_000, '1h0m0s'],
    [2_345, '2.345s'],
    [61_050, '1m1.05s'],
  ];
  for (const [ms, expected] of cases) {
    assert.equal(formatGoDurationMs(ms), expected, String(ms));
  }
});

test('formatRfc3339 whole seconds from epoch', () => {
  assert.equal(formatRfc3339(0), '2026-01-01T00:00:00Z');
  assert.equal(formatRfc3339(61_999), '2026-01-01T00:01:01Z');
  assert.equal(formatRfc3339(1_000, Date.UTC(2025, 5, 1)), '2025-06-01T00:00:01Z');
});

test('parseQuantityNano suffixes', () => {
  assert.equal(parseQuantityNano('500m'), 500_000_000n);
  assert.equal(parseQuantityNano('0.5'), 500_000_000n);
  assert.equal(parseQuantityNano('1Ki'), 1024n * 1_000_000_000n);
  assert.equal(parseQuantityNano('1e3'), 1000n * 1_000_000_000n);
  assert.equal(parseQuantityNano(2), 2_000_000_000n);
  assert.throws(() => parseQuantityNano('lots'), /invalid resource quantity "lots"/);
});

function pod(containers: Container[], initContainers: Container[] = []) {
  return { spec: { containers, initContainers } };
}

test('qosClass BestEffort without resources', () => {
  assert.equal(qosClass(pod([{ name: 'a' }])), 'BestEffort');
  assert.equal(qosClass(pod([{ name: 'a', resources: { requests: { 'ephemeral-storage': '1Gi' } } }])), 'BestEffort');
});

test('qosClass Guaranteed when limits imply requests', () => {
  assert.equal(qosClass(pod([{ name: 'a', resources: { limits: { cpu: '1', memory: '128Mi' } } }])), 'Guaranteed');
  assert.equal(
    qosClass(pod([{ name: 'a', resources: { limits: { cpu: '1', memory: '128Mi' }, requests: { cpu: '1000m' } } }])),
    'Guaranteed',
  );
});

test('qosClass Burstable cases', () => {
  assert.equal(qosClass(pod([{ name: 'a', resources: { requests: { cpu: '100m' } } }])), 'Burstable');
  assert.equal(
    qosClass(pod([{ name: 'a', resources: { limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '500m' } } }])),
    'Burstable',
  );
  assert.equal(qosClass(pod([{ name: 'a', resources: { limits: { cpu: '1' } } }])), 'Burstable');
});

test('qosClass counts init containers', () => {
  const guaranteed: Container = { name: 'a', resources: { limits: { cpu: '1', memory: '1Gi' } } };
  assert.equal(qosClass(pod([guaranteed], [{ name: 'init' }])), 'Burstable');
  assert.equal(qosClass(pod([guaranteed], [{ name: 'init', resources: { limits: { cpu: '1', memory: '1Gi' } } }])), 'Guaranteed');
});
