import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from '../../src/api/v1.js';
import { EngineEventCode, KillReasonCode, ProbeTypeCode, type EngineEvent } from '../../src/engine/types.js';
import { kubeletEventFor, scheduledEvent } from '../../src/kubelet/events.js';
import { imageSizeBytes } from '../../src/kubelet/identity.js';

const uid = '5b1f0c3e-1111-4222-8333-944455556666';

function makePod(restartPolicy = 'Always'): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web-0', namespace: 'default', uid },
    spec: {
      restartPolicy,
      initContainers: [
        { name: 'setup', image: 'busybox' },
        { name: 'proxy', image: 'envoy', restartPolicy: 'Always', livenessProbe: { exec: { command: ['true'] } } },
      ],
      containers: [
        {
          name: 'app',
          image: 'busybox',
          ports: [{ name: 'http', containerPort: 8080 }],
          livenessProbe: { httpGet: { path: '/healthz', port: 8080 } },
          readinessProbe: { tcpSocket: { port: 'http' } },
          startupProbe: { exec: { command: ['cat', '/tmp/ready'] } },
        },
      ],
    },
  };
}

/** Engine index of `app`: two init containers come first. */
const APP = 2;
const PROXY = 1;

function engineEvent(code: EngineEventCode, container: number, a = 0, b = 0): EngineEvent {
  return { timeMs: 0, pod: 0, container, code, a, b };
}

test('kubeletEventFor 1.31 container lifecycle strings', () => {
  const pod = makePod();
  const cases: [EngineEvent, string, string, string][] = [
    [engineEvent(EngineEventCode.Pulling, APP), 'Normal', 'Pulling', 'Pulling image "busybox"'],
    [
      engineEvent(EngineEventCode.Pulled, APP, 2_345),
      'Normal',
      'Pulled',
      `Successfully pulled image "busybox" in 2.345s (2.345s including waiting). Image size: ${imageSizeBytes('busybox')} bytes.`,
    ],
    [engineEvent(EngineEventCode.AlreadyPresent, APP), 'Normal', 'Pulled', 'Container image "busybox" already present on machine'],
    [engineEvent(EngineEventCode.Created, APP), 'Normal', 'Created', 'Created container: app'],
    [engineEvent(EngineEventCode.Started, APP), 'Normal', 'Started', 'Started container app'],
    [engineEvent(EngineEventCode.Killing, APP, KillReasonCode.Stop), 'Normal', 'Killing', 'Stopping container app'],
    [
      engineEvent(EngineEventCode.Killing, APP, KillReasonCode.LivenessFailed),
      'Normal',
      'Killing',
      'Container app failed liveness probe, will be restarted',
    ],
    [
      engineEvent(EngineEventCode.Killing, APP, KillReasonCode.StartupFailed),
      'Normal',
      'Killing',
      'Container app failed startup probe, will be restarted',
    ],
    [engineEvent(EngineEventCode.Killing, APP, KillReasonCode.DeadlineExceeded), 'Normal', 'Killing', 'Stopping container app'],
    [
      engineEvent(EngineEventCode.BackOff, APP, 10_000),
      'Warning',
      'BackOff',
      `Back-off restarting failed container app in pod web-0_default(${uid})`,
    ],
    [engineEvent(EngineEventCode.PreStopFailed, APP), 'Warning', 'FailedPreStopHook', 'PreStopHook failed'],
  ];
  for (const [event, type, reason, message] of cases) {
    const result = kubeletEventFor(event, pod);
    assert.equal(result?.type, type, message);
    assert.equal(result?.reason, reason, message);
    assert.equal(result?.message, message);
    assert.equal(result?.fieldPath, 'spec.containers{app}');
    assert.equal(result?.component, 'kubelet');
  }
});

test('kubeletEventFor Killing under Never has no suffix', () => {
  const result = kubeletEventFor(engineEvent(EngineEventCode.Killing, APP, KillReasonCode.LivenessFailed), makePod('Never'));
  assert.equal(result?.message, 'Container app failed liveness probe');
});

