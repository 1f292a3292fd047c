import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Container, Pod } from '../../src/api/v1.js';
import { behaviorFor, parseDuration, pullDurationMs, toEnginePod } from '../../src/behavior/index.js';
import { ContainerKindCode, RestartPolicyCode } from '../../src/engine/types.js';
import { defaultPod } from '../../src/scenario/index.js';

function podWith(container: Partial<Container>, annotations?: Record<string, string>): { pod: Pod; container: Container } {
  const pod = defaultPod({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: annotations === undefined ? { name: 'p' } : { name: 'p', annotations },
    spec: { containers: [{ name: 'app', image: 'busybox:1.36', ...container }] },
  } as Pod);
  return { pod, container: pod.spec.containers[0]! };
}

function behavior(container: Partial<Container>, annotations?: Record<string, string>) {
  const { pod, container: defaulted } = podWith(container, annotations);
  return behaviorFor(pod, defaulted, { seed: 1 });
}

describe('behaviorFor commands', () => {
  const sh = (script: string) => ({ command: ['sh', '-c', script] });
  const cases: Array<{ name: string; container: Partial<Container>; expected: Record<string, number> }> = [
    { name: 'sleep N', container: { command: ['sleep', '30'] }, expected: { runMs: 30000, exitCode: 0, sigtermExitMs: -1 } },
    { name: 'sleep infinity', container: { command: ['sleep', 'infinity'] }, expected: { runMs: -1, sigtermExitMs: -1 } },
    { name: 'exit N', container: sh('exit 3'), expected: { runMs: 0, exitCode: 3 } },
    { name: 'true', container: { command: ['true'] }, expected: { runMs: 0, exitCode: 0 } },
    { name: 'false', container: { command: ['false'] }, expected: { runMs: 0, exitCode: 1 } },
    { name: 'sleep then exit', container: sh('sleep 2; exit 1'), expected: { runMs: 2000, exitCode: 1, sigtermExitMs: -1 } },
    { name: 'and-chain', container: { command: ['bash', '-c', 'echo hi && sleep 5 && exit 42'] }, expected: { runMs: 5000, exitCode: 42 } },
    { name: 'or skips', container: sh('true || exit 9; sleep 1'), expected: { runMs: 1000, exitCode: 0 } },
    { name: 'bin/sh args only', container: { args: ['/bin/sh', '-c', 'echo x; sleep 3'] }, expected: { runMs: 3000, exitCode: 0 } },
    { name: 'suffixed sleep', container: sh('sleep 1m; sleep 500ms 2>/dev/null || true'), expected: { runMs: 60000 } },
    {
      name: 'exec liveness docs example',
      container: {
        args: ['/bin/sh', '-c', 'touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600'],
        livenessProbe: { exec: { command: ['cat', '/tmp/healthy'] }, initialDelaySeconds: 5, periodSeconds: 5 },
      },
      expected: { runMs: 630000, exitCode: 0, healthyFromMs: 0, unhealthyFromMs: 30000, sigtermExitMs: -1 },
    },
    { name: 'while true loop', container: sh('while true; do echo tick; sleep 1; done'), expected: { runMs: -1, sigtermExitMs: -1 } },
    { name: 'trap with loop', container: sh("trap 'exit 0' TERM; while true; do sleep 1; done"), expected: { runMs: -1, sigtermExitMs: 1000, sigtermExitCode: 0 } },
    { name: 'trap with wait', container: sh("trap 'exit 3' TERM; sleep 3600 & wait"), expected: { runMs: 3600000, sigtermExitMs: 0, sigtermExitCode: 3 } },
    { name: 'trap that does not exit', container: sh("trap 'echo bye' TERM; sleep 60"), expected: { runMs: 60000, sigtermExitMs: -1 } },
    { name: 'for loop', container: sh('for i in 1 2 3; do sleep 2; done'), expected: { runMs: 6000 } },
    { name: 'if branch', container: sh('if [ -f /nope ]; then exit 1; else exit 2; fi'), expected: { exitCode: 2 } },
    { name: 'busybox without command', container: {}, expected: { runMs: 0, exitCode: 0 } },
    { name: 'nginx image', container: { image: 'nginx:1.27' }, expected: { runMs: -1, sigtermExitMs: 100, sigtermExitCode: 0 } },
    { name: 'redis image', container: { image: 'redis' }, expected: { runMs: -1, sigtermExitCode: 0 } },
    { name: 'unknown image', container: { image: 'example.com/app:v1' }, expected: { runMs: -1, sigtermExitMs: 0, sigtermExitCode: 143 } },
    { name: 'exec into server', container: { image: 'nginx', command: ['sh', '-c', "echo start; exec nginx -g 'daemon off;'"] }, expected: { runMs: -1, sigtermExitCode: 0 } },
    {
      name: 'liveness server',
      container: { image: 'registry.k8s.io/liveness', args: ['/server'], livenessProbe: { httpGet: { path: '/healthz', port: 8080 } } },
      expected: { runMs: -1, healthyFromMs: 0, unhealthyFromMs: 10000 },
    },
    { name: 'preStop exec sleep', container: { image: 'nginx', lifecycle: { preStop: { exec: { command: ['/bin/sh', '-c', 'sleep 180'] } } } }, expected: { preStopMs: 180000 } },
    { name: 'preStop sleep action', container: { image: 'nginx', lifecycle: { preStop: { sleep: { seconds: 5 } } } }, expected: { preStopMs: 5000 } },
    { name: 'preStop failing', container: { image: 'nginx', lifecycle: { preStop: { exec: { command: ['sh', '-c', 'sleep 1; exit 1'] } } } }, expected: { preStopMs: 1000, preStopFails: 1 } },
    { name: 'no preStop', container: { image: 'nginx' }, expected: { preStopMs: -1 } },
  ];
  for (const { name, container, expected } of cases) {
    test(name, () => {
      const { behavior: result, warnings } = behavior(container);
      const actual = Object.fromEntries(Object.keys(expected).map((key) => [key, Number((result as unknown as Record<string, number>)[key])]));
      assert.deepEqual(actual, expected);
      assert.deepEqual(warnings, []);
    });
  }
});

