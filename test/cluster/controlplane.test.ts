import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import type { Deployment, ReplicaSet } from '../../src/api/apps.js';
import type { Job } from '../../src/api/batch.js';
import type { Endpoints, Node } from '../../src/api/core.js';
import type { EndpointSlice } from '../../src/api/discovery.js';
import type { Pod } from '../../src/api/v1.js';
import { IMMEDIATE_DELETION_WARNING } from '../../src/cluster/control-plane.js';
import { resolveFenceposts } from '../../src/cluster/controllers/deployment.js';
import { schedulePod } from '../../src/cluster/scheduler/scheduler.js';
import { makeNode } from '../../src/cluster/nodes/default-nodes.js';
import { lookupService } from '../../src/cluster/services/dns.js';
import { parseTimeline } from '../../src/cluster/timeline/timeline.js';
import { makeCluster, parseYaml, runUntil } from './harness.js';

const deploymentYaml = (replicas: number, image = 'nginx:1.25', strategy = '') => `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: web}}
  ${strategy}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: app, image: "${image}", ports: [{containerPort: 80, name: http}]}]
`;

const activePods = (pods: Pod[]) => pods.filter((pod) => !pod.metadata.deletionTimestamp && pod.status?.phase !== 'Failed' && pod.status?.phase !== 'Succeeded');

describe('apply and delete', () => {
  test('apply prints created, unchanged, configured', () => {
    const { plane } = makeCluster();
    assert.deepEqual(plane.apply(parseYaml(deploymentYaml(2))).output, ['deployment.apps/web created']);
    assert.deepEqual(plane.apply(parseYaml(deploymentYaml(2))).output, ['deployment.apps/web unchanged']);
    assert.deepEqual(plane.apply(parseYaml(deploymentYaml(3))).output, ['deployment.apps/web configured']);
    assert.equal(plane.store.get<Deployment>('Deployment', 'default', 'web')?.metadata.generation, 2);
  });

  test('pod update rejects spec change', () => {
    const { plane } = makeCluster();
    const pod = `apiVersion: v1\nkind: Pod\nmetadata: {name: x}\nspec: {containers: [{name: c, image: nginx, ports: [{containerPort: PORT}]}]}\n`;
    plane.apply(parseYaml(pod.replace('PORT', '80')));
    const result = plane.apply(parseYaml(pod.replace('PORT', '81')));
    assert.equal(result.errors.length, 1);
    assert.match(result.errors[0], /^The Pod "x" is invalid: spec: Forbidden: pod updates may not change fields other than `spec.containers\[\*\].image`,`spec.initContainers\[\*\].image`,`spec.activeDeadlineSeconds`,/);
  });

  test('pod image update reaches runtime', () => {
    const { plane, runtime } = makeCluster();
    plane.apply(parseYaml('apiVersion: v1\nkind: Pod\nmetadata: {name: x}\nspec: {containers: [{name: c, image: "nginx:1"}]}\n'));
    plane.reconcile(1000);
    const result = plane.apply(parseYaml('apiVersion: v1\nkind: Pod\nmetadata: {name: x}\nspec: {containers: [{name: c, image: "nginx:2"}]}\n'));
    assert.deepEqual(result.output, ['pod/x configured']);
    assert.equal(runtime.imageUpdates.length, 1);
    assert.match(runtime.imageUpdates[0], /\/c=nginx:2$/);
  });

  test('force delete warns and removes at once', () => {
    const { plane } = makeCluster();
    plane.apply(parseYaml('apiVersion: v1\nkind: Pod\nmetadata: {name: x}\nspec: {containers: [{name: c, image: nginx}]}\n'));
    plane.reconcile(1000);
    const lines = plane.delete('Pod', 'default', 'x', { force: true, gracePeriodSeconds: 0 });
    assert.deepEqual(lines, [IMMEDIATE_DELETION_WARNING, 'pod "x" force deleted']);
    assert.equal(plane.store.get('Pod', 'default', 'x'), undefined);
  });

  test('graceful delete sets deadline timestamp', () => {
    const { plane } = makeCluster();
    plane.apply(parseYaml('apiVersion: v1\nkind: Pod\nmetadata: {name: x}\nspec: {containers: [{name: c, image: nginx}]}\n'));
    plane.reconcile(1000);
    assert.deepEqual(plane.delete('Pod', 'default', 'x', { gracePeriodSeconds: 5 }), ['pod "x" deleted']);
    const pod = plane.store.get<Pod>('Pod', 'default', 'x')!;
    assert.equal(pod.metadata.deletionGracePeriodSeconds, 5);
    assert.equal(pod.metadata.deletionTimestamp, '2026-01-01T00:00:06Z');
    runUntil(plane, 3000);
    assert.equal(plane.store.get('Pod', 'default', 'x'), undefined);
  });

  test('deleting deployment collects dependents', () => {
    const { plane } = makeCluster();
    plane.apply(parseYaml(deploymentYaml(2)));
    runUntil(plane, 5000);
    assert.equal(plane.store.list('Pod').length, 2);
    assert.deepEqual(plane.delete('Deployment', 'default', 'web'), ['deployment.apps "web" deleted']);
    runUntil(plane, 10000);
    assert.equal(plane.store.list('ReplicaSet').length, 0);
    assert.equal(plane.store.list('Pod').length, 0);
  });
});

