import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { FleetCounters } from '../../src/dashboard/fleetCounters.js';
import { restartsByOwner, ownerPrefix } from '../../src/dashboard/fleetStats.js';
import { runCommand } from '../../src/tui/model/commands.js';
import { EventStream } from '../../src/tui/model/eventStream.js';
import { parsePodFilter } from '../../src/tui/model/podFilter.js';
import { PodIndex } from '../../src/tui/model/podIndex.js';
import { RingBuffer } from '../../src/tui/model/ringBuffer.js';
import { statusStyle } from '../../src/tui/model/statusStyle.js';
import { TimelineRecorder } from '../../src/tui/model/timeline.js';
import { chartContainer } from '../../src/tui/model/timelineChart.js';
import { reloadScenario } from '../../src/tui/scenarioWatcher.js';
import { TuiSession } from '../../src/tui/session.js';
import { EPOCH_MS, FakeSimulation, makeEvent, makePod } from './fakeSimulation.js';

describe('statusStyle', () => {
  const cases: [string, string, string][] = [
    ['Running', 'green', '●'],
    ['ContainerCreating', 'yellow', '◐'],
    ['Init:0/2', 'yellow', '◐'],
    ['Init:CrashLoopBackOff', 'red', '✖'],
    ['CrashLoopBackOff', 'red', '✖'],
    ['ExitCode:137', 'red', '✖'],
    ['Terminating', 'magenta', '◌'],
    ['Completed', 'gray', '✔'],
  ];
  for (const [status, color, glyph] of cases) {
    test(`${status} is ${color}`, () => {
      assert.equal(statusStyle(status).color, color);
      assert.equal(statusStyle(status).glyph, glyph);
    });
  }
});

describe('parsePodFilter', () => {
  const web = makePod({ name: 'web', labels: { app: 'web', tier: 'front' } });
  test('regex ignores case', () => assert.equal(parsePodFilter('WE.').matches(web, 'default web 1/1 Running'), true));
  test('bang inverts', () => assert.equal(parsePodFilter('!web').matches(web, 'default web 1/1 Running'), false));
  test('label selector', () => {
    assert.equal(parsePodFilter('-l tier in (front,back)').matches(web, ''), true);
    assert.equal(parsePodFilter('-l app!=web').matches(web, ''), false);
  });
  test('invalid regex matches as text', () => {
    const filter = parsePodFilter('web(');
    assert.match(filter.warning ?? '', /invalid regular expression/);
    assert.equal(filter.matches(web, 'web('), true);
  });
  test('invalid selector throws', () => assert.throws(() => parsePodFilter('-l =web'), /unable to parse requirement/));
});

describe('PodIndex', () => {
  test('highlights only changed cells', () => {
    let now = 1000;
    const index = new PodIndex(EPOCH_MS, () => now);
    const pod = makePod({ name: 'web', state: 'Waiting:ContainerCreating' });
    index.upsert(pod, 0);
    now = 5000;
    index.upsert(makePod({ name: 'web' }), 4000);
    const entry = index.get('default/web')!;
    assert.equal(entry.changedAt[2], 5000, 'STATUS changed');
    assert.equal(entry.changedAt[1], 5000, 'READY changed');
    assert.equal(entry.changedAt[0], Number.NEGATIVE_INFINITY, 'NAME did not change');
    assert.equal(entry.changedAt[4], Number.NEGATIVE_INFINITY, 'AGE is never highlighted');
  });
});

describe('RingBuffer', () => {
  test('drops the oldest when full', () => {
    const ring = new RingBuffer<number>(3);
    for (let value = 1; value <= 5; value++) ring.push(value);
    assert.deepEqual(ring.toArray(), [3, 4, 5]);
    assert.equal(ring.length, 3);
  });
});

