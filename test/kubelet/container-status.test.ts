import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Container, ContainerStatus } from '../../src/api/v1.js';
import { ContainerStateCode, WaitingReasonCode, type EngineContainerState } from '../../src/engine/types.js';
import {
  buildContainerStatuses,
  crashLoopBackOffMessage,
  toContainerStatus,
  type ContainerStatusContext,
} from '../../src/kubelet/container-status.js';
import { containerIdFor, imageIdFor, normalizeImageName } from '../../src/kubelet/identity.js';
import { convertRuntimeStatus, type RuntimeInstance } from '../../src/kubelet/runtime-status.js';
import { formatRfc3339 } from '../../src/kubelet/time.js';
import { casesFor } from './case-data.js';
import { engineState } from './engine-state.js';

interface CaseInstance {
  state: 'running' | 'exited' | 'unknown';
  exitCode?: number;
}
interface CaseRuntime {
  name: string;
  instancesNewestFirst: CaseInstance[];
}
interface CaseInput {
  restartPolicy: string;
  kind: 'regular' | 'init';
  runtime: CaseRuntime[];
  startErrorRecorded?: Record<string, string>;
  previousApiStatus?: Record<string, Partial<ContainerStatus>>;
}

/** Asserts that every field in `expected` is present in `actual` with the same value. */
function assertSubset(actual: unknown, expected: unknown, path: string): void {
  if (expected !== null && typeof expected === 'object') {
    assert.equal(typeof actual, 'object', `${path} should be an object, got ${JSON.stringify(actual)}`);
    assert.notEqual(actual, null, `${path} should be an object, got null`);
    for (const [key, value] of Object.entries(expected)) {
      assertSubset((actual as Record<string, unknown>)[key], value, `${path}.${key}`);
    }
    return;
  }
  assert.equal(actual, expected, path);
}

const statusCases = casesFor('containerStatus');

test('containerStatus cases are present', () => {
  assert.equal(statusCases.length, 4);
});

for (const c of statusCases) {
  const input = c.input as unknown as CaseInput;
  for (const runtime of input.runtime) {
    test(`convertRuntimeStatus ${c.id} ${runtime.name}`, () => {
      const startError = input.startErrorRecorded?.[runtime.name];
      const result = convertRuntimeStatus({
        instancesNewestFirst: runtime.instancesNewestFirst as RuntimeInstance[],
        kind: input.kind,
        restartPolicy: input.restartPolicy,
        startError: startError ? { reason: startError } : undefined,
        previousStatus: input.previousApiStatus?.[runtime.name] as ContainerStatus | undefined,
        defaultWaitingReason: 'ContainerCreating',
        formatTime: (ms) => formatRfc3339(ms),
      });
      const expected = c.expected[runtime.name] as { state: unknown; lastState: unknown };
      assertSubset(result.state, expected.state, 'state');
      assertSubset(result.lastState, expected.lastState, 'lastState');
      assert.equal(Object.keys(result.state).length, 1, 'state has exactly one member');
    });

    // The engine has no "unknown" runtime state, so such cases go through convertRuntimeStatus only.
    if (runtime.instancesNewestFirst.some((i) => i.state === 'unknown')) {
      continue;
    }
    test(`toContainerStatus ${c.id} ${runtime.name}`, () => {
      const [newest, older] = runtime.instancesNewestFirst;
      const engine = engineState({
        state: newest!.state === 'running' ? ContainerStateCode.Running : ContainerStateCode.Terminated,
        waitingReason: WaitingReasonCode.None,
        restartCount: runtime.instancesNewestFirst.length - 1,
        startedAtMs: 1_000,
        finishedAtMs: newest!.state === 'exited' ? 2_000 : -1,
        exitCode: newest!.exitCode ?? 0,
        hasLast: older !== undefined,
        lastStartedAtMs: 0,
        lastFinishedAtMs: 500,
        lastExitCode: older?.exitCode ?? 0,
      });
      const startError = input.startErrorRecorded?.[runtime.name];
      const status = toContainerStatus({ name: runtime.name, image: 'busybox' }, engine, {
        podName: 'web-0',
        namespace: 'default',
        podUid: 'uid-1',
        isInitContainer: input.kind === 'init',
        podHasInitContainers: input.kind === 'init',
        restartPolicy: input.restartPolicy,
        startError: startError ? { reason: startError } : undefined,
      });
      const expected = c.expected[runtime.name] as { state: unknown; lastState: unknown };
      assertSubset(status.state, expected.state, 'state');
      assertSubset(status.lastState, expected.lastState, 'lastState');
    });
  }
}