describe('replicaset', () => {
  test('replaces deleted pod', () => {
    const { plane } = makeCluster();
    plane.apply(parseYaml('apiVersion: apps/v1\nkind: ReplicaSet\nmetadata: {name: fe}\nspec:\n  replicas: 3\n  selector: {matchLabels: {tier: fe}}\n  template: {metadata: {labels: {tier: fe}}, spec: {containers: [{name: c, image: nginx}]}}\n'));
    runUntil(plane, 3000);
    const pods = plane.store.list<Pod>('Pod');
    assert.equal(pods.length, 3);
    for (const pod of pods) assert.match(pod.metadata.name ?? '', /^fe-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    plane.delete('Pod', 'default', pods[0].metadata.name ?? '', { force: true, gracePeriodSeconds: 0 });
    runUntil(plane, 6000);
    assert.equal(activePods(plane.store.list<Pod>('Pod')).length, 3);
    const rs = plane.store.get<ReplicaSet>('ReplicaSet', 'default', 'fe')!;
    assert.equal(rs.status?.readyReplicas, 3);
  });

  test('adopts matching orphan pod', () => {
    const { plane } = makeCluster();
    plane.apply(parseYaml('apiVersion: v1\nkind: Pod\nmetadata: {name: orphan, labels: {tier: fe}}\nspec: {containers: [{name: c, image: nginx}]}\n'));
    plane.apply(parseYaml('apiVersion: apps/v1\nkind: ReplicaSet\nmetadata: {name: fe}\nspec:\n  replicas: 2\n  selector: {matchLabels: {tier: fe}}\n  template: {metadata: {labels: {tier: fe}}, spec: {containers: [{name: c, image: nginx}]}}\n'));
    runUntil(plane, 2000);
    const orphan = plane.store.get<Pod>('Pod', 'default', 'orphan')!;
    assert.equal(orphan.metadata.ownerReferences?.[0]?.name, 'fe');
    assert.equal(plane.store.list('Pod').length, 2);
  });

  test('replica count converges', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 4 }), (scales) => {
        const { plane } = makeCluster();
        plane.apply(parseYaml('apiVersion: apps/v1\nkind: ReplicaSet\nmetadata: {name: fe}\nspec:\n  replicas: 1\n  selector: {matchLabels: {tier: fe}}\n  template: {metadata: {labels: {tier: fe}}, spec: {containers: [{name: c, image: nginx}]}}\n'));
        for (const replicas of scales) {
          plane.scale('ReplicaSet', 'default', 'fe', replicas);
          runUntil(plane, plane.nowMs + 2000);
        }
        runUntil(plane, plane.nowMs + 5000);
        return plane.store.list('Pod').length === scales[scales.length - 1];
      }),
      { numRuns: 20 },
    );
  });
});

