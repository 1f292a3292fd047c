import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { render } from 'ink-testing-library';
import { App } from '../../src/tui/App.js';
import { TuiSession } from '../../src/tui/session.js';
import { initialViewState } from '../../src/tui/viewState.js';
import { FakeSimulation, makeEvent, makePod } from './fakeSimulation.js';

const ESCAPE = '\x1b';
const ENTER = '\r';
const CTRL_D = '\x04';

const settle = () => new Promise((resolve) => setTimeout(resolve, 30));

/** Mounts the app on a fake simulation at 120x30 and returns helpers to type and read. */
function mount(simulation: FakeSimulation, options: { width?: number; height?: number } = {}) {
  const session = new TuiSession({ simulation });
  const calls: string[] = [];
  const app = render(
    <App
      session={session}
      initialState={initialViewState(undefined)}
      onQuit={() => calls.push('quit')}
      onDashboard={() => calls.push('dashboard')}
      onRepaint={() => calls.push('repaint')}
      width={options.width ?? 120}
      height={options.height ?? 30}
    />,
  );
  return {
    session,
    calls,
    frame: () => app.lastFrame() ?? '',
    type: async (...inputs: string[]) => {
      for (const input of inputs) {
        app.stdin.write(input);
        await settle();
      }
    },
    unmount: () => app.unmount(),
  };
}

function fleet(): FakeSimulation {
  return new FakeSimulation([
    makePod({ name: 'api', labels: { app: 'api' }, restarts: 1 }),
    makePod({ name: 'crash', labels: { app: 'batch' }, state: 'Waiting:CrashLoopBackOff', restarts: 7 }),
    makePod({ name: 'web', labels: { app: 'web' }, grace: 45 }),
    makePod({ name: 'web-2', namespace: 'shop', labels: { app: 'web' } }),
  ]);
}

/** Returns the NAME column of each table row, in screen order. */
function tableNames(frame: string): string[] {
  const lines = frame.split('\n');
  const header = lines.findIndex((line) => line.startsWith('NAMESPACE'));
  const names: string[] = [];
  for (const line of lines.slice(header + 1)) {
    const match = /^(\S+)\s+(\S+)\s+\d+\/\d+/.exec(line);
    if (!match) break;
    names.push(match[2]);
  }
  return names;
}