describe('behaviorFor warnings', () => {
  test('unknown command gets default and warning', () => {
    const { behavior: result, warnings } = behavior({ command: ['python', 'app.py'] });
    assert.equal(result.runMs, -1);
    assert.equal(result.sigtermExitMs, 0);
    assert.equal(result.sigtermExitCode, 143);
    assert.deepEqual(warnings, ['container "app": command not understood: python; podsim runs it until stopped']);
  });

  test('nginx 404 path fails probe', () => {
    const { behavior: result, warnings } = behavior({ image: 'nginx', livenessProbe: { httpGet: { path: '/healthz', port: 80 } } });
    assert.equal(result.healthyFromMs, -1);
    assert.deepEqual(warnings, ['container "app" livenessProbe: nginx answers 404 for /healthz, so the probe fails']);
  });

  test('tcp probe on a sleeping shell fails', () => {
    const { behavior: result, warnings } = behavior({ command: ['sleep', '3600'], readinessProbe: { tcpSocket: { port: 8080 } } });
    assert.equal(result.healthyFromMs, -1);
    assert.equal(warnings.length, 1);
  });

  test('DNS wait notes the Service', () => {
    const { behavior: result, warnings } = behavior({ command: ['sh', '-c', 'until nslookup mydb; do sleep 2; done'] });
    assert.equal(result.runMs, -1);
    assert.deepEqual(warnings, ['container "app" looks up the DNS name "mydb", which fails until a Service named "mydb" exists']);
  });

  test('DNS wait ends when the Service exists', () => {
    const { pod, container } = podWith({ command: ['sh', '-c', 'until nslookup mydb; do sleep 2; done; sleep 5'] });
    const { behavior: result } = behaviorFor(pod, container, { serviceNames: new Set(['mydb']) });
    assert.equal(result.runMs, 5000);
  });
});

