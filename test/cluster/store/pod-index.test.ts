import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { Pod } from '../../../src/api/v1.js';
import { controllerOf } from '../../../src/cluster/controllers/context.js';
import { isTerminal } from '../../../src/cluster/controllers/pod-state.js';
import { addToUsage, emptyUsage } from '../../../src/cluster/scheduler/scheduler.js';
import { ObjectStore } from '../../../src/cluster/store/object-store.js';
import { PodIndex } from '../../../src/cluster/store/pod-index.js';

type Step =
  | { op: 'create'; name: number; owner: number; node: number; cpu: number }
  | { op: 'bind'; name: number; node: number }
  | { op: 'finish'; name: number }
  | { op: 'adopt'; name: number; owner: number }
  | { op: 'delete'; name: number };

const owners = ['', 'owner-a', 'owner-b'];
const nodes = ['', 'node-1', 'node-2'];

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ op: fc.constant('create' as const), name: fc.nat(7), owner: fc.nat(2), node: fc.nat(2), cpu: fc.nat(3) }),
  fc.record({ op: fc.constant('bind' as const), name: fc.nat(7), node: fc.integer({ min: 1, max: 2 }) }),
  fc.record({ op: fc.constant('finish' as const), name: fc.nat(7) }),
  fc.record({ op: fc.constant('adopt' as const), name: fc.nat(7), owner: fc.nat(2) }),
  fc.record({ op: fc.constant('delete' as const), name: fc.nat(7) }),
);

function apply(store: ObjectStore, entry: Step): void {
  const name = `pod-${entry.name}`;
  const pod = store.get<Pod>('Pod', 'default', name);
  if (entry.op === 'create') {
    if (pod) return;
    const created: Pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'x', resources: { requests: { cpu: `${entry.cpu}` } } }] }, status: { phase: 'Pending' } };
    if (owners[entry.owner]) created.metadata.ownerReferences = [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: owners[entry.owner], uid: owners[entry.owner], controller: true }];
    if (nodes[entry.node]) created.spec.nodeName = nodes[entry.node];
    store.create(created);
    return;
  }
  if (!pod) return;
  if (entry.op === 'bind' && !pod.spec.nodeName) {
    pod.spec.nodeName = nodes[entry.node];
    store.update(pod);
  } else if (entry.op === 'finish') {
    store.updateStatus(pod, { phase: 'Succeeded' });
  } else if (entry.op === 'adopt') {
    // A replacement object, as an apply writes it.
    const next = structuredClone(pod);
    next.metadata.ownerReferences = owners[entry.owner] ? [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: owners[entry.owner], uid: owners[entry.owner], controller: true }] : undefined;
    if (!next.metadata.ownerReferences) delete next.metadata.ownerReferences;
    store.update(next);
  } else if (entry.op === 'delete') {
    store.remove('Pod', 'default', name);
  }
}

const names = (pods: Pod[]) => pods.map((pod) => pod.metadata.name).sort();

test('pod index matches a store walk', () => {
  fc.assert(
    fc.property(fc.array(step, { maxLength: 60 }), (steps) => {
      const store = new ObjectStore({ seed: 1, epochMs: 0, now: () => 0 });
      const index = new PodIndex(store);
      for (const entry of steps) apply(store, entry);
      const pods = store.list<Pod>('Pod');
      for (const owner of owners.filter(Boolean)) {
        assert.deepEqual(names(index.controlledBy(owner)), names(pods.filter((pod) => controllerOf(pod)?.uid === owner)));
        for (const pod of index.controlledBy(owner)) assert.equal(pod, store.get('Pod', 'default', pod.metadata.name ?? ''), 'the index holds the stored object');
      }
      assert.deepEqual(names(index.orphansIn('default')), names(pods.filter((pod) => !controllerOf(pod))));
      assert.deepEqual(names([...index.unbound.values()]), names(pods.filter((pod) => !pod.spec.nodeName)));
      for (const node of nodes.filter(Boolean)) {
        const expected = emptyUsage();
        for (const pod of pods) if (pod.spec.nodeName === node && !isTerminal(pod)) addToUsage(expected, pod, 1);
        assert.deepEqual(index.get(node) ?? emptyUsage(), expected);
      }
    }),
    { numRuns: 300 },
  );
});

test('capacity generation grows on release only', () => {
  const store = new ObjectStore({ seed: 1, epochMs: 0, now: () => 0 });
  const index = new PodIndex(store);
  apply(store, { op: 'create', name: 1, owner: 0, node: 0, cpu: 1 });
  const start = index.capacityGeneration;
  apply(store, { op: 'bind', name: 1, node: 1 });
  assert.equal(index.capacityGeneration, start);
  apply(store, { op: 'finish', name: 1 });
  assert.equal(index.capacityGeneration, start + 1);
  apply(store, { op: 'delete', name: 1 });
  assert.equal(index.capacityGeneration, start + 1, 'a finished pod held nothing any more');
});