const ctx: ContainerStatusContext = {
  podName: 'web-0',
  namespace: 'default',
  podUid: '5b1f0c3e-1111-4222-8333-944455556666',
  isInitContainer: false,
  podHasInitContainers: false,
};
const app: Container = { name: 'app', image: 'busybox' };

test('toContainerStatus CrashLoopBackOff waiting', () => {
  const engine = engineState({
    state: ContainerStateCode.Waiting,
    waitingReason: WaitingReasonCode.CrashLoopBackOff,
    backOffMs: 40_000,
    restartCount: 3,
    hasLast: true,
    lastStartedAtMs: 61_000,
    lastFinishedAtMs: 62_500,
    lastExitCode: 1,
  });
  const status = toContainerStatus(app, engine, ctx);
  assert.deepEqual(status.state, {
    waiting: {
      reason: 'CrashLoopBackOff',
      message: `back-off 40s restarting failed container=app pod=web-0_default(${ctx.podUid})`,
    },
  });
  assert.deepEqual(status.lastState, {
    terminated: {
      exitCode: 1,
      reason: 'Error',
      startedAt: '2026-01-01T00:01:01Z',
      finishedAt: '2026-01-01T00:01:02Z',
      containerID: containerIdFor(ctx.podUid, 'app', 3),
    },
  });
  assert.equal(status.restartCount, 3);
  assert.equal(status.containerID, containerIdFor(ctx.podUid, 'app', 3));
  assert.equal(status.started, false);
  assert.equal(status.ready, false);
});

test('crashLoopBackOffMessage Go durations', () => {
  assert.equal(crashLoopBackOffMessage(80_000, 'app', 'p', 'ns', 'u'), 'back-off 1m20s restarting failed container=app pod=p_ns(u)');
  assert.equal(crashLoopBackOffMessage(300_000, 'app', 'p', 'ns', 'u'), 'back-off 5m0s restarting failed container=app pod=p_ns(u)');
});

test('toContainerStatus default waiting reasons', () => {
  const plain = toContainerStatus(app, engineState(), ctx);
  assert.deepEqual(plain.state, { waiting: { reason: 'ContainerCreating' } });
  assert.equal(plain.containerID, undefined);
  assert.equal(plain.imageID, '');
  assert.deepEqual(plain.lastState, {});

  const withInit = toContainerStatus(app, engineState(), { ...ctx, podHasInitContainers: true });
  assert.deepEqual(withInit.state, { waiting: { reason: 'PodInitializing' } });
});

test('toContainerStatus created not started', () => {
  const status = toContainerStatus(app, engineState({ waitingReason: WaitingReasonCode.None }), ctx);
  assert.deepEqual(status.state, { waiting: {} });
  assert.ok(status.containerID?.startsWith('containerd://'));
});

test('toContainerStatus running fields', () => {
  const engine = engineState({ state: ContainerStateCode.Running, startedAtMs: 3_999, ready: true, started: 1 });
  const status = toContainerStatus(app, engine, ctx);
  assert.deepEqual(status.state, { running: { startedAt: '2026-01-01T00:00:03Z' } });
  assert.equal(status.ready, true);
  assert.equal(status.started, true);
  assert.equal(status.image, 'docker.io/library/busybox:latest');
  assert.match(status.imageID, /^docker\.io\/library\/busybox@sha256:[0-9a-f]{64}$/);
  assert.match(status.containerID ?? '', /^containerd:\/\/[0-9a-f]{64}$/);
});