describe('behavior annotation', () => {
  test('pod-wide JSON keyed by container', () => {
    const { behavior: result, warnings } = behavior(
      { image: 'example.com/app' },
      { 'podsim.io/behavior': '{"app": {"exitAfter": "30s", "exitCode": 1, "healthyAfter": "5s", "unhealthyAfter": "1m", "onSigterm": "exit-after:5s", "pull": "2s"}}' },
    );
    assert.deepEqual(
      [result.runMs, result.exitCode, result.healthyFromMs, result.unhealthyFromMs, result.sigtermExitMs, result.pullMs],
      [30000, 1, 5000, 60000, 5000, 2000],
    );
    assert.deepEqual(warnings, []);
  });

  test('per-container YAML form', () => {
    const { behavior: result } = behavior({ command: ['sleep', '10'] }, { 'podsim.io/behavior.app': 'onSigterm: exit\nsigtermExitCode: 0\nexitAfter: never' });
    assert.deepEqual([result.sigtermExitMs, result.sigtermExitCode, result.runMs], [0, 0, -1]);
  });

  test('annotation overrides command', () => {
    const { behavior: result } = behavior({ command: ['python', 'x.py'] }, { 'podsim.io/behavior': 'app: {exitAfter: 3s, exitCode: 2}' });
    assert.deepEqual([result.runMs, result.exitCode], [3000, 2]);
  });

  test('bad values warn', () => {
    const { warnings } = behavior({}, { 'podsim.io/behavior': 'app: {exitAfter: soon, colour: red, onSigterm: later}' });
    assert.deepEqual(warnings, [
      'annotation podsim.io/behavior for container "app": unknown key "colour" ignored',
      'annotation podsim.io/behavior for container "app": exitAfter must be a duration such as "30s" or "never", found "soon"',
      'annotation podsim.io/behavior for container "app": onSigterm must be "exit", "ignore" or "exit-after:<duration>", found "later"',
    ]);
  });
});

describe('pull duration', () => {
  const container = { name: 'a', image: 'nginx:1.27', imagePullPolicy: 'IfNotPresent' };
  test('deterministic, 1 to 5 s', () => {
    const first = pullDurationMs(container, { seed: 3 });
    assert.equal(pullDurationMs(container, { seed: 3 }), first);
    assert.ok(first >= 1000, `pull ${first} ms below 1 s`);
    assert.ok(first <= 5000, `pull ${first} ms above 5 s`);
  });
  test('zero when image present', () => {
    assert.equal(pullDurationMs(container, { seed: 3, imagePresent: () => true }), 0);
  });
  test('Always still checks the registry', () => {
    const always = pullDurationMs({ ...container, imagePullPolicy: 'Always' }, { seed: 3, imagePresent: () => true });
    assert.ok(always >= 200, `check ${always} ms below 200 ms`);
    assert.ok(always <= 500, `check ${always} ms above 500 ms`);
  });
});

describe('parseDuration', () => {
  const cases: Array<[string | number, number | undefined]> = [
    ['30s', 30000], ['1m30s', 90000], ['500ms', 500], ['2h', 7200000], ['1.5', 1500], [10, 10000], ['soon', undefined], ['', undefined],
  ];
  for (const [input, expected] of cases) test(`parses ${JSON.stringify(input)}`, () => assert.equal(parseDuration(input), expected));
});

describe('toEnginePod', () => {
  test('orders and codes containers', () => {
    const pod = defaultPod({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p' },
      spec: {
        restartPolicy: 'OnFailure',
        activeDeadlineSeconds: 60,
        initContainers: [
          { name: 'init', image: 'busybox', command: ['sh', '-c', 'sleep 1'] },
          { name: 'side', image: 'busybox', restartPolicy: 'Always', command: ['sleep', 'infinity'], startupProbe: { exec: { command: ['true'] } } },
        ],
        containers: [{ name: 'app', image: 'nginx', readinessProbe: { httpGet: { port: 80 }, periodSeconds: 5 } }],
      },
    } as Pod);
    const warnings: string[] = [];
    const engine = toEnginePod(pod, { seed: 1, onWarning: (name, warning) => warnings.push(`${name}: ${warning}`) });
    assert.equal(engine.restartPolicy, RestartPolicyCode.OnFailure);
    assert.equal(engine.terminationGracePeriodSeconds, 30);
    assert.equal(engine.activeDeadlineSeconds, 60);
    assert.deepEqual(engine.containers.map((c) => c.kind), [ContainerKindCode.Init, ContainerKindCode.Sidecar, ContainerKindCode.Regular]);
    assert.equal(engine.containers[0]!.behavior.runMs, 1000);
    assert.deepEqual(engine.containers[1]!.startupProbe, {
      initialDelaySeconds: 0, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3, terminationGracePeriodSeconds: -1,
    });
    assert.equal(engine.containers[2]!.readinessProbe?.periodSeconds, 5);
    assert.equal(engine.containers[2]!.livenessProbe, null);
    assert.deepEqual(warnings, []);
  });
});
