/**
 * Documented container timelines played through the real engine: the
 * Kubernetes docs' examples (copied in test/data/k8s-examples), shared
 * files, DNS waits, probe output texts, hooks, termination messages and signals.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import type { Event, KubeObject, Pod } from '../../src/api/v1.js';
import { Simulation } from '../../src/cluster/simulation.js';

const EXAMPLES = '../data/k8s-examples/kubernetes-website/content/en/examples/pods/';
const INIT_EXAMPLE = '../data/k8s-examples/kubernetes-website-extracted/content/en/docs/concepts/workloads/pods/init-containers/';
const EPOCH_MS = Date.parse('2026-01-01T00:00:00Z');

function parse(text: string): KubeObject[] {
  return parseAllDocuments(text)
    .map((document) => document.toJS() as KubeObject)
    .filter((object) => object !== null);
}

function load(path: string): KubeObject[] {
  return parse(readFileSync(new URL(path, import.meta.url), 'utf8'));
}

async function simulate(objects: KubeObject[]): Promise<Simulation> {
  const simulation = await Simulation.create({ engine: 'wasm', seed: 1 });
  const result = simulation.apply(objects);
  assert.deepEqual(result.errors, []);
  return simulation;
}

function podNamed(simulation: Simulation, name: string): Pod {
  const pod = simulation.pod('default', name);
  assert.ok(pod, `pod ${name} exists`);
  return pod;
}

function eventsOf(simulation: Simulation, name: string, reason?: string): Event[] {
  return simulation.eventsFor(podNamed(simulation, name)).filter((event) => reason === undefined || event.reason === reason);
}

/** Simulated ms of an event's first occurrence. */
function firstMs(event: Event): number {
  return Date.parse(event.firstTimestamp) - EPOCH_MS;
}

function busyboxPod(name: string, spec: Record<string, unknown>): KubeObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec } as unknown as KubeObject;
}

test('exec-liveness restarts after the file goes', async () => {
  const simulation = await simulate(load(`${EXAMPLES}probe/exec-liveness.yaml`));
  simulation.advanceTo(120_000);
  const started = eventsOf(simulation, 'liveness-exec', 'Started');
  const killing = eventsOf(simulation, 'liveness-exec', 'Killing');
  assert.ok(started.length > 0, 'a Started event');
  assert.ok(killing.length > 0, 'a Killing event');
  assert.equal(killing[0]!.message, 'Container liveness failed liveness probe, will be restarted');
  const failedAfterMs = firstMs(killing[0]!) - firstMs(started[0]!);
  assert.ok(failedAfterMs >= 35_000, `liveness failed ${failedAfterMs} ms after the start`);
  assert.ok(failedAfterMs <= 45_000, `liveness failed ${failedAfterMs} ms after the start`);
  const unhealthy = eventsOf(simulation, 'liveness-exec', 'Unhealthy');
  assert.equal(unhealthy[0]!.message, "Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory");
  assert.ok((podNamed(simulation, 'liveness-exec').status?.containerStatuses?.[0]?.restartCount ?? 0) >= 1);
});

test('http-liveness fails after 10 seconds', async () => {
  const simulation = await simulate(load(`${EXAMPLES}probe/http-liveness.yaml`));
  simulation.advanceTo(60_000);
  const started = eventsOf(simulation, 'liveness-http', 'Started');
  const unhealthy = eventsOf(simulation, 'liveness-http', 'Unhealthy');
  assert.ok(unhealthy.length > 0);
  assert.equal(unhealthy[0]!.message, 'Liveness probe failed: HTTP probe failed with statuscode: 500');
  assert.ok(firstMs(unhealthy[0]!) - firstMs(started[0]!) >= 10_000);
});