describe('deployment', () => {
  test('fenceposts round surge up, unavailable down', () => {
    const deployment = parseYaml(deploymentYaml(10))[0] as Deployment;
    assert.deepEqual(resolveFenceposts(deployment), { maxSurge: 3, maxUnavailable: 2 });
    deployment.spec.replicas = 1;
    assert.deepEqual(resolveFenceposts(deployment), { maxSurge: 1, maxUnavailable: 0 });
  });

  test('rolling update keeps 3 available with maxUnavailable 0', () => {
    const { plane } = makeCluster();
    const strategy = 'strategy: {type: RollingUpdate, rollingUpdate: {maxUnavailable: 0, maxSurge: 1}}';
    plane.apply(parseYaml(deploymentYaml(3, 'nginx:1.25', strategy)));
    runUntil(plane, 5000);
    assert.equal(plane.store.get<Deployment>('Deployment', 'default', 'web')?.status?.availableReplicas, 3);
    plane.apply(parseYaml(deploymentYaml(3, 'nginx:1.26', strategy)));
    let maxPods = 0;
    for (let t = plane.nowMs + 1000; t <= 40000; t += 1000) {
      plane.reconcile(t);
      const deployment = plane.store.get<Deployment>('Deployment', 'default', 'web')!;
      assert.ok((deployment.status?.availableReplicas ?? 0) >= 3, `available dropped below 3 at ${t} ms`);
      maxPods = Math.max(maxPods, activePods(plane.store.list<Pod>('Pod')).length);
    }
    assert.ok(maxPods <= 4, `surged to ${maxPods} pods`);
    const deployment = plane.store.get<Deployment>('Deployment', 'default', 'web')!;
    assert.equal(deployment.status?.updatedReplicas, 3);
    assert.equal(deployment.metadata.annotations?.['deployment.kubernetes.io/revision'], '2');
    const progressing = deployment.status?.conditions?.find((condition) => condition.type === 'Progressing');
    assert.equal(progressing?.reason, 'NewReplicaSetAvailable');
    const images = plane.store.list<Pod>('Pod').map((pod) => pod.spec.containers[0].image);
    assert.deepEqual(images, ['nginx:1.26', 'nginx:1.26', 'nginx:1.26']);
  });

  test('rollback restores revision 1 template', () => {
    const { plane } = makeCluster();
    plane.apply(parseYaml(deploymentYaml(2, 'nginx:1.25')));
    runUntil(plane, 10000);
    plane.apply(parseYaml(deploymentYaml(2, 'nginx:1.26')));
    runUntil(plane, 30000);
    assert.equal(plane.rollback('default', 'web', 1), 'deployment.apps/web rolled back');
    runUntil(plane, 60000);
    const deployment = plane.store.get<Deployment>('Deployment', 'default', 'web')!;
    assert.equal(deployment.spec.template.spec.containers[0].image, 'nginx:1.25');
    assert.equal(deployment.metadata.annotations?.['deployment.kubernetes.io/revision'], '3');
    assert.throws(() => plane.rollback('default', 'web', 9), /unable to find specified revision 9 in history/);
  });

  test('recreate deletes old pods first', () => {
    const { plane } = makeCluster();
    plane.apply(parseYaml(deploymentYaml(2, 'nginx:1.25', 'strategy: {type: Recreate}')));
    runUntil(plane, 5000);
    plane.apply(parseYaml(deploymentYaml(2, 'nginx:1.26', 'strategy: {type: Recreate}')));
    for (let t = plane.nowMs + 1000; t <= 20000; t += 1000) {
      plane.reconcile(t);
      const images = new Set(activePods(plane.store.list<Pod>('Pod')).map((pod) => pod.spec.containers[0].image));
      assert.ok(images.size <= 1, `old and new pods ran together at ${t} ms`);
    }
  });

  test('progress deadline exceeded when pods never ready', () => {
    const { plane } = makeCluster({ timing: { startMs: 1000, readyMs: 1e12, runMs: 1e12, stopMs: 1000 } });
    plane.apply(parseYaml(deploymentYaml(1).replace('replicas: 1', 'replicas: 1\n  progressDeadlineSeconds: 30')));
    runUntil(plane, 40000);
    const progressing = plane.store.get<Deployment>('Deployment', 'default', 'web')?.status?.conditions?.find((condition) => condition.type === 'Progressing');
    assert.equal(progressing?.status, 'False');
    assert.equal(progressing?.reason, 'ProgressDeadlineExceeded');
  });
});

const jobYaml = (spec: string, restartPolicy = 'Never', annotations = '{}') => `
apiVersion: batch/v1
kind: Job
metadata: {name: pi}
spec:
  ${spec}
  template:
    metadata: {annotations: ${annotations}}
    spec:
      restartPolicy: ${restartPolicy}
      containers: [{name: main, image: perl}]
`;