describe('EventStream', () => {
  test('records new events and repeats once', () => {
    const pod = makePod({ name: 'crash' });
    const backOff = makeEvent(pod, 'Warning', 'BackOff', 'Back-off restarting failed container', 1000);
    const stream = new EventStream(10);
    assert.equal(stream.scan([backOff]).length, 1);
    assert.equal(stream.scan([backOff]).length, 0);
    backOff.count = 3;
    const repeats = stream.scan([backOff]);
    assert.equal(repeats.length, 1);
    assert.equal(repeats[0].count, 3);
    assert.equal(stream.occurrences(true).length, 2);
  });

  test('keeps at most its capacity', () => {
    const pod = makePod({ name: 'crash' });
    const stream = new EventStream(5);
    stream.scan(Array.from({ length: 12 }, (_, index) => makeEvent(pod, 'Normal', `Reason${index}`, 'm', index * 1000)));
    assert.deepEqual(stream.occurrences().map((occurrence) => occurrence.reason), ['Reason7', 'Reason8', 'Reason9', 'Reason10', 'Reason11']);
  });
});

describe('timeline', () => {
  test('records spans, restarts and probe failures', () => {
    const recorder = new TimelineRecorder();
    recorder.recordPod(makePod({ name: 'crash', state: 'Waiting:ContainerCreating' }), 0);
    recorder.recordPod(makePod({ name: 'crash' }), 10_000);
    recorder.recordPod(makePod({ name: 'crash', state: 'Waiting:CrashLoopBackOff', restarts: 1 }), 50_000);
    recorder.recordPod(makePod({ name: 'crash', restarts: 1 }), 60_000);
    const pod = makePod({ name: 'crash' });
    recorder.recordEvents([{ timeMs: EPOCH_MS + 70_000, type: 'Warning', reason: 'Unhealthy', namespace: 'default', object: 'Pod/crash', uid: pod.metadata.uid!, fieldPath: 'spec.containers{app}', message: 'Liveness probe failed', count: 1 }], EPOCH_MS);

    const container = recorder.history(pod.metadata.uid!)!.containers.get('app')!;
    assert.deepEqual(container.spans.map((span) => [span.kind, span.startMs]), [['waiting', 0], ['running', 10_000], ['backoff', 50_000], ['running', 60_000]]);
    assert.deepEqual(container.restarts, [50_000]);
    assert.deepEqual(container.probeFailures, [70_000]);

    const chart = chartContainer(container, 0, 100_000, 10);
    assert.equal(chart.bar.map((run) => run.text).join(''), '████▒█████');
    assert.equal(chart.marks, '     ↻ ×  ');
  });
});

describe('commands', () => {
  test('kind words open resource views', () => {
    const cases: [string, string][] = [
      ['deploy', 'Deployment'],
      ['rs', 'ReplicaSet'],
      ['rc', 'ReplicationController'],
      ['jobs', 'Job'],
      ['ds', 'DaemonSet'],
      ['sts', 'StatefulSet'],
      ['svc', 'Service'],
      ['ep', 'Endpoints'],
      ['nodes', 'Node'],
      ['ns', 'Namespace'],
    ];
    for (const [word, kind] of cases) assert.deepEqual(runCommand(word), { type: 'kind', kind }, word);
  });
  test('ns NAME filters pods', () => assert.deepEqual(runCommand('ns shop'), { type: 'namespace', namespace: 'shop' }));
  test('ns all lists every namespace', () => assert.deepEqual(runCommand('ns all'), { type: 'namespace', namespace: undefined }));
});

describe('fleet stats', () => {
  test('owner prefix strips generated suffixes', () => {
    assert.equal(ownerPrefix('web-7d9f8b6c5d-x2x4q'), 'web');
    assert.equal(ownerPrefix('db-0'), 'db');
    assert.equal(ownerPrefix('web'), 'web');
  });
  test('restarts by owner sums and sorts', () => {
    const pods = [makePod({ name: 'db-0', restarts: 2 }), makePod({ name: 'db-1', restarts: 3 }), makePod({ name: 'web', restarts: 1 })];
    assert.deepEqual(restartsByOwner(pods, 5), [{ owner: 'db', restarts: 5 }, { owner: 'web', restarts: 1 }]);
  });
});

