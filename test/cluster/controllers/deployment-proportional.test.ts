import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Deployment, ReplicaSet } from '../../../src/api/apps.js';
import type { ControlPlane } from '../../../src/cluster/control-plane.js';
import { proportionalSizes, type ReplicaSetSize } from '../../../src/cluster/controllers/deployment-proportion.js';
import type { FakeRuntime } from '../fake-runtime.js';
import { makeCluster, parseYaml, runUntil, webDeployment } from '../harness.js';

/** An image whose pods run but never become Ready in these tests. */
const NEVER_READY_IMAGE = 'nginx:never-ready';

/** Makes the fake runtime report every container of a NEVER_READY_IMAGE pod as not ready. */
function keepNeverReadyImageUnready(runtime: FakeRuntime): void {
  const read = runtime.readPodStatus.bind(runtime);
  runtime.readPodStatus = (uid, pod) => {
    const result = read(uid, pod);
    if (!result || pod.spec.containers[0].image !== NEVER_READY_IMAGE) return result;
    for (const condition of result.status.conditions ?? []) if (condition.type === 'Ready') condition.status = 'False';
    for (const status of result.status.containerStatuses ?? []) status.ready = false;
    return result;
  };
}

/** spec.replicas of each ReplicaSet of `web`, keyed by the image of its template. */
function sizesByImage(plane: ControlPlane): Record<string, number> {
  const sizes: Record<string, number> = {};
  for (const rs of plane.store.list<ReplicaSet>('ReplicaSet')) sizes[rs.spec.template.spec.containers[0].image ?? ''] = rs.spec.replicas ?? 0;
  return sizes;
}

/** Builds a cluster whose `web` Deployment (100 nginx replicas) is stuck rolling out to NEVER_READY_IMAGE. */
function stuckRollout(): ControlPlane {
  const { plane, runtime } = makeCluster();
  keepNeverReadyImageUnready(runtime);
  plane.apply(parseYaml(webDeployment(100)));
  runUntil(plane, 30_000);
  plane.setImage('Deployment', 'default', 'web', 'app', NEVER_READY_IMAGE);
  runUntil(plane, 60_000);
  return plane;
}

const sized = (replicas: number, maxReplicasBeforeScale?: number): ReplicaSetSize => ({ replicas, maxReplicasBeforeScale });

describe('proportionalSizes', () => {
  test('scale down 100 to 10', () => {
    // Before: replicas 100 + maxSurge 25 = 125. After: 10 + 3 = 13, so 112 go.
    assert.deepEqual(proportionalSizes([sized(75, 125), sized(50, 125)], { replicas: 10, maxSurge: 3, statusReplicas: 125 }, -112), [8, 5]);
  });

  test('scale up 10 to 20', () => {
    // Before: 13 allowed. After: 20 + 5 = 25, so 12 are added.
    assert.deepEqual(proportionalSizes([sized(8, 13), sized(5, 13)], { replicas: 20, maxSurge: 5, statusReplicas: 13 }, 12), [15, 10]);
  });

  test('scale to zero empties every set', () => {
    assert.deepEqual(proportionalSizes([sized(6, 13), sized(5, 13), sized(2, 13)], { replicas: 0, maxSurge: 0, statusReplicas: 13 }, -13), [0, 0, 0]);
  });

  test('largest set takes the rounding leftover', () => {
    // Each set of 3 out of 9 rounds 3 * 10 / 9 = 3.33 down to 3, so the one added replica goes to the first.
    assert.deepEqual(proportionalSizes([sized(3, 9), sized(3, 9), sized(3, 9)], { replicas: 8, maxSurge: 2, statusReplicas: 9 }, 1), [4, 3, 3]);
  });

  test('missing annotation uses status replicas', () => {
    assert.deepEqual(proportionalSizes([sized(6), sized(4)], { replicas: 20, maxSurge: 0, statusReplicas: 10 }, 10), [12, 8]);
  });

  test('zero annotation and no pods adds to the first', () => {
    assert.deepEqual(proportionalSizes([sized(6, 0), sized(4, 0)], { replicas: 20, maxSurge: 0, statusReplicas: 0 }, 10), [16, 4]);
  });

  test('set with stale annotation stays within the total', () => {
    // A fraction of +22 is capped at the 4 replicas still allowed.
    assert.deepEqual(proportionalSizes([sized(10, 5), sized(2, 5)], { replicas: 12, maxSurge: 4, statusReplicas: 12 }, 4), [14, 2]);
  });
});

describe('deployment proportional scaling', () => {
  test('stuck rollout before scaling', () => {
    const plane = stuckRollout();
    assert.deepEqual(sizesByImage(plane), { nginx: 75, [NEVER_READY_IMAGE]: 50 });
    assert.equal(plane.store.get<Deployment>('Deployment', 'default', 'web')?.status?.availableReplicas, 75);
  });

  test('scale down keeps old pods available', () => {
    const plane = stuckRollout();
    plane.scale('Deployment', 'default', 'web', 10);
    runUntil(plane, 90_000);

    assert.deepEqual(sizesByImage(plane), { nginx: 8, [NEVER_READY_IMAGE]: 5 });
    const deployment = plane.store.get<Deployment>('Deployment', 'default', 'web')!;
    assert.equal(deployment.status?.availableReplicas, 8);
    assert.equal(deployment.status?.conditions?.find((condition) => condition.type === 'Available')?.status, 'True');
    for (const rs of plane.store.list<ReplicaSet>('ReplicaSet')) {
      assert.equal(rs.metadata.annotations?.['deployment.kubernetes.io/desired-replicas'], '10');
      assert.equal(rs.metadata.annotations?.['deployment.kubernetes.io/max-replicas'], '13');
    }
  });

  test('scale down records one event per set', () => {
    const plane = stuckRollout();
    plane.scale('Deployment', 'default', 'web', 10);
    runUntil(plane, 90_000);

    const messages = plane
      .events()
      .filter((event) => event.reason === 'ScalingReplicaSet')
      .map((event) => event.message);
    const oldName = plane.store.list<ReplicaSet>('ReplicaSet').find((rs) => rs.spec.template.spec.containers[0].image === 'nginx')!.metadata.name;
    const newName = plane.store.list<ReplicaSet>('ReplicaSet').find((rs) => rs.spec.template.spec.containers[0].image === NEVER_READY_IMAGE)!.metadata.name;
    assert.ok(messages.includes(`Scaled down replica set ${oldName} to 8 from 75`), messages.join('\n'));
    assert.ok(messages.includes(`Scaled down replica set ${newName} to 5 from 50`), messages.join('\n'));
  });

  test('scale up splits between sets', () => {
    const plane = stuckRollout();
    plane.scale('Deployment', 'default', 'web', 10);
    runUntil(plane, 90_000);
    plane.scale('Deployment', 'default', 'web', 20);
    runUntil(plane, 120_000);

    assert.deepEqual(sizesByImage(plane), { nginx: 15, [NEVER_READY_IMAGE]: 10 });
    assert.equal(plane.store.get<Deployment>('Deployment', 'default', 'web')?.status?.availableReplicas, 15);
  });

  test('paused deployment scales proportionally', () => {
    const plane = stuckRollout();
    const deployment = plane.store.get<Deployment>('Deployment', 'default', 'web')!;
    deployment.spec.paused = true;
    plane.store.update(deployment);
    runUntil(plane, 65_000);
    plane.scale('Deployment', 'default', 'web', 10);
    runUntil(plane, 90_000);

    assert.deepEqual(sizesByImage(plane), { nginx: 8, [NEVER_READY_IMAGE]: 5 });
  });
});
