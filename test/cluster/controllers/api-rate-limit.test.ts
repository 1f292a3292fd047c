import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Pod } from '../../../src/api/v1.js';
import { makeCluster, parseYaml, runUntil, webDeployment } from '../harness.js';


const timing = { startMs: 1000, readyMs: 2000, runMs: 1e9, stopMs: 1000 };
const created = (events: readonly { reason: string; timeMs: number }[], untilMs: number) => events.filter((event) => event.reason === 'SuccessfulCreate' && event.timeMs <= untilMs).length;

test('the ReplicaSet controller creates 30 pods at once, then 20 a second', () => {
  const { plane } = makeCluster({ settings: { nodes: { count: 2, pods: 500 } }, timing });
  plane.apply(parseYaml(webDeployment(200)));
  plane.reconcile(0);
  assert.equal(created(plane.events(), 0), 30);
  runUntil(plane, 1000, 10);
  assert.equal(created(plane.events(), 1000), 50);
  runUntil(plane, 8500, 10);
  assert.equal(created(plane.events(), 8500), 200);
  assert.equal(plane.store.list<Pod>('Pod').length, 200);
});

test('the scheduler binds 100 pods at once, then 50 a second', () => {
  const { plane } = makeCluster({ settings: { nodes: { count: 2, pods: 500 }, controllerManager: { kubeAPIQPS: -1 } }, timing });
  plane.apply(parseYaml(webDeployment(300)));
  plane.reconcile(0);
  const bound = () => plane.store.list<Pod>('Pod').filter((pod) => pod.spec.nodeName).length;
  assert.equal(plane.store.list<Pod>('Pod').length, 300);
  assert.equal(bound(), 100);
  runUntil(plane, 1000, 10);
  assert.equal(bound(), 150);
});

test('ClusterSettings raise the controller limit, and a negative QPS removes it', () => {
  const { plane } = makeCluster({ settings: { nodes: { count: 2, pods: 500 }, controllerManager: { kubeAPIQPS: 100, kubeAPIBurst: 10 } }, timing });
  plane.apply(parseYaml(webDeployment(200)));
  plane.reconcile(0);
  assert.equal(created(plane.events(), 0), 10);
  runUntil(plane, 1000, 10);
  assert.equal(created(plane.events(), 1000), 110);

  const unlimited = makeCluster({ settings: { nodes: { count: 2, pods: 500 }, controllerManager: { kubeAPIQPS: -1 } }, timing }).plane;
  unlimited.apply(parseYaml(webDeployment(200)));
  unlimited.reconcile(0);
  assert.equal(created(unlimited.events(), 0), 200);
});

test('unlimited creates wait between 500-pod bursts', () => {
  const { plane } = makeCluster({ settings: { nodes: { count: 4, pods: 500 }, controllerManager: { kubeAPIQPS: -1 }, scheduler: { kubeAPIQPS: -1 } }, timing });
  plane.apply(parseYaml(webDeployment(1200)));
  plane.reconcile(0);
  assert.equal(created(plane.events(), 0), 500);
  runUntil(plane, 100, 10);
  assert.equal(created(plane.events(), 100), 1000);
  runUntil(plane, 200, 10);
  assert.equal(created(plane.events(), 200), 1200);
});

test("a zero burst means client-go's default of 10", () => {
  const { plane } = makeCluster({ settings: { nodes: { count: 2, pods: 500 }, controllerManager: { kubeAPIBurst: 0 } }, timing });
  plane.apply(parseYaml(webDeployment(50)));
  plane.reconcile(0);
  assert.equal(created(plane.events(), 0), 10);
});