test('kubeletEventFor sidecar probe kill', () => {
  const result = kubeletEventFor(engineEvent(EngineEventCode.Killing, PROXY, KillReasonCode.LivenessFailed), makePod());
  assert.equal(result?.message, 'Init container proxy failed liveness probe');
  assert.equal(result?.fieldPath, 'spec.initContainers{proxy}');
});

test('kubeletEventFor Unhealthy output by handler', () => {
  const pod = makePod();
  const liveness = kubeletEventFor(engineEvent(EngineEventCode.ProbeFailed, APP, ProbeTypeCode.Liveness), pod);
  assert.equal(liveness?.type, 'Warning');
  assert.equal(liveness?.reason, 'Unhealthy');
  assert.equal(liveness?.message, 'Liveness probe failed: HTTP probe failed with statuscode: 500');

  const custom = kubeletEventFor(engineEvent(EngineEventCode.ProbeFailed, APP, ProbeTypeCode.Liveness), pod, { httpStatusCode: 503 });
  assert.equal(custom?.message, 'Liveness probe failed: HTTP probe failed with statuscode: 503');

  const readiness = kubeletEventFor(engineEvent(EngineEventCode.ProbeFailed, APP, ProbeTypeCode.Readiness), pod, { podIP: '10.244.0.5' });
  assert.equal(readiness?.message, 'Readiness probe failed: dial tcp 10.244.0.5:8080: connect: connection refused');

  const startup = kubeletEventFor(engineEvent(EngineEventCode.ProbeFailed, APP, ProbeTypeCode.Startup), pod);
  assert.equal(startup?.message, 'Startup probe failed: ');

  const execOutput = kubeletEventFor(engineEvent(EngineEventCode.ProbeFailed, APP, ProbeTypeCode.Startup), pod, {
    execOutput: 'cat: can\'t open \'/tmp/ready\': No such file or directory\n',
  });
  assert.equal(execOutput?.message, "Startup probe failed: cat: can't open '/tmp/ready': No such file or directory\n");
});

test('kubeletEventFor pod-level and silent records', () => {
  const pod = makePod();
  const deadline = kubeletEventFor(engineEvent(EngineEventCode.DeadlineExceeded, -1), pod, { nodeName: 'node-1' });
  assert.equal(deadline?.type, 'Normal');
  assert.equal(deadline?.reason, 'DeadlineExceeded');
  assert.equal(deadline?.message, 'Pod was active on the node longer than the specified deadline');
  assert.equal(deadline?.fieldPath, '');
  assert.equal(deadline?.host, 'node-1');
  assert.deepEqual(deadline?.involvedObject, { name: 'web-0', namespace: 'default', uid });

  for (const code of [
    EngineEventCode.SandboxReady,
    EngineEventCode.Exited,
    EngineEventCode.ProbeResultChanged,
    EngineEventCode.PodTerminal,
    EngineEventCode.PodRemoved,
  ]) {
    assert.equal(kubeletEventFor(engineEvent(code, code === EngineEventCode.SandboxReady ? -1 : APP), pod), null, EngineEventCode[code]);
  }
});

test('kubeletEventFor 1.36 and 1.30 strings', () => {
  const pod = makePod();
  assert.equal(kubeletEventFor(engineEvent(EngineEventCode.Created, APP), pod, { version: '1.36' })?.message, 'Container created');
  assert.equal(kubeletEventFor(engineEvent(EngineEventCode.Started, APP), pod, { version: '1.36' })?.message, 'Container started');
  assert.equal(kubeletEventFor(engineEvent(EngineEventCode.Created, APP), pod, { version: '1.30' })?.message, 'Created container app');
});

test('kubeletEventFor rejects an unknown container index', () => {
  assert.throws(() => kubeletEventFor(engineEvent(EngineEventCode.Started, 9), makePod()), /names container index 9/);
});

test('scheduledEvent message and source', () => {
  const event = scheduledEvent(makePod(), 'node-1');
  assert.equal(event.reason, 'Scheduled');
  assert.equal(event.message, 'Successfully assigned default/web-0 to node-1');
  assert.equal(event.component, 'default-scheduler');
  assert.equal(event.host, 'node-1');
});
