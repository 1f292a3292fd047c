/**
 * The event table of the live view: its rows against `podsim events` for the
 * same scenario and time, the order and bounds of the kept events, and the
 * `:events` screen's scrolling and Warning toggle.
 */
import assert from 'node:assert/strict';
import { dirname, resolve } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { render } from 'ink-testing-library';
import type { Event } from '../../src/api/v1.js';
import { parseCommonOptions } from '../../src/cli/options.js';
import { loadObjects, simulate } from '../../src/cli/scenario.js';
import { printEventsTable } from '../../src/printers/index.js';
import { App } from '../../src/tui/App.js';
import { EventStream } from '../../src/tui/model/eventStream.js';
import { layoutEventTable } from '../../src/tui/model/eventTableLayout.js';
import { LatestEvents } from '../../src/tui/model/latestEvents.js';
import { FRAME_MS, TuiSession } from '../../src/tui/session.js';
import { initialViewState } from '../../src/tui/viewState.js';
import { runCli } from '../cli/run-cli.js';
import { at, makeEvent, makePod } from './fakeSimulation.js';

const DEFAULT_SCENARIO = resolve(dirname(fileURLToPath(import.meta.url)), '../../scenarios/default');
const ENTER = '\r';
const settle = () => new Promise((resolve) => setTimeout(resolve, 30));