test('init-containers wait for both Services', async () => {
  const simulation = await simulate(load(`${INIT_EXAMPLE}myapp.yaml`));
  const [myservice, mydb] = load(`${INIT_EXAMPLE}services.yaml`);
  simulation.advanceTo(60_000);
  let pod = podNamed(simulation, 'myapp-pod');
  assert.ok(pod.status?.initContainerStatuses?.[0]?.state?.running, 'init-myservice still loops at 60s');
  assert.equal(pod.status?.phase, 'Pending');

  simulation.apply([myservice!]);
  simulation.advanceTo(63_000);
  pod = podNamed(simulation, 'myapp-pod');
  const first = pod.status?.initContainerStatuses?.[0]?.state?.terminated;
  assert.equal(first?.exitCode, 0, 'init-myservice ends on its next loop');
  assert.ok(Date.parse(first!.finishedAt!) - EPOCH_MS <= 62_000);

  simulation.advanceTo(90_000);
  pod = podNamed(simulation, 'myapp-pod');
  assert.ok(pod.status?.initContainerStatuses?.[1]?.state?.running, 'init-mydb waits for mydb');
  assert.equal(pod.status?.containerStatuses?.[0]?.state?.running, undefined);

  simulation.apply([mydb!]);
  simulation.advanceTo(100_000);
  pod = podNamed(simulation, 'myapp-pod');
  assert.equal(pod.status?.initContainerStatuses?.[1]?.state?.terminated?.exitCode, 0);
  assert.ok(pod.status?.containerStatuses?.[0]?.state?.running, 'the app runs once both Services exist');
});

test('init wait resolves NAME.NS and short names', async () => {
  const service = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'db' }, spec: { ports: [{ port: 5432 }] } } as unknown as KubeObject;
  const simulation = await simulate([
    busyboxPod('short', { initContainers: [{ name: 'wait', image: 'busybox', command: ['sh', '-c', 'until nslookup db; do sleep 2; done'] }], containers: [{ name: 'app', image: 'busybox', command: ['sleep', '3600'] }] }),
    busyboxPod('dotted', { initContainers: [{ name: 'wait', image: 'busybox', command: ['sh', '-c', 'until nslookup db.default; do sleep 2; done'] }], containers: [{ name: 'app', image: 'busybox', command: ['sleep', '3600'] }] }),
  ]);
  simulation.advanceTo(30_000);
  simulation.apply([service]);
  simulation.advanceTo(40_000);
  for (const name of ['short', 'dotted']) {
    assert.equal(podNamed(simulation, name).status?.initContainerStatuses?.[0]?.state?.terminated?.exitCode, 0, name);
  }
});

test('lifecycle-events postStart writes the file', async () => {
  const [example] = load(`${EXAMPLES}lifecycle-events.yaml`) as Pod[];
  const reader = structuredClone(example!);
  reader.metadata.name = 'lifecycle-reader';
  reader.spec.containers[0]!.readinessProbe = { exec: { command: ['cat', '/usr/share/message'] }, periodSeconds: 1 };
  const simulation = await simulate([example!, reader]);
  simulation.advanceTo(20_000);
  assert.equal(podNamed(simulation, 'lifecycle-demo').status?.phase, 'Running');
  assert.equal(podNamed(simulation, 'lifecycle-reader').status?.containerStatuses?.[0]?.ready, true);
  assert.equal(eventsOf(simulation, 'lifecycle-reader', 'Unhealthy').length, 0);
});

test('failing postStart kills and restarts', async () => {
  const simulation = await simulate([
    busyboxPod('hook', { containers: [{ name: 'app', image: 'busybox', command: ['sleep', '3600'], lifecycle: { postStart: { exec: { command: ['sh', '-c', 'sleep 2; exit 1'] } } } }] }),
  ]);
  simulation.advanceTo(60_000);
  const failed = eventsOf(simulation, 'hook', 'FailedPostStartHook');
  assert.equal(failed[0]?.message, 'PostStartHook failed');
  assert.equal(failed[0]?.type, 'Warning');
  assert.equal(eventsOf(simulation, 'hook', 'Killing')[0]?.message, 'FailedPostStartHook');
  assert.ok((podNamed(simulation, 'hook').status?.containerStatuses?.[0]?.restartCount ?? 0) >= 1);
});

