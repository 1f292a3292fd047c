/**
 * End-to-end runs of the controller and admission scenarios on the real
 * engine (WebAssembly build), through the CLI in-process or a Simulation.
 * Expected strings are the ones kubectl 1.31 and the Kubernetes controllers
 * print.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseAllDocuments } from 'yaml';

import type { Deployment, ReplicaSet, StatefulSet } from '../../src/api/apps.js';
import type { Job } from '../../src/api/batch.js';
import type { Endpoints } from '../../src/api/core.js';
import type { KubeObject, Pod } from '../../src/api/v1.js';
import { Simulation } from '../../src/cluster/simulation.js';
import { loadScenario } from '../../src/scenario/load.js';
import { runCli } from './run-cli.js';

const SCENARIOS = 'scenarios/controllers';

async function simulateFile(path: string, atMs: number): Promise<Simulation> {
  const loaded = loadScenario([path]);
  assert.deepEqual(loaded.errors.map((error) => error.text), []);
  const simulation = await Simulation.create();
  const result = simulation.apply(loaded.objects.map((entry) => entry.object));
  assert.deepEqual(result.errors, []);
  simulation.advanceTo(atMs);
  return simulation;
}

async function simulateYaml(text: string, atMs: number): Promise<Simulation> {
  const objects = parseAllDocuments(text).map((document) => document.toJS() as KubeObject);
  const simulation = await Simulation.create();
  assert.deepEqual(simulation.apply(objects).errors, []);
  simulation.advanceTo(atMs);
  return simulation;
}

function livePods(simulation: Simulation): Pod[] {
  return simulation.pods().filter((pod) => !pod.metadata.deletionTimestamp);
}

function condition(job: Job, type: string) {
  return job.status?.conditions?.find((entry) => entry.type === type);
}

describe('deployment', () => {
  test('three replicas reach 3/3 ready', async () => {
    const result = await runCli(['get', 'deployments', '-f', `${SCENARIOS}/deployment-rolling-update.yaml`, '--at', '30s']);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(
      result.stdout,
      'NAME               READY   UP-TO-DATE   AVAILABLE   AGE\n' + 'nginx-deployment   3/3     3            3           30s\n',
    );
  });

  test('setImage rollout moves every pod to the new template', async () => {
    const simulation = await simulateFile(`${SCENARIOS}/deployment-rolling-update.yaml`, 3 * 60_000);
    const deployment = simulation.list<Deployment>('Deployment')[0];
    const replicaSets = simulation.list<ReplicaSet>('ReplicaSet');
    assert.equal(replicaSets.length, 2);
    const newSet = replicaSets.find((rs) => rs.spec.template.spec.containers[0].image === 'nginx:1.16.1');
    const oldSet = replicaSets.find((rs) => rs.spec.template.spec.containers[0].image === 'nginx:1.14.2');
    assert.ok(newSet && oldSet);
    assert.equal(oldSet.spec.replicas, 0);
    assert.equal(oldSet.status?.replicas, 0);
    assert.equal(newSet.status?.readyReplicas, 3);
    assert.equal(deployment.status?.updatedReplicas, 3);
    assert.equal(deployment.metadata.annotations?.['deployment.kubernetes.io/revision'], '2');
    const pods = livePods(simulation);
    assert.equal(pods.length, 3);
    for (const pod of pods) assert.equal(pod.spec.containers[0].image, 'nginx:1.16.1');
    for (const pod of pods) assert.equal(pod.metadata.labels?.['pod-template-hash'], newSet.metadata.labels?.['pod-template-hash']);
  });

  test('describe lists old and new replica sets', async () => {
    const result = await runCli(['describe', 'deploy', 'nginx-deployment', '-f', `${SCENARIOS}/deployment-rolling-update.yaml`, '--at', '3m']);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^Replicas: {15}3 desired \| 3 updated \| 3 total \| 3 available \| 0 unavailable$/m);
    assert.match(result.stdout, /^OldReplicaSets: {2}nginx-deployment-\w+ \(0\/0 replicas created\)$/m);
    assert.match(result.stdout, /^NewReplicaSet: {3}nginx-deployment-\w+ \(3\/3 replicas created\)$/m);
    assert.match(result.stdout, /Normal {2}ScalingReplicaSet {2}.*deployment-controller {2}Scaled down replica set nginx-deployment-\w+ to 0 from 1$/m);
  });
});

describe('replicaset', () => {
  test('deleted pod is replaced', async () => {
    const simulation = await simulateFile(`${SCENARIOS}/replicaset-self-healing.yaml`, 70_000);
    const names = livePods(simulation).map((pod) => pod.metadata.name);
    assert.equal(names.length, 3);
    assert.ok(!names.includes('frontend-blbzl'), `the deleted pod is still live: ${names.join(', ')}`);
    const created = simulation.events().filter((event) => event.reason === 'SuccessfulCreate').map((event) => event.message);
    assert.equal(created.length, 4);
    assert.match(created[3] ?? '', /^Created pod: frontend-\w{5}$/);
    const rs = simulation.list<ReplicaSet>('ReplicaSet')[0];
    assert.equal(rs.status?.replicas, 3);
  });
});

describe('job', () => {
  test('backoffLimit 2 fails after three pods', async () => {
    const simulation = await simulateFile(`${SCENARIOS}/job-backoff-limit.yaml`, 2 * 60_000);
    const job = simulation.list<Job>('Job')[0];
    assert.equal(condition(job, 'Failed')?.status, 'True');
    assert.equal(condition(job, 'Failed')?.reason, 'BackoffLimitExceeded');
    assert.equal(condition(job, 'Failed')?.message, 'Job has reached the specified backoff limit');
    assert.equal(job.status?.failed, 3);
    const pods = simulation.pods();
    assert.equal(pods.length, 3);
    for (const pod of pods) assert.equal(pod.status?.phase, 'Failed');
  });

  test('backoff failure prints Failed status', async () => {
    const result = await runCli(['get', 'jobs', '-f', `${SCENARIOS}/job-backoff-limit.yaml`, '--at', '2m']);
    assert.equal(result.stdout, 'NAME           STATUS   COMPLETIONS   DURATION   AGE\nalways-fails   Failed   0/1           2m         2m\n');
  });

  test('completions 3 parallelism 2 completes', async () => {
    const simulation = await simulateYaml(
      `apiVersion: batch/v1
kind: Job
metadata: {name: sleeper}
spec:
  completions: 3
  parallelism: 2
  template:
    spec:
      restartPolicy: Never
      containers: [{name: main, image: busybox, command: ["sh", "-c", "sleep 5"]}]
`,
      60_000,
    );
    const job = simulation.list<Job>('Job')[0];
    assert.equal(condition(job, 'Complete')?.status, 'True');
    assert.equal(job.status?.succeeded, 3);
    assert.ok(job.status?.completionTime);
    assert.equal(simulation.pods().length, 3);
    for (const pod of simulation.pods()) assert.equal(pod.status?.phase, 'Succeeded');
  });

  test('indexed job completes every index', async () => {
    const result = await runCli(['get', 'jobs', '-f', `${SCENARIOS}/job-indexed.yaml`, '--at', '1m']);
    assert.match(result.stdout, /^indexed-work {3}Complete {3}4\/4 {11}\d+s/m);
    const described = await runCli(['describe', 'job', 'indexed-work', '-f', `${SCENARIOS}/job-indexed.yaml`, '--at', '1m']);
    assert.match(described.stdout, /^Completed Indexes: {2}0-3$/m);
    assert.match(described.stdout, /^Pods Statuses: {6}0 Active \(0 Ready\) \/ 4 Succeeded \/ 0 Failed$/m);
  });
});

describe('daemonset', () => {
  test('one pod per node', async () => {
    const simulation = await simulateFile(`${SCENARIOS}/daemonset.yaml`, 60_000);
    const nodes = simulation.pods().map((pod) => pod.spec.nodeName).sort();
    assert.deepEqual(nodes, ['node-1', 'node-2', 'node-3']);
    const result = await runCli(['get', 'ds', '-f', `${SCENARIOS}/daemonset.yaml`, '--at', '1m']);
    assert.equal(
      result.stdout,
      'NAME                DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR   AGE\n' +
        'example-daemonset   3         3         3       3            3           <none>          60s\n',
    );
  });
});

describe('statefulset', () => {
  test('web-0 starts before web-1', async () => {
    const early = await simulateFile(`${SCENARIOS}/statefulset-ordered-start.yaml`, 4_000);
    assert.deepEqual(early.pods().map((pod) => pod.metadata.name), ['web-0']);
    const later = await simulateFile(`${SCENARIOS}/statefulset-ordered-start.yaml`, 60_000);
    const created = new Map(later.pods().map((pod) => [pod.metadata.name, Date.parse(pod.metadata.creationTimestamp ?? '')]));
    assert.ok((created.get('web-0') ?? 0) < (created.get('web-1') ?? 0));
    assert.ok((created.get('web-1') ?? 0) < (created.get('web-2') ?? 0));
    assert.equal(later.list<StatefulSet>('StatefulSet')[0].status?.readyReplicas, 3);
  });
});

describe('service', () => {
  test('endpoints list only ready pods', async () => {
    // Pods with index 0..2; only those labelled ready=yes pass their readiness probe.
    const pod = (name: string, ready: boolean) => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  labels: {app: api}
  annotations:
    podsim.io/behavior: |
      app: {${ready ? 'healthyAfter: 1s' : 'healthyAfter: 1h'}}
spec:
  containers:
  - name: app
    image: nginx:1.25
    ports: [{containerPort: 80}]
    readinessProbe: {httpGet: {path: /, port: 80}, periodSeconds: 2}
---
`;
    const service = `apiVersion: v1
kind: Service
metadata: {name: api}
spec:
  selector: {app: api}
  ports: [{port: 80}]
`;
    const simulation = await simulateYaml(pod('ready-a', true) + pod('ready-b', true) + pod('never-ready', false) + service, 60_000);
    const endpoints = simulation.list<Endpoints>('Endpoints')[0];
    const readyNames = (endpoints.subsets ?? []).flatMap((subset) => (subset.addresses ?? []).map((address) => address.targetRef?.name)).sort();
    const notReadyNames = (endpoints.subsets ?? []).flatMap((subset) => (subset.notReadyAddresses ?? []).map((address) => address.targetRef?.name));
    assert.deepEqual(readyNames, ['ready-a', 'ready-b']);
    assert.deepEqual(notReadyNames, ['never-ready']);
    const ips = new Map(simulation.pods().map((entry) => [entry.metadata.name, entry.status?.podIP]));
    const cell = [ips.get('ready-a'), ips.get('ready-b')].map((ip) => `${ip}:80`).sort().join(',');
    assert.ok(!cell.includes(String(ips.get('never-ready'))));
  });
});

describe('admission', () => {
  test('podpreset adds env and annotation', async () => {
    const simulation = await simulateFile(`${SCENARIOS}/admission-podpreset.yaml`, 10_000);
    const pod = simulation.pod('default', 'website');
    assert.ok(pod);
    const preset = simulation.list('PodPreset')[0];
    assert.equal(pod.metadata.annotations?.['podpreset.admission.kubernetes.io/podpreset-allow-database'], preset.metadata.resourceVersion);
    assert.deepEqual(pod.spec.containers[0].env, [{ name: 'DB_PORT', value: '6379' }]);
    assert.ok(pod.spec.volumes?.some((volume) => volume.name === 'cache-volume'));
    assert.ok(pod.spec.containers[0].volumeMounts?.some((mount) => mount.mountPath === '/cache'));
  });

  test('pod security baseline rejects privileged pod', async () => {
    const result = await runCli(['get', 'pods', '-n', 'restricted-area', '-f', `${SCENARIOS}/admission-pod-security.yaml`]);
    assert.equal(result.code, 1);
    assert.equal(result.stdout, '');
    assert.match(
      result.stderr,
      /^Error from server \(Forbidden\): error when creating "[^"]*scenarios\/controllers\/admission-pod-security\.yaml": pods "privileged-shell" is forbidden: violates PodSecurity "baseline:latest": privileged \(container "shell" must not set securityContext\.privileged=true\)\nNo resources found in restricted-area namespace\.\n$/,
    );
  });
});

describe('node failure', () => {
  test('deployment pods replaced on other nodes', async () => {
    const before = await simulateFile(`${SCENARIOS}/node-failure.yaml`, 6 * 60_000);
    assert.equal(before.pods().length, 3, 'no pod is evicted before the 300 s toleration runs out');
    const simulation = await simulateFile(`${SCENARIOS}/node-failure.yaml`, 7 * 60_000);
    const live = livePods(simulation);
    assert.equal(live.length, 3);
    for (const pod of live) assert.notEqual(pod.spec.nodeName, 'node-2');
    const evicted = simulation.pods().filter((pod) => pod.metadata.deletionTimestamp);
    assert.equal(evicted.length, 1);
    assert.equal(evicted[0].spec.nodeName, 'node-2');
    assert.ok(simulation.events().some((event) => event.reason === 'TaintManagerEviction' && event.message === `Marking for deletion Pod default/${evicted[0].metadata.name}`));
    const nodes = await runCli(['get', 'nodes', '-f', `${SCENARIOS}/node-failure.yaml`, '--at', '7m']);
    assert.match(nodes.stdout, /^node-2 {3}NotReady {3}<none> {3}7m {4}v1\.31\.14$/m);
  });
});