test('toContainerStatus Always exit 0 stays terminated until back-off', () => {
  const engine = engineState({ state: ContainerStateCode.Terminated, startedAtMs: 0, finishedAtMs: 5_000, exitCode: 0 });
  const status = toContainerStatus(app, engine, ctx);
  assert.equal(status.state?.terminated?.reason, 'Completed');
  assert.equal(status.state?.terminated?.exitCode, 0);
});

test('toContainerStatus terminated never shows signal', () => {
  const engine = engineState({ state: ContainerStateCode.Terminated, exitCode: 137, signal: 9, startedAtMs: 0, finishedAtMs: 1_000 });
  const status = toContainerStatus(app, engine, { ...ctx, restartPolicy: 'Never' });
  assert.equal(status.state?.terminated?.reason, 'Error');
  assert.equal(status.state?.terminated?.signal, undefined);
});

test('convertRuntimeStatus vanished running container', () => {
  const previous: ContainerStatus = {
    name: 'app',
    state: { running: {} },
    ready: true,
    restartCount: 2,
    image: '',
    imageID: '',
  };
  const result = convertRuntimeStatus({
    instancesNewestFirst: [],
    kind: 'regular',
    previousStatus: previous,
    defaultWaitingReason: 'ContainerCreating',
    formatTime: (ms) => formatRfc3339(ms),
  });
  assert.equal(result.lastState.terminated?.reason, 'ContainerStatusUnknown');
  assert.equal(
    result.lastState.terminated?.message,
    'The container could not be located when the pod was deleted.  The container used to be Running',
  );
  assert.equal(result.restartCount, 3);
});

test('buildContainerStatuses sorts regular, keeps init order', () => {
  const states = new Map<string, EngineContainerState>(
    ['zeta', 'alpha', 'setup-b', 'setup-a', 'mid'].map((name) => [name, engineState()]),
  );
  const result = buildContainerStatuses(
    {
      initContainers: [{ name: 'setup-b' }, { name: 'setup-a' }],
      containers: [{ name: 'zeta' }, { name: 'alpha' }, { name: 'mid' }],
    },
    states,
    { podName: 'p', namespace: 'default', podUid: 'u' },
  );
  assert.deepEqual(result.initContainerStatuses.map((s) => s.name), ['setup-b', 'setup-a']);
  assert.deepEqual(result.containerStatuses.map((s) => s.name), ['alpha', 'mid', 'zeta']);
  assert.equal(result.containerStatuses[0]?.state?.waiting?.reason, 'PodInitializing');
});

test('normalizeImageName containerd rules', () => {
  const cases: [string, string][] = [
    ['busybox', 'docker.io/library/busybox:latest'],
    ['nginx:1.27', 'docker.io/library/nginx:1.27'],
    ['bitnami/redis', 'docker.io/bitnami/redis:latest'],
    ['registry.k8s.io/pause:3.10', 'registry.k8s.io/pause:3.10'],
    ['localhost:5000/app', 'localhost:5000/app:latest'],
    ['localhost/app:v1', 'localhost/app:v1'],
  ];
  for (const [input, expected] of cases) {
    assert.equal(normalizeImageName(input), expected, input);
  }
});

test('imageIdFor keeps a given digest', () => {
  const digest = `sha256:${'a'.repeat(64)}`;
  assert.equal(imageIdFor(`busybox@${digest}`), `docker.io/library/busybox@${digest}`);
  assert.equal(imageIdFor('busybox'), imageIdFor('docker.io/library/busybox:latest'));
});

test('containerIdFor is deterministic per restart', () => {
  assert.equal(containerIdFor('u', 'app', 0), containerIdFor('u', 'app', 0));
  assert.notEqual(containerIdFor('u', 'app', 0), containerIdFor('u', 'app', 1));
});