test('postStart holds the container waiting', async () => {
  const simulation = await simulate([
    busyboxPod('slow-hook', { containers: [{ name: 'app', image: 'busybox', command: ['sleep', '3600'], lifecycle: { postStart: { exec: { command: ['sh', '-c', 'sleep 20'] } } } }] }),
  ]);
  simulation.advanceTo(15_000);
  assert.equal(podNamed(simulation, 'slow-hook').status?.containerStatuses?.[0]?.state?.waiting?.reason, 'ContainerCreating');
  simulation.advanceTo(30_000);
  assert.ok(podNamed(simulation, 'slow-hook').status?.containerStatuses?.[0]?.state?.running);
});

test('sidecar file read by exec probe', async () => {
  const simulation = await simulate([
    busyboxPod('shared', {
      volumes: [{ name: 'shared', emptyDir: {} }],
      containers: [
        { name: 'app', image: 'busybox', command: ['sleep', '3600'], volumeMounts: [{ name: 'shared', mountPath: '/ready' }], readinessProbe: { exec: { command: ['cat', '/ready/ok'] }, periodSeconds: 2 } },
        { name: 'writer', image: 'busybox', command: ['sh', '-c', 'sleep 20; touch /data/ok; sleep 3600'], volumeMounts: [{ name: 'shared', mountPath: '/data' }] },
      ],
    }),
  ]);
  simulation.advanceTo(15_000);
  const app = () => podNamed(simulation, 'shared').status?.containerStatuses?.find((status) => status.name === 'app');
  assert.equal(app()?.ready, false);
  assert.equal(eventsOf(simulation, 'shared', 'Unhealthy')[0]?.message, "Readiness probe failed: cat: can't open '/ready/ok': No such file or directory");
  simulation.advanceTo(40_000);
  assert.equal(app()?.ready, true);
});

test('exec probe past its timeout fails', async () => {
  const simulation = await simulate([
    busyboxPod('slow-probe', { containers: [{ name: 'app', image: 'busybox', command: ['sleep', '3600'], readinessProbe: { exec: { command: ['sh', '-c', 'sleep 5'] }, timeoutSeconds: 1 } }] }),
  ]);
  simulation.advanceTo(30_000);
  assert.equal(eventsOf(simulation, 'slow-probe', 'Unhealthy')[0]?.message, 'Readiness probe failed: command timed out: "sh -c sleep 5" timed out after 1s');
});

test('httpGet before the server listens', async () => {
  const simulation = await simulate([
    busyboxPod('slow-server', {
      containers: [{ name: 'web', image: 'nginx', command: ['sh', '-c', "sleep 40; exec nginx -g 'daemon off;'"], readinessProbe: { httpGet: { path: '/', port: 80 }, periodSeconds: 5 } }],
    }),
  ]);
  simulation.advanceTo(30_000);
  const pod = podNamed(simulation, 'slow-server');
  const ip = pod.status?.podIP ?? '';
  assert.ok(ip !== '');
  assert.equal(eventsOf(simulation, 'slow-server', 'Unhealthy')[0]?.message, `Readiness probe failed: Get "http://${ip}:80/": dial tcp ${ip}:80: connect: connection refused`);
  simulation.advanceTo(70_000);
  assert.equal(podNamed(simulation, 'slow-server').status?.containerStatuses?.[0]?.ready, true);
});

test('tcpSocket on a closed port', async () => {
  const simulation = await simulate([
    busyboxPod('closed', { containers: [{ name: 'app', image: 'busybox', command: ['sleep', '3600'], readinessProbe: { tcpSocket: { port: 8080 } } }] }),
  ]);
  simulation.advanceTo(30_000);
  const ip = podNamed(simulation, 'closed').status?.podIP ?? '';
  assert.equal(eventsOf(simulation, 'closed', 'Unhealthy')[0]?.message, `Readiness probe failed: dial tcp ${ip}:8080: connect: connection refused`);
});