/** Polls until `predicate` holds for the frame, for screens that a loaded machine renders late. */
async function frameWhere(frame: () => string, predicate: (text: string) => boolean, description: string): Promise<string> {
  const deadline = Date.now() + 5_000;
  while (!predicate(frame())) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${description}; the frame was:\n${frame()}`);
    await settle();
  }
  return frame();
}

const silentIO = { stdout: () => {}, stderr: () => {}, readStdin: async () => '', isTTY: false };

/** Opens scenarios/default as `podsim run` does and plays it frame by frame, at speed x1, up to `untilMs`. */
async function playDefaultScenario(untilMs: number): Promise<{ session: TuiSession; advance: (toMs: number) => void }> {
  const options = parseCommonOptions(['-f', DEFAULT_SCENARIO]);
  const simulation = await simulate(await loadObjects(options, silentIO), options, silentIO);
  let realMs = 0;
  const session = new TuiSession({ simulation, clock: () => realMs });
  const advance = (toMs: number) => {
    while (simulation.nowMs < toMs) {
      realMs += FRAME_MS;
      session.tick();
    }
  };
  advance(untilMs);
  return { session, advance };
}

/** Returns the text of a whole layout, as `kubectl events` prints it. */
function layoutText(events: readonly Event[], nowMs: number, allNamespaces: boolean): string {
  const layout = layoutEventTable(events, nowMs, allNamespaces, 0, events.length);
  return [layout.header, ...layout.lines.map((line) => line.text)].map((line) => `${line}\n`).join('');
}

describe('event table', () => {
  test('rows equal podsim events at 2m', async () => {
    const { session } = await playDefaultScenario(120_000);
    const nowMs = session.simulation.epochMs + session.simulation.nowMs;
    const allNamespaces = await runCli(['events', '-f', DEFAULT_SCENARIO, '--at', '2m', '-A']);
    const defaultNamespace = await runCli(['events', '-f', DEFAULT_SCENARIO, '--at', '2m']);
    assert.equal(allNamespaces.code, 0);

    assert.equal(layoutText(session.events.table(), nowMs, true), allNamespaces.stdout);
    assert.equal(layoutText(session.events.table({ namespace: 'default' }), nowMs, false), defaultNamespace.stdout);
    session.stop();
  });

  test('screen shows the last rows of podsim events', async () => {
    const { session, advance } = await playDefaultScenario(120_000);
    const ui = render(<App session={session} initialState={initialViewState(undefined)} onQuit={() => {}} onDashboard={() => {}} onRepaint={() => {}} width={250} height={30} />);
    const screenRows = () => (ui.lastFrame() ?? '').split('\n').slice(2, -1).map((line) => line.trimEnd());
    const lastLines = (stdout: string, count: number) => stdout.trimEnd().split('\n').slice(-count);
    const headerOf = (stdout: string) => stdout.split('\n')[0].trimEnd();

    ui.stdin.write(':');
    await settle();
    for (const key of [...'events', ENTER]) {
      ui.stdin.write(key);
      await settle();
    }
    const atTwoMinutes = (await runCli(['events', '-f', DEFAULT_SCENARIO, '--at', '2m', '-A'])).stdout;
    assert.match(ui.lastFrame() ?? '', /^events\(all\)\[\d+\]/m);
    assert.equal(screenRows()[0], headerOf(atTwoMinutes));
    assert.deepEqual(screenRows().slice(1), lastLines(atTwoMinutes, screenRows().length - 1));

    // LAST SEEN follows the clock, and new events appear at the bottom.
    advance(150_000);
    await settle();
    const later = (await runCli(['events', '-f', DEFAULT_SCENARIO, '--at', '150s', '-A'])).stdout;
    assert.equal(screenRows()[0], headerOf(later));
    assert.deepEqual(screenRows().slice(1), lastLines(later, screenRows().length - 1));

    ui.unmount();
    session.stop();
  });

  test('scrolling stops following, G follows again', async () => {
    const { session, advance } = await playDefaultScenario(60_000);
    const ui = render(<App session={session} initialState={initialViewState(undefined)} onQuit={() => {}} onDashboard={() => {}} onRepaint={() => {}} width={250} height={20} />);
    const frame = () => ui.lastFrame() ?? '';
    const firstRow = () => frame().split('\n')[3];
    ui.stdin.write('e');
    ui.stdin.write('g');
    await frameWhere(frame, (text) => /^events\(all\)/m.test(text) && /Scheduled/.test(text.split('\n')[3]), 'the first events after e and g');
    const top = firstRow();

    advance(90_000);
    await settle();
    assert.equal(firstRow().split(/\s+/).slice(2).join(' '), top.split(/\s+/).slice(2).join(' '), 'the window stays on the first events');

    ui.stdin.write('G');
    const tableEvents = session.events.table();
    const newest = tableEvents[tableEvents.length - 1];
    await frameWhere(frame, (text) => text.trimEnd().split('\n').at(-2)?.includes(newest.message.trim().slice(0, 40)) ?? false, 'G to show the newest event');
    ui.unmount();
    session.stop();
  });

  test('W keeps Warning rows and their widths', async () => {
    const { session } = await playDefaultScenario(120_000);
    const nowMs = session.simulation.epochMs + session.simulation.nowMs;
    const warnings = session.simulation.events().filter((event) => event.type === 'Warning');
    assert.ok(warnings.length > 0, 'the scenario has Warning events by 2m');
    assert.equal(layoutText(session.events.table({ warningsOnly: true }), nowMs, true), printEventsTable(warnings, nowMs, { allNamespaces: true }));
    session.stop();
  });
});

describe('EventStream table', () => {
  const pod = makePod({ name: 'crash' });

  test('repeat moves to its new time', () => {
    const stream = new EventStream(10);
    const pulled = makeEvent(pod, 'Normal', 'Pulled', 'image present', 1000);
    const backOff = makeEvent(pod, 'Warning', 'BackOff', 'Back-off restarting failed container', 2000);
    const started = makeEvent(pod, 'Normal', 'Started', 'Started container app', 3000);
    stream.scan([pulled, backOff, started]);
    assert.deepEqual(stream.table().map((event) => event.reason), ['Pulled', 'BackOff', 'Started']);

    const repeated = { ...backOff, count: 2, lastTimestamp: at(4000) };
    stream.scan([pulled, repeated, started]);
    assert.deepEqual(stream.table().map((event) => event.reason), ['Pulled', 'Started', 'BackOff']);
    assert.equal(stream.table()[2].count, 2);
    assert.equal(stream.table().length, 3, 'the repeat replaced the earlier version');
  });

  test('equal times keep creation order', () => {
    const stream = new EventStream(10);
    const first = makeEvent(pod, 'Normal', 'Scheduled', 'assigned', 1000);
    stream.scan([first]);
    const second = makeEvent(pod, 'Normal', 'Pulling', 'pulling', 1000);
    // The first event repeats in the same second as the second one is created.
    stream.scan([{ ...first, count: 2 }, second]);
    assert.deepEqual(stream.table().map((event) => event.reason), ['Scheduled', 'Pulling']);
  });

  test('namespace and Warning filters', () => {
    const stream = new EventStream(10);
    const shopPod = makePod({ name: 'cart', namespace: 'shop' });
    stream.scan([makeEvent(pod, 'Warning', 'BackOff', 'm', 1000), makeEvent(shopPod, 'Normal', 'Started', 'm', 2000), makeEvent(shopPod, 'Warning', 'Unhealthy', 'm', 3000)]);
    assert.deepEqual(stream.table({ namespace: 'shop' }).map((event) => event.reason), ['Started', 'Unhealthy']);
    assert.deepEqual(stream.table({ warningsOnly: true }).map((event) => event.reason), ['BackOff', 'Unhealthy']);
    assert.deepEqual(stream.table({ namespace: 'shop', warningsOnly: true }).map((event) => event.reason), ['Unhealthy']);
  });
});

describe('LatestEvents', () => {
  const pod = makePod({ name: 'crash' });

  test('drops the oldest beyond capacity', () => {
    const latest = new LatestEvents(3);
    for (let index = 0; index < 5; index++) latest.record(makeEvent(pod, 'Normal', `Reason${index}`, 'm', index * 1000), index);
    assert.deepEqual(latest.list().map((event) => event.reason), ['Reason2', 'Reason3', 'Reason4']);
    assert.equal(latest.length, 3);
  });

  test('a dropped event can come back', () => {
    const latest = new LatestEvents(2);
    const old = makeEvent(pod, 'Normal', 'Old', 'm', 0);
    latest.record(old, 0);
    latest.record(makeEvent(pod, 'Normal', 'A', 'm', 1000), 1);
    latest.record(makeEvent(pod, 'Normal', 'B', 'm', 2000), 2);
    latest.record({ ...old, count: 2, lastTimestamp: at(3000) }, 0);
    assert.deepEqual(latest.list().map((event) => event.reason), ['B', 'Old']);
  });
});