describe('job', () => {
  test('restartPolicy Always rejected', () => {
    const { plane } = makeCluster();
    const result = plane.apply(parseYaml(jobYaml('completions: 1', 'Always')));
    assert.deepEqual(result.errors, ['The Job "pi" is invalid: spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"']);
  });

  test('completes after completions succeed', () => {
    const { plane } = makeCluster();
    plane.apply(parseYaml(jobYaml('completions: 3\n  parallelism: 2', 'Never', '{test/exit-code: "0"}')));
    runUntil(plane, 30000);
    const job = plane.store.get<Job>('Job', 'default', 'pi')!;
    assert.equal(job.status?.succeeded, 3);
    const types = job.status?.conditions?.map((condition) => `${condition.type}/${condition.reason}`);
    assert.deepEqual(types, ['SuccessCriteriaMet/CompletionsReached', 'Complete/CompletionsReached']);
  });

  test('backoffLimit counts failed pods', () => {
    const { plane } = makeCluster();
    plane.apply(parseYaml(jobYaml('backoffLimit: 2', 'Never', '{test/exit-code: "1"}')));
    runUntil(plane, 300000);
    const job = plane.store.get<Job>('Job', 'default', 'pi')!;
    assert.equal(job.status?.failed, 3);
    const failed = job.status?.conditions?.find((condition) => condition.type === 'Failed');
    assert.equal(failed?.reason, 'BackoffLimitExceeded');
    assert.equal(failed?.message, 'Job has reached the specified backoff limit');
  });

  test('backoffLimit counts restarts for OnFailure', () => {
    const { plane } = makeCluster();
    plane.apply(parseYaml(jobYaml('backoffLimit: 2', 'OnFailure', '{test/exit-code: "1"}')));
    runUntil(plane, 60000);
    const job = plane.store.get<Job>('Job', 'default', 'pi')!;
    assert.equal(job.status?.conditions?.find((condition) => condition.type === 'Failed')?.reason, 'BackoffLimitExceeded');
  });

  test('podFailurePolicy FailJob names the rule', () => {
    const { plane } = makeCluster();
    const policy = 'podFailurePolicy:\n    rules:\n    - action: FailJob\n      onExitCodes: {containerName: main, operator: In, values: [42]}';
    plane.apply(parseYaml(jobYaml(policy, 'Never', '{test/exit-code: "42"}')));
    runUntil(plane, 20000);
    const job = plane.store.get<Job>('Job', 'default', 'pi')!;
    const failed = job.status?.conditions?.find((condition) => condition.type === 'Failed');
    assert.equal(failed?.reason, 'PodFailurePolicy');
    assert.match(failed?.message ?? '', /^Container main for pod default\/pi-\w{5} failed with exit code 42 matching FailJob rule at index 0$/);
  });

  test('indexed job labels completion index', () => {
    const { plane } = makeCluster();
    plane.apply(parseYaml(jobYaml('completions: 3\n  parallelism: 3\n  completionMode: Indexed', 'Never', '{test/exit-code: "0"}')));
    plane.reconcile(1000);
    const indexes = plane.store.list<Pod>('Pod').map((pod) => pod.metadata.annotations?.['batch.kubernetes.io/job-completion-index']).sort();
    assert.deepEqual(indexes, ['0', '1', '2']);
    runUntil(plane, 20000);
    assert.equal(plane.store.get<Job>('Job', 'default', 'pi')?.status?.completedIndexes, '0-2');
  });

  test('activeDeadlineSeconds fails job', () => {
    const { plane } = makeCluster({ timing: { startMs: 1000, readyMs: 2000, runMs: 1e9, stopMs: 1000 } });
    plane.apply(parseYaml(jobYaml('activeDeadlineSeconds: 10', 'Never', '{test/exit-code: "0"}')));
    runUntil(plane, 20000);
    const failed = plane.store.get<Job>('Job', 'default', 'pi')?.status?.conditions?.find((condition) => condition.type === 'Failed');
    assert.equal(failed?.reason, 'DeadlineExceeded');
  });

  test('never exceeds parallelism active pods', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 8 }), (parallelism, completions) => {
        const { plane } = makeCluster();
        plane.apply(parseYaml(jobYaml(`completions: ${completions}\n  parallelism: ${parallelism}`, 'Never', '{test/exit-code: "0"}')));
        for (let t = 1000; t <= 60000; t += 1000) {
          plane.reconcile(t);
          if (activePods(plane.store.list<Pod>('Pod')).length > parallelism) return false;
        }
        return plane.store.get<Job>('Job', 'default', 'pi')?.status?.succeeded === completions;
      }),
      { numRuns: 15 },
    );
  });
});

