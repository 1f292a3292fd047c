import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Pod } from '../../src/api/v1.js';
import { ContainerStateCode, WaitingReasonCode, type EnginePodState } from '../../src/engine/types.js';
import { buildPodStatus } from '../../src/kubelet/pod-status.js';
import { engineState } from './engine-state.js';

function makePod(restartPolicy = 'Always'): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web-0', namespace: 'default', uid: 'uid-1' },
    spec: {
      restartPolicy,
      initContainers: [{ name: 'setup', image: 'busybox' }],
      containers: [
        { name: 'web', image: 'nginx:1.27' },
        { name: 'app', image: 'busybox' },
      ],
    },
  };
}

function podState(overrides: Partial<EnginePodState> = {}): EnginePodState {
  return { startedAtMs: 0, sandboxReady: true, terminal: false, deadlineExceeded: false, deleting: false, removed: false, ...overrides };
}

const initDone = engineState({ state: ContainerStateCode.Terminated, exitCode: 0, startedAtMs: 1_000, finishedAtMs: 2_000, ready: true });
const running = engineState({ state: ContainerStateCode.Running, startedAtMs: 3_000, ready: true, started: 1 });

test('buildPodStatus running pod', () => {
  const status = buildPodStatus(makePod(), podState(), [initDone, running, running], {
    nowMs: 4_000,
    hostIP: '192.168.49.2',
    podIP: '10.244.0.5',
  });
  assert.equal(status.phase, 'Running');
  assert.deepEqual(
    status.conditions?.map((c) => `${c.type}=${c.status}`),
    ['PodReadyToStartContainers=True', 'Initialized=True', 'Ready=True', 'ContainersReady=True', 'PodScheduled=True'],
  );
  assert.equal(status.hostIP, '192.168.49.2');
  assert.deepEqual(status.hostIPs, [{ ip: '192.168.49.2' }]);
  assert.equal(status.podIP, '10.244.0.5');
  assert.deepEqual(status.podIPs, [{ ip: '10.244.0.5' }]);
  assert.equal(status.startTime, '2026-01-01T00:00:00Z');
  assert.equal(status.qosClass, 'BestEffort');
  assert.deepEqual(status.initContainerStatuses?.map((s) => s.name), ['setup']);
  assert.deepEqual(status.containerStatuses?.map((s) => s.name), ['app', 'web']);
  assert.equal(status.containerStatuses?.[1]?.image, 'docker.io/library/nginx:1.27');
});

test('buildPodStatus accepts states by name', () => {
  const states = new Map([
    ['setup', initDone],
    ['web', running],
    ['app', running],
  ]);
  const status = buildPodStatus(makePod(), podState(), states, { nowMs: 4_000 });
  assert.equal(status.phase, 'Running');
});

test('buildPodStatus pending before sandbox', () => {
  const waiting = engineState();
  const status = buildPodStatus(makePod(), podState({ startedAtMs: -1, sandboxReady: false }), [waiting, waiting, waiting], {
    nowMs: 0,
    podIP: '10.244.0.5',
  });
  assert.equal(status.phase, 'Pending');
  assert.equal(status.podIP, undefined);
  assert.equal(status.startTime, undefined);
  assert.equal(status.containerStatuses?.[0]?.state?.waiting?.reason, 'PodInitializing');
  assert.equal(status.conditions?.[0]?.status, 'False');
});

test('buildPodStatus deadline exceeded', () => {
  const killed = engineState({ state: ContainerStateCode.Terminated, exitCode: 137, startedAtMs: 3_000, finishedAtMs: 40_000 });
  const status = buildPodStatus(makePod(), podState({ deadlineExceeded: true, terminal: true }), [initDone, killed, killed], {
    nowMs: 40_000,
  });
  assert.equal(status.phase, 'Failed');
  assert.equal(status.reason, 'DeadlineExceeded');
  assert.equal(status.message, 'Pod was active on the node longer than the specified deadline');
  assert.equal(status.conditions?.find((c) => c.type === 'Ready')?.reason, 'PodFailed');
});

test('buildPodStatus terminal phase is sticky', () => {
  const crashLooping = engineState({
    waitingReason: WaitingReasonCode.CrashLoopBackOff,
    backOffMs: 10_000,
    hasLast: true,
    lastExitCode: 1,
  });
  const previous = { phase: 'Failed', reason: 'Evicted', message: 'The node was low on resource: memory.' };
  const status = buildPodStatus(makePod(), podState(), [initDone, running, crashLooping], { nowMs: 9_000, previousStatus: previous });
  assert.equal(status.phase, 'Failed');
  assert.equal(status.reason, 'Evicted');
});

test('buildPodStatus never leaves a terminal phase', () => {
  const stateArbitrary = fc.constantFrom(
    initDone,
    running,
    engineState(),
    engineState({ state: ContainerStateCode.Terminated, exitCode: 1 }),
    engineState({ waitingReason: WaitingReasonCode.CrashLoopBackOff, hasLast: true, lastExitCode: 0 }),
  );
  fc.assert(
    fc.property(
      fc.constantFrom('Succeeded', 'Failed'),
      fc.constantFrom('Always', 'OnFailure', 'Never'),
      fc.boolean(),
      fc.boolean(),
      fc.tuple(stateArbitrary, stateArbitrary, stateArbitrary),
      (previousPhase, restartPolicy, terminal, deadlineExceeded, states) => {
        const status = buildPodStatus(makePod(restartPolicy), podState({ terminal, deadlineExceeded }), states, {
          nowMs: 1_000,
          previousStatus: { phase: previousPhase },
        });
        assert.equal(status.phase, previousPhase);
      },
    ),
  );
});

test('buildPodStatus rejects a wrong state count', () => {
  assert.throws(() => buildPodStatus(makePod(), podState(), [running], { nowMs: 0 }), /engine reported 1 container states/);
});
