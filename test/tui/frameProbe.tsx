/**
 * Measures the UI's share of a frame on a stand-in fleet: `--pods` pods in a
 * FakeSimulation with `--events` stored events. The App is rendered through
 * ink-testing-library, whose Ink debug mode lays out and writes every frame,
 * sorted by `--sort` and filtered by `--filter`. Each frame replaces
 * `--changes` random pods with a new status, as the engine's change stream
 * would, ticks the session and waits for the render. After `--frames`
 * frames it prints their times, each from the first change handler to the
 * next setImmediate after the render:
 *
 *   node --import tsx test/tui/frameProbe.tsx --pods 100000 --changes 1000
 *
 * Unlike fleetProbe.tsx it runs no simulation, so it measures the UI alone
 * and takes seconds rather than minutes. It is not a test: its timings
 * depend on the machine.
 */
import { parseArgs } from 'node:util';
import { render } from 'ink-testing-library';
import type { Pod } from '../../src/api/v1.js';
import { App } from '../../src/tui/App.js';
import type { SortColumn } from '../../src/tui/model/podSort.js';
import { FRAME_MS, TuiSession } from '../../src/tui/session.js';
import { initialViewState } from '../../src/tui/viewState.js';
import { FakeSimulation, makeEvent, makePod } from './fakeSimulation.js';

const { values } = parseArgs({
  options: {
    pods: { type: 'string', default: '100000' },
    changes: { type: 'string', default: '1000' },
    events: { type: 'string', default: '10000' },
    frames: { type: 'string', default: '60' },
    sort: { type: 'string', default: 'NAME' },
    filter: { type: 'string', default: '' },
  },
});
const podCount = Number(values.pods);
const changesPerFrame = Number(values.changes);
const frameCount = Number(values.frames);

const STATES = ['Running', 'Waiting:CrashLoopBackOff', 'Waiting:ContainerCreating', 'Terminated:Error'];

/** A small deterministic generator (mulberry32), so every run changes the same pods. */
function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let value = Math.imul(state ^ (state >>> 15), 1 | state);
    value = (value + Math.imul(value ^ (value >>> 7), 61 | value)) ^ value;
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}
const random = seededRandom(1);

const fleetPod = (index: number, version: number): Pod =>
  makePod({ name: `fleet-${String(index).padStart(6, '0')}`, labels: { app: 'fleet' }, state: STATES[(index + version) % STATES.length], restarts: version, createdMs: (index % 60) * 1000 });

const simulation = new FakeSimulation(Array.from({ length: podCount }, (_, index) => fleetPod(index, 0)));
const versions = new Array<number>(podCount).fill(0);
simulation.eventList = Array.from({ length: Number(values.events) }, (_, index) => makeEvent(simulation.podList[index % podCount], 'Warning', 'BackOff', 'Back-off restarting failed container app', index * 10));

let realMs = 0;
let started = performance.now();
const session = new TuiSession({ simulation, clock: () => realMs });
console.log(`session: ${(performance.now() - started).toFixed(0)} ms for ${session.pods.size} pods`);

const view = { ...initialViewState(undefined), sort: { column: values.sort as SortColumn, ascending: true }, filterText: values.filter! };
started = performance.now();
const app = render(<App session={session} initialState={view} onQuit={() => {}} onDashboard={() => {}} onRepaint={() => {}} width={200} height={50} />);
await new Promise((resolve) => setImmediate(resolve));
console.log(`first frame: ${(performance.now() - started).toFixed(0)} ms`);

const frames: number[] = [];
for (let frame = 0; frame < frameCount; frame++) {
  // The changed pods are built before the clock starts: building them is the engine's work, not the UI's.
  const changed: Pod[] = [];
  for (let change = 0; change < changesPerFrame; change++) {
    const index = Math.floor(random() * podCount);
    versions[index]++;
    simulation.podList[index] = fleetPod(index, versions[index]);
    changed.push(simulation.podList[index]);
  }
  const begin = performance.now();
  for (const pod of changed) simulation.emit({ type: 'MODIFIED', pod, timeMs: simulation.nowMs });
  realMs += FRAME_MS;
  session.tick();
  await new Promise((resolve) => setImmediate(resolve));
  frames.push(performance.now() - begin);
}
app.unmount();
session.stop();

const sorted = [...frames].sort((a, b) => a - b);
const percentile = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))].toFixed(1);
console.log(`${frameCount} frames with ${changesPerFrame} changes at ${podCount} pods, sort ${values.sort}, filter "${values.filter}": p50 ${percentile(0.5)} ms, p95 ${percentile(0.95)} ms`);