describe('scheduler', () => {
  test('insufficient cpu message', () => {
    const nodes = [0, 1, 2].map((index) => makeNode(`node-${index + 1}`, index));
    const pod = parseYaml('apiVersion: v1\nkind: Pod\nmetadata: {name: big}\nspec: {containers: [{name: c, image: x, resources: {requests: {cpu: "64"}}}]}')[0] as Pod;
    assert.deepEqual(schedulePod(pod, nodes, new Map()), {
      message: '0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.',
    });
  });

  test('selector and taint reasons', () => {
    const nodes = [0, 1, 2].map((index) => makeNode(`node-${index + 1}`, index));
    nodes[0].spec.taints = [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }];
    const pod = parseYaml('apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {nodeSelector: {disk: ssd}, containers: [{name: c, image: x}]}')[0] as Pod;
    assert.deepEqual(schedulePod(pod, nodes, new Map()), {
      message: "0/3 nodes are available: 1 node(s) had untolerated taint {dedicated: gpu}, 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
    });
  });

  test('init request counts when larger', () => {
    const nodes = [makeNode('node-1', 0)];
    const pod = parseYaml('apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {initContainers: [{name: i, image: x, resources: {requests: {cpu: "5"}}}], containers: [{name: c, image: x, resources: {requests: {cpu: "1"}}}]}')[0] as Pod;
    assert.ok('message' in schedulePod(pod, nodes, new Map()));
  });

  test('unschedulable pod gets condition and event', () => {
    const { plane } = makeCluster();
    plane.apply(parseYaml('apiVersion: v1\nkind: Pod\nmetadata: {name: big}\nspec: {containers: [{name: c, image: x, resources: {requests: {memory: "100Gi"}}}]}'));
    plane.reconcile(1000);
    const pod = plane.store.get<Pod>('Pod', 'default', 'big')!;
    const condition = pod.status?.conditions?.find((entry) => entry.type === 'PodScheduled');
    assert.equal(condition?.reason, 'Unschedulable');
    assert.equal(plane.events().filter((event) => event.reason === 'FailedScheduling').length, 1);
  });

  test('scheduled event names node', () => {
    const { plane } = makeCluster();
    plane.apply(parseYaml('apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c, image: x}]}'));
    plane.reconcile(0);
    const event = plane.events().find((entry) => entry.reason === 'Scheduled');
    assert.equal(event?.message, 'Successfully assigned default/p to node-1');
  });
});

describe('services', () => {
  test('terminating pod leaves endpoints at once', () => {
    const { plane } = makeCluster({ timing: { startMs: 1000, readyMs: 2000, runMs: 1e9, stopMs: 20000 } });
    plane.apply(parseYaml(deploymentYaml(2)));
    plane.apply(parseYaml('apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec: {selector: {app: web}, ports: [{port: 80, targetPort: http}]}'));
    runUntil(plane, 5000);
    const endpoints = () => plane.store.get<Endpoints>('Endpoints', 'default', 'web')!;
    assert.equal(endpoints().subsets?.[0]?.addresses?.length, 2);
    assert.equal(endpoints().subsets?.[0]?.ports?.[0]?.port, 80);
    const victim = plane.store.list<Pod>('Pod')[0];
    plane.delete('Pod', 'default', victim.metadata.name ?? '');
    plane.reconcile(plane.nowMs);
    const ips = (endpoints().subsets ?? []).flatMap((subset) => subset.addresses ?? []).map((address) => address.targetRef?.name);
    assert.ok(!ips.includes(victim.metadata.name));
    const slice = plane.store.list<EndpointSlice>('EndpointSlice')[0];
    const entry = slice.endpoints.find((endpoint) => endpoint.targetRef?.name === victim.metadata.name);
    assert.deepEqual(entry?.conditions, { ready: false, serving: false, terminating: true });
  });

  test('dns resolves short and full names', () => {
    const { plane } = makeCluster();
    plane.apply(parseYaml('apiVersion: v1\nkind: Service\nmetadata: {name: db}\nspec: {selector: {app: db}, ports: [{port: 5432}]}'));
    const ip = plane.store.get<{ spec: { clusterIP: string } } & Pod>('Service', 'default', 'db')!.spec.clusterIP;
    assert.deepEqual(lookupService(plane.store, 'db', 'default')?.addresses, [ip]);
    assert.deepEqual(lookupService(plane.store, 'db.default', 'other')?.addresses, [ip]);
    assert.deepEqual(lookupService(plane.store, 'db.default.svc.cluster.local', 'other')?.addresses, [ip]);
    assert.equal(lookupService(plane.store, 'db', 'other'), undefined);
  });
});

