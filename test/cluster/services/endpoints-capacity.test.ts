import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Endpoints } from '../../../src/api/core.js';
import type { EndpointSlice } from '../../../src/api/discovery.js';
import { ENDPOINTS_MAX_CAPACITY, OVER_CAPACITY_ANNOTATION } from '../../../src/cluster/services/endpoints.js';
import { MAX_ENDPOINTS_PER_SLICE } from '../../../src/cluster/services/endpoints-controller.js';
import { makeCluster, parseYaml, runUntil, webDeployment } from '../harness.js';

const service = 'apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec: {selector: {app: web}, ports: [{port: 80}]}';
const fleet = (replicas: number) => `${webDeployment(replicas)}---\n${service}`;

// No client rate limits, so 1500 pods exist within the first seconds.
const unlimited = { nodes: { count: 4, pods: 1000, cpu: '64', memory: '256Gi' }, controllerManager: { kubeAPIQPS: -1 }, scheduler: { kubeAPIQPS: -1 } };

const addresses = (endpoints: Endpoints) => (endpoints.subsets ?? []).flatMap((subset) => [...(subset.addresses ?? []), ...(subset.notReadyAddresses ?? [])]);

test('Endpoints stop at 1000 addresses, lowest IPs first, and say so', () => {
  const { plane } = makeCluster({ settings: unlimited, timing: { startMs: 1000, readyMs: 2000, runMs: 1e9, stopMs: 1000 } });
  plane.apply(parseYaml(fleet(1500)));
  runUntil(plane, 10_000);
  const endpoints = plane.store.get<Endpoints>('Endpoints', 'default', 'web')!;
  const listed = addresses(endpoints);
  assert.equal(listed.length, ENDPOINTS_MAX_CAPACITY);
  assert.equal(endpoints.metadata.annotations?.[OVER_CAPACITY_ANNOTATION], 'truncated');
  const ips = listed.map((address) => address.ip);
  assert.deepEqual(ips, [...ips].sort(), 'sorted by IP as text');
  const allIps = plane.podsOwnedBy(plane.store.list('ReplicaSet')[0]).map((pod) => pod.status?.podIP ?? '').sort();
  assert.deepEqual(ips, allIps.slice(0, ENDPOINTS_MAX_CAPACITY), 'the lowest IPs are kept');
});

test('ready addresses are kept before not-ready ones when truncating', () => {
  // Ready pods: the first 600 become ready before the rest exist.
  const { plane } = makeCluster({ settings: unlimited, timing: { startMs: 0, readyMs: 3000, runMs: 1e9, stopMs: 1000 } });
  plane.apply(parseYaml(fleet(600)));
  runUntil(plane, 5000, 100);
  plane.scale('Deployment', 'default', 'web', 1500);
  // 500 pods a burst, a burst per 100 ms: the 900 new pods exist, not yet ready, 300 ms later.
  runUntil(plane, plane.nowMs + 300, 100);
  const endpoints = plane.store.get<Endpoints>('Endpoints', 'default', 'web')!;
  const ready = (endpoints.subsets ?? []).flatMap((subset) => subset.addresses ?? []).length;
  const notReady = (endpoints.subsets ?? []).flatMap((subset) => subset.notReadyAddresses ?? []).length;
  assert.equal(ready, 600);
  assert.equal(notReady, ENDPOINTS_MAX_CAPACITY - 600);
});

test('the annotation goes once the Service is back under capacity', () => {
  const { plane } = makeCluster({ settings: unlimited, timing: { startMs: 1000, readyMs: 2000, runMs: 1e9, stopMs: 1000 } });
  plane.apply(parseYaml(fleet(1200)));
  runUntil(plane, 5000);
  plane.scale('Deployment', 'default', 'web', 10);
  runUntil(plane, 20_000);
  const endpoints = plane.store.get<Endpoints>('Endpoints', 'default', 'web')!;
  assert.equal(addresses(endpoints).length, 10);
  assert.equal(endpoints.metadata.annotations?.[OVER_CAPACITY_ANNOTATION], undefined);
});

test('EndpointSlices hold at most 100 endpoints and cover every pod once', () => {
  const { plane } = makeCluster({ settings: unlimited, timing: { startMs: 1000, readyMs: 2000, runMs: 1e9, stopMs: 1000 } });
  plane.apply(parseYaml(fleet(1050)));
  runUntil(plane, 10_000);
  const slices = plane.store.list<EndpointSlice>('EndpointSlice');
  assert.equal(slices.length, 11);
  for (const slice of slices) assert.ok(slice.endpoints.length <= MAX_ENDPOINTS_PER_SLICE);
  const names = slices.flatMap((slice) => slice.endpoints.map((endpoint) => endpoint.targetRef?.name));
  assert.equal(new Set(names).size, 1050);
  assert.equal(names.length, 1050);

  // Scaling down empties slices; the empty ones go, and new endpoints fill the room left.
  plane.scale('Deployment', 'default', 'web', 150);
  runUntil(plane, 20_000);
  const after = plane.store.list<EndpointSlice>('EndpointSlice');
  assert.equal(after.flatMap((slice) => slice.endpoints).length, 150);
  assert.ok(after.every((slice) => slice.endpoints.length > 0));
  assert.ok(after.length <= 11);
});

test('scaling to 0 leaves one empty placeholder slice', () => {
  const { plane } = makeCluster({ settings: unlimited, timing: { startMs: 1000, readyMs: 2000, runMs: 1e9, stopMs: 1000 } });
  plane.apply(parseYaml(fleet(150)));
  runUntil(plane, 10_000);
  assert.equal(plane.store.list<EndpointSlice>('EndpointSlice').length, 2);
  plane.scale('Deployment', 'default', 'web', 0);
  runUntil(plane, 30_000);
  const slices = plane.store.list<EndpointSlice>('EndpointSlice');
  assert.equal(slices.length, 1);
  assert.deepEqual(slices[0].endpoints, []);
});