test('termination message from the file', async () => {
  const simulation = await simulate([
    busyboxPod('message', { restartPolicy: 'Never', containers: [{ name: 'app', image: 'busybox', command: ['sh', '-c', 'echo done badly > /dev/termination-log; exit 3'] }] }),
    busyboxPod('fallback', {
      restartPolicy: 'Never',
      containers: [{ name: 'app', image: 'busybox', terminationMessagePolicy: 'FallbackToLogsOnError', command: ['sh', '-c', 'echo starting; echo disk full; exit 1'] }],
    }),
  ]);
  simulation.advanceTo(20_000);
  assert.equal(podNamed(simulation, 'message').status?.containerStatuses?.[0]?.state?.terminated?.message, 'done badly\n');
  assert.equal(podNamed(simulation, 'fallback').status?.containerStatuses?.[0]?.state?.terminated?.message, 'starting\ndisk full\n');
});

test('unsupported command is reported', async () => {
  const simulation = await simulate([busyboxPod('odd', { containers: [{ name: 'app', image: 'busybox', command: ['sh', '-c', 'frobnicate --now'] }] })]);
  simulation.advanceTo(10_000);
  const warning = eventsOf(simulation, 'odd', 'PodsimUnsupportedCommand')[0];
  assert.equal(warning?.type, 'Warning');
  assert.match(warning?.message ?? '', /frobnicate/);
  assert.equal(podNamed(simulation, 'odd').metadata.annotations?.['podsim.io/unsupported-app'], 'frobnicate');
  assert.ok(podNamed(simulation, 'odd').status?.containerStatuses?.[0]?.state?.running, 'the container runs until stopped');
});

test('shell ignores SIGTERM unless trapped', async () => {
  const simulation = await simulate([
    busyboxPod('ignores', { containers: [{ name: 'app', image: 'busybox', command: ['sh', '-c', 'sleep 3600'] }] }),
    busyboxPod('traps', { containers: [{ name: 'app', image: 'busybox', command: ['sh', '-c', "trap 'exit 0' TERM; sleep 3600 & wait"] }] }),
  ]);
  simulation.advanceTo(10_000);
  const finished: Record<string, { exitCode?: number; atMs: number }> = {};
  simulation.onChange((change) => {
    const terminated = change.pod.status?.containerStatuses?.[0]?.state?.terminated;
    const name = change.pod.metadata.name ?? '';
    if (terminated && finished[name] === undefined) finished[name] = { exitCode: terminated.exitCode, atMs: Date.parse(terminated.finishedAt!) - EPOCH_MS };
  });
  simulation.deletePod('default', 'ignores');
  simulation.deletePod('default', 'traps');
  simulation.advanceTo(60_000);
  assert.equal(finished['traps']?.exitCode, 0);
  assert.ok((finished['traps']?.atMs ?? Infinity) <= 11_000);
  assert.equal(finished['ignores']?.exitCode, 137);
  assert.ok((finished['ignores']?.atMs ?? 0) >= 40_000, 'SIGKILL at the end of the 30 s grace period');
});

test('preStop longer than the grace is cut off', async () => {
  const simulation = await simulate([
    busyboxPod('slow-stop', {
      terminationGracePeriodSeconds: 10,
      containers: [{ name: 'app', image: 'busybox', command: ['sh', '-c', 'sleep 3600'], lifecycle: { preStop: { exec: { command: ['sh', '-c', 'sleep 60'] } } } }],
    }),
  ]);
  simulation.advanceTo(10_000);
  simulation.deletePod('default', 'slow-stop');
  simulation.advanceTo(22_500);
  assert.equal(simulation.pod('default', 'slow-stop'), undefined, 'the pod is gone 10 s + 2 s after the delete');
});