describe('nodes', () => {
  test('three default nodes', () => {
    const { plane } = makeCluster();
    const nodes = plane.store.list<Node>('Node');
    assert.deepEqual(nodes.map((node) => node.metadata.name), ['node-1', 'node-2', 'node-3']);
    assert.equal(nodes[0].status?.capacity?.pods, '110');
  });

  test('node failure replaces controller pods only', () => {
    const { plane } = makeCluster();
    plane.apply(parseYaml(deploymentYaml(3)));
    plane.apply(parseYaml('apiVersion: v1\nkind: Pod\nmetadata: {name: bare}\nspec: {nodeName: node-1, containers: [{name: c, image: x}]}'));
    runUntil(plane, 5000);
    plane.nodes.failNode('node-1');
    runUntil(plane, 5000 + 40000);
    const node = plane.store.get<Node>('Node', undefined, 'node-1')!;
    assert.ok(node.spec.taints?.some((taint) => taint.key === 'node.kubernetes.io/unreachable' && taint.effect === 'NoExecute'));
    const bare = plane.store.get<Pod>('Pod', 'default', 'bare')!;
    assert.equal(bare.status?.conditions?.find((condition) => condition.type === 'Ready')?.status, 'False');
    runUntil(plane, 5000 + 40000 + 301000);
    assert.ok(plane.store.get<Pod>('Pod', 'default', 'bare')?.metadata.deletionTimestamp, 'bare pod is Terminating');
    const running = activePods(plane.store.list<Pod>('Pod')).filter((pod) => pod.metadata.name !== 'bare');
    assert.equal(running.length, 3);
    assert.ok(running.every((pod) => pod.spec.nodeName !== 'node-1'));
  });
});

describe('admission', () => {
  test('baseline rejects privileged pod', () => {
    const { plane } = makeCluster();
    plane.apply(parseYaml('apiVersion: v1\nkind: Namespace\nmetadata: {name: secure, labels: {pod-security.kubernetes.io/enforce: baseline}}'));
    const result = plane.apply(parseYaml('apiVersion: v1\nkind: Pod\nmetadata: {name: x, namespace: secure}\nspec: {containers: [{name: c, image: x, securityContext: {privileged: true}}]}'), 'pod.yaml');
    assert.deepEqual(result.errors, [
      'Error from server (Forbidden): error when creating "pod.yaml": pods "x" is forbidden: violates PodSecurity "baseline:latest": privileged (container "c" must not set securityContext.privileged=true)',
    ]);
  });

  test('podpreset merges into app containers', () => {
    const { plane } = makeCluster({ settings: { runtimeConfig: { 'settings.k8s.io/v1alpha1': true }, admissionPlugins: ['PodPreset'] } });
    plane.apply(parseYaml('apiVersion: settings.k8s.io/v1alpha1\nkind: PodPreset\nmetadata: {name: db}\nspec: {selector: {matchLabels: {role: fe}}, env: [{name: DB, value: "1"}]}'));
    plane.apply(parseYaml('apiVersion: v1\nkind: Pod\nmetadata: {name: x, labels: {role: fe}}\nspec: {initContainers: [{name: i, image: x}], containers: [{name: c, image: x}]}'));
    const pod = plane.store.get<Pod>('Pod', 'default', 'x')!;
    assert.deepEqual(pod.spec.containers[0].env, [{ name: 'DB', value: '1' }]);
    assert.equal(pod.spec.initContainers?.[0].env, undefined);
    assert.ok(pod.metadata.annotations?.['podpreset.admission.kubernetes.io/podpreset-db']);
  });
});

describe('timeline', () => {
  test('invalid action named', () => {
    assert.throws(() => parseTimeline([{ at: '1m', action: 'explode' }], 'default'), /^Error: steps\[0\]\.action: Unsupported value: "explode"/);
  });

  test('scale step runs at its time', () => {
    const { plane } = makeCluster();
    plane.apply(parseYaml(deploymentYaml(1)));
    plane.apply(parseYaml('apiVersion: podsim.io/v1alpha1\nkind: Timeline\nmetadata: {name: t}\nsteps: [{at: 30s, action: scale, deployment: web, replicas: 4}]'));
    runUntil(plane, 29000);
    assert.equal(plane.store.list('Pod').length, 1);
    assert.equal(plane.nextWakeMs(), 30000);
    runUntil(plane, 35000);
    assert.equal(plane.store.list('Pod').length, 4);
  });
});