describe('reloadScenario', () => {
  const podYaml = (name: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n  containers:\n  - name: app\n    image: busybox\n`;

  test('applies new pods and reports broken files', () => {
    const folder = mkdtempSync(join(tmpdir(), 'podsim-tui-'));
    const file = join(folder, 'pods.yaml');
    writeFileSync(file, podYaml('web'));
    const simulation = new FakeSimulation();
    const session = new TuiSession({ simulation });

    reloadScenario({ session, paths: [file], seed: 1 });
    assert.equal(session.notice, 'pod/web created');
    assert.equal(session.pods.size, 1);

    writeFileSync(file, `${podYaml('web')}---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: api\nspec:\n  containers:\n  - name: app\n`);
    reloadScenario({ session, paths: [file], seed: 1 });
    assert.equal(session.problems.length, 1);
    assert.match(session.problems[0].text, new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+: `));
    assert.equal(session.pods.size, 1, 'the broken file applied nothing');

    writeFileSync(file, `${podYaml('web')}---\n${podYaml('api')}`);
    reloadScenario({ session, paths: [file], seed: 1 });
    assert.deepEqual(session.problems, []);
    assert.equal(session.notice, 'pod/api created');
    assert.equal(session.pods.size, 2);
    session.stop();
  });

  test('removed object is pruned', () => {
    const folder = mkdtempSync(join(tmpdir(), 'podsim-tui-'));
    const file = join(folder, 'pods.yaml');
    writeFileSync(file, `${podYaml('web')}---\n${podYaml('api')}`);
    const simulation = new FakeSimulation();
    const session = new TuiSession({ simulation });
    reloadScenario({ session, paths: [file], seed: 1 });
    assert.equal(session.pods.size, 2);

    writeFileSync(file, podYaml('web'));
    reloadScenario({ session, paths: [file], seed: 1 });
    assert.deepEqual(simulation.controlPlane.calls, ['delete pod/api']);
    assert.equal(session.notice, 'pod/api pruned');
    assert.ok(session.pods.get('default/api')?.pod.metadata.deletionTimestamp, 'api is Terminating');

    writeFileSync(file, `${podYaml('web')}---\nkind: Pod\n`);
    reloadScenario({ session, paths: [file], seed: 1 });
    writeFileSync(file, podYaml('web'));
    reloadScenario({ session, paths: [file], seed: 1 });
    assert.deepEqual(simulation.controlPlane.calls, ['delete pod/api'], 'a broken file in between prunes nothing twice');
    session.stop();
  });
});

describe('FleetCounters', () => {
  test('follows upserts and removals', () => {
    const counters = new FleetCounters();
    counters.upsert('default/db-0', makePod({ name: 'db-0', restarts: 2 }));
    counters.upsert('default/db-1', makePod({ name: 'db-1', restarts: 3, state: 'Waiting:CrashLoopBackOff' }));
    counters.upsert('default/web', makePod({ name: 'web' }));
    assert.equal(counters.total, 3);
    assert.equal(counters.ready, 2);
    assert.equal(counters.restarts, 5);
    assert.deepEqual(counters.phaseCounts(), { Pending: 1, Running: 2, Succeeded: 0, Failed: 0 });
    assert.deepEqual(counters.restartsByOwner(5), [{ owner: 'db', restarts: 5 }]);
    assert.deepEqual(counters.topRestartingPods(1).map((entry) => entry.pod.metadata.name), ['db-1']);

    counters.upsert('default/db-1', makePod({ name: 'db-1', restarts: 4 }));
    counters.remove('default/db-0');
    assert.equal(counters.total, 2);
    assert.equal(counters.ready, 2);
    assert.equal(counters.restarts, 4);
    assert.deepEqual(counters.restartsByOwner(5), [{ owner: 'db', restarts: 4 }]);
    assert.deepEqual(counters.topRestartingPods(5).map((entry) => entry.restarts), [4]);
  });
});