describe('App', () => {
  test('lists every namespace by default', async () => {
    const ui = mount(fleet());
    await settle();
    assert.match(ui.frame(), /pods\(all\)\[4\]/);
    assert.deepEqual(tableNames(ui.frame()), ['api', 'crash', 'web', 'web-2']);
    ui.unmount();
  });

  test('filters by regex, inverse and label', async () => {
    const ui = mount(fleet());
    await ui.type('/', 'w', 'e', 'b', ENTER);
    assert.deepEqual(tableNames(ui.frame()), ['web', 'web-2']);

    await ui.type('/', '\x7f', '\x7f', '\x7f', '!', 'w', 'e', 'b', ENTER);
    assert.deepEqual(tableNames(ui.frame()), ['api', 'crash']);

    await ui.type('/', ...'\x7f'.repeat(4), '-', 'l', ' ', 'a', 'p', 'p', '=', 'w', 'e', 'b', ENTER);
    assert.deepEqual(tableNames(ui.frame()), ['web', 'web-2']);

    await ui.type(ESCAPE);
    assert.deepEqual(tableNames(ui.frame()), ['api', 'crash', 'web', 'web-2']);
    ui.unmount();
  });

  test('sorts by restarts and marks the column', async () => {
    const ui = mount(fleet());
    await ui.type('R');
    assert.match(ui.frame(), /RESTARTS↑/);
    assert.deepEqual(tableNames(ui.frame()), ['web', 'web-2', 'api', 'crash']);
    await ui.type('R');
    assert.match(ui.frame(), /RESTARTS↓/);
    assert.deepEqual(tableNames(ui.frame()), ['crash', 'api', 'web', 'web-2']);
    ui.unmount();
  });

  test('describe view scrolls', async () => {
    const ui = mount(fleet(), { height: 20 });
    await ui.type('d');
    assert.match(ui.frame(), /Describe default\/api \[1-17 of \d+\]/);
    assert.match(ui.frame(), /^Name: +api$/m);

    await ui.type('j', 'j');
    assert.match(ui.frame(), /Describe default\/api \[3-19 of \d+\]/);
    assert.doesNotMatch(ui.frame(), /^Name: +api$/m);

    await ui.type(ESCAPE);
    assert.match(ui.frame(), /pods\(all\)/);
    ui.unmount();
  });

  test('yaml view shows the live object', async () => {
    const ui = mount(fleet());
    await ui.type('y');
    assert.match(ui.frame(), /^apiVersion: v1$/m);
    assert.match(ui.frame(), /^kind: Pod$/m);
    ui.unmount();
  });

  test('delete dialog defaults to the pod grace period', async () => {
    const simulation = fleet();
    const ui = mount(simulation);
    await ui.type('j', 'j', CTRL_D);
    assert.match(ui.frame(), /Delete pod default\/web\?/);
    assert.match(ui.frame(), /Grace period \(seconds\): 45/);

    await ui.type(ENTER);
    assert.deepEqual(simulation.deleted, [{ namespace: 'default', name: 'web', options: { gracePeriodSeconds: 45, force: false } }]);
    assert.match(ui.frame(), /◌ Terminating/);
    assert.match(ui.frame(), /pod "web" deleted/);
    ui.unmount();
  });

  test('delete dialog edits grace and force', async () => {
    const simulation = fleet();
    const ui = mount(simulation);
    await ui.type(CTRL_D, '\x7f', '\x7f', '0', 'f');
    assert.match(ui.frame(), /Force: \[x\]/);
    await ui.type(ENTER);
    assert.deepEqual(simulation.deleted[0].options, { gracePeriodSeconds: 0, force: true });
    ui.unmount();
  });

  test('delete dialog cancels on Escape', async () => {
    const simulation = fleet();
    const ui = mount(simulation);
    await ui.type(CTRL_D, ESCAPE);
    assert.doesNotMatch(ui.frame(), /Delete pod/);
    assert.deepEqual(simulation.deleted, []);
    ui.unmount();
  });

  test('commands switch namespace and kind', async () => {
    const ui = mount(fleet());
    await ui.type(':', ...'ns shop', ENTER);
    assert.match(ui.frame(), /pods\(shop\)\[1\]/);
    assert.match(ui.frame(), /^NAME↑ +READY/m);

    await ui.type(':', ...'deploy', ENTER);
    assert.match(ui.frame(), /deployments\(shop\)\[0\]/);
    assert.match(ui.frame(), /^NAME↑ +READY +UP-TO-DATE +AVAILABLE +AGE/m);

    await ui.type(':', ...'bogus', ENTER);
    assert.match(ui.frame(), /unknown command "bogus"/);
    ui.unmount();
  });

  test('event stream toggles Warning only', async () => {
    const simulation = fleet();
    const crash = simulation.podList[1];
    simulation.eventList.push(makeEvent(crash, 'Normal', 'Pulled', 'Container image "busybox" already present on machine', 1000));
    simulation.eventList.push(makeEvent(crash, 'Warning', 'BackOff', 'Back-off restarting failed container app in pod crash_default(uid)', 2000));
    const ui = mount(simulation);
    ui.session.tick();
    await ui.type('e');
    assert.match(ui.frame(), /^events\(all\)\[2\]$/m);
    assert.match(ui.frame(), /^NAMESPACE {3}LAST SEEN {3}TYPE {6}REASON {4}OBJECT {6}MESSAGE$/m);
    assert.match(ui.frame(), /^default {5}59s {9}Normal {4}Pulled {4}Pod\/crash {3}Container image "busybox" already present on machine$/m);
    assert.match(ui.frame(), /^default {5}58s {9}Warning {3}BackOff {3}Pod\/crash {3}Back-off restarting/m);

    simulation.nowMs = 150_000;
    ui.session.tick();
    await ui.type('W');
    assert.doesNotMatch(ui.frame(), /Pulled/);
    assert.match(ui.frame(), /^events\(all\)\[1\] Warning only$/m);
    assert.match(ui.frame(), /^default {5}2m28s {7}Warning {3}BackOff/m, 'LAST SEEN follows the simulated clock');
    ui.unmount();
  });

  test('keys reach the session and host', async () => {
    const ui = mount(fleet());
    await ui.type(' ');
    assert.equal(ui.session.paused, true);
    assert.match(ui.frame(), /paused/);
    await ui.type('+', '+');
    assert.match(ui.frame(), /speed x5/);
    await ui.type('-');
    assert.match(ui.frame(), /speed x2/);
    await ui.type('D', '\x0c', 'q');
    assert.deepEqual(ui.calls, ['dashboard', 'repaint', 'quit']);
    ui.unmount();
  });

  test('help lists the keys', async () => {
    const ui = mount(fleet(), { height: 40 });
    await ui.type('?');
    for (const key of ['ctrl-d', 'space', 'N / A / S / R', 'PgDn / PgUp']) assert.ok(ui.frame().includes(key), `help is missing ${key}`);
    ui.unmount();
  });

  test('scenario error shows the banner', async () => {
    const ui = mount(fleet());
    ui.session.setProblems([{ text: 'pods.yaml:3:7: metadata.name: Required value' }]);
    await settle();
    assert.match(ui.frame(), /pods\.yaml:3:7: metadata\.name: Required value/);
    assert.deepEqual(tableNames(ui.frame()), ['api', 'crash', 'web', 'web-2']);
    ui.session.setProblems([]);
    await settle();
    assert.doesNotMatch(ui.frame(), /scenario not applied/);
    ui.unmount();
  });
});
