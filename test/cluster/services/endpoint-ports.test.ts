import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Endpoints } from '../../../src/api/core.js';
import type { EndpointSlice } from '../../../src/api/discovery.js';
import { makeCluster, parseYaml, runUntil } from '../harness.js';

test('unresolved named target port is left out', () => {
  const { plane } = makeCluster({ timing: { startMs: 1000, readyMs: 2000, runMs: 1e9, stopMs: 1000 } });
  plane.apply(
    parseYaml(`apiVersion: v1
kind: Pod
metadata: {name: web, labels: {app: web}}
spec: {containers: [{name: c, image: nginx, ports: [{containerPort: 80, name: http}]}]}
---
apiVersion: v1
kind: Service
metadata: {name: missing}
spec: {selector: {app: web}, ports: [{port: 80, targetPort: nope}]}
---
apiVersion: v1
kind: Service
metadata: {name: named}
spec: {selector: {app: web}, ports: [{port: 80, targetPort: http}]}`),
  );
  runUntil(plane, 5000);
  assert.equal(plane.store.get<Endpoints>('Endpoints', 'default', 'missing')!.subsets, undefined);
  assert.equal(plane.store.get<Endpoints>('Endpoints', 'default', 'named')!.subsets?.[0].ports?.[0].port, 80);
  const slice = plane.store.list<EndpointSlice>('EndpointSlice').find((entry) => entry.metadata.name?.startsWith('missing-'))!;
  assert.deepEqual(slice.ports, []);
  assert.equal(slice.endpoints.length, 1);
});
