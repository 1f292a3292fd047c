/**
 * Measures the live view on a large fleet of `--pods` bare Pods bound to
 * `--nodes` Node objects sized to hold them. Each container exits 1 after
 * 60 to 179 s, so the fleet keeps changing. The fleet is simulated for
 * `--warmup` seconds, then shown in the real TerminalHost. The pod table is
 * sorted by `--sort` (NAME, AGE, STATUS or RESTARTS) and filtered by
 * `--filter`. Pods are bare and bound by
 * spec.nodeName because creating 100k pods through a Deployment takes the
 * control plane far longer (3 s for 1000 replicas, 7.5 s for 2000).
 *
 * Every 5 s of real time it appends one line to `--log` with timings per
 * frame timer tick. `changes` counts the pod changes the session received.
 * `ui` is the UI's cost of the frame, measured up to the next setImmediate,
 * and has three parts. `handlers` is the session's change handlers, which
 * run inside advanceTo. `scan` is the rest of the tick: the event scan and
 * the fleet figures. `render` is the React render the tick schedules, with
 * the Ink layout and terminal write that Ink runs in the same commit when
 * its 30 fps throttle allows. `gc` is the garbage collection pauses inside
 * the frame, which any part may trigger. `sim` is the simulation's own time
 * in advanceTo without the handlers, and the last figure is the real time
 * between ticks. `--log`.summary gets the same figures over every frame
 * after the first 5 s, in two groups: the frames with 500 or more pod
 * changes, and the others. Run it in tmux:
 *
 *   tmux new-session -d -s fleet -x 200 -y 50 \
 *     'node --import tsx test/tui/fleetProbe.tsx --pods 100000 --log /tmp/fleet.log'
 *
 * It is not a test (its name does not end in .test.tsx), because a 100k-pod
 * fleet takes minutes to build.
 */
import { appendFileSync, writeFileSync } from 'node:fs';
import { PerformanceObserver } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import type { Node } from '../../src/api/core.js';
import type { KubeObject, Pod } from '../../src/api/v1.js';
import { Simulation } from '../../src/cluster/simulation.js';
import { prepareInteractiveTerminal } from '../../src/tui/run.js';
import { TuiSession } from '../../src/tui/session.js';
import type { SortColumn } from '../../src/tui/model/podSort.js';
import { initialViewState } from '../../src/tui/viewState.js';

const { values } = parseArgs({
  options: {
    pods: { type: 'string', default: '100000' },
    nodes: { type: 'string', default: '100' },
    warmup: { type: 'string', default: '60' },
    engine: { type: 'string', default: 'wasm' },
    log: { type: 'string', default: '/tmp/podsim-fleet.log' },
    sort: { type: 'string', default: 'NAME' },
    filter: { type: 'string', default: '' },
  },
});
const pods = Number(values.pods);
const nodeCount = Number(values.nodes);
const log = values.log!;
const say = (line: string) => appendFileSync(log, `${line}\n`);
writeFileSync(log, '');

function fleetObjects(): KubeObject[] {
  const perNode = Math.ceil(pods / nodeCount) + 10;
  const nodes: Node[] = Array.from({ length: nodeCount }, (_, index) => ({
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: `node-${index + 1}` },
    spec: {},
    status: { capacity: { cpu: '1000', memory: '4000Gi', pods: String(perNode) }, allocatable: { cpu: '1000', memory: '4000Gi', pods: String(perNode) } },
  }));
  const fleet: Pod[] = Array.from({ length: pods }, (_, index) => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `fleet-${String(index).padStart(6, '0')}`, namespace: 'default', labels: { app: 'fleet' } },
    spec: {
      nodeName: `node-${(index % nodeCount) + 1}`,
      containers: [{ name: 'app', image: 'busybox', command: ['sh', '-c', `sleep ${60 + (index % 120)}; exit 1`] }],
    },
  }));
  return [...nodes, ...fleet];
}

prepareInteractiveTerminal();
let started = performance.now();
const simulation = await Simulation.create({ engine: values.engine as 'wasm' | 'js', maxPods: pods + 1000, maxContainers: 2, maxEvents: 10_000 });
const applied = simulation.apply(fleetObjects());
if (applied.errors.length > 0) throw new Error(applied.errors.join('\n'));
say(`apply: ${(performance.now() - started).toFixed(0)} ms, ${simulation.pods().length} pods`);
started = performance.now();
for (let second = 1; second <= Number(values.warmup); second++) simulation.advanceTo(second * 1000);
say(`warmup ${values.warmup}s: ${(performance.now() - started).toFixed(0)} ms, ${simulation.pods().length} pods`);

// Instrumentation. The session's change handlers run inside advanceTo, so they are timed on their own and taken out of its time.
let changeCount = 0;
let handlerMs = 0;
const subscribe = simulation.onChange.bind(simulation);
simulation.onChange = (listener) =>
  subscribe((change) => {
    const begin = performance.now();
    listener(change);
    handlerMs += performance.now() - begin;
    changeCount++;
  });

started = performance.now();
const session = new TuiSession({ simulation });
say(`session: ${(performance.now() - started).toFixed(0)} ms, ${session.pods.size} pods indexed`);

const advance = simulation.advanceTo.bind(simulation);
let advanceMs = 0;
simulation.advanceTo = (target: number) => {
  const begin = performance.now();
  advance(target);
  advanceMs += performance.now() - begin;
};
// Garbage collection pauses, as [start, end] in performance.now() ms.
const pauses: [number, number][] = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) pauses.push([entry.startTime, entry.startTime + entry.duration]);
}).observe({ entryTypes: ['gc'] });
const pausedWithin = (begin: number, end: number) => pauses.reduce((sum, [from, to]) => sum + Math.max(0, Math.min(to, end) - Math.max(from, begin)), 0);

interface Sample {
  /** performance.now() at the start and end of the frame. */
  begin: number;
  end: number;
  changes: number;
  ui: number;
  handlers: number;
  scan: number;
  render: number;
  gc: number;
  sim: number;
  gap: number;
}
const samples: Sample[] = [];
let lastTickEnd = performance.now();
const tick = session.tick.bind(session);
session.tick = () => {
  const begin = performance.now();
  advanceMs = 0;
  handlerMs = 0;
  changeCount = 0;
  tick();
  const tickEnd = performance.now();
  const [advance, handlers, changes] = [advanceMs, handlerMs, changeCount];
  // React renders the new frame in a microtask after the tick; setImmediate runs after it.
  setImmediate(() => {
    const end = performance.now();
    const sim = advance - handlers;
    // The observer reports pauses later, so `gc` is filled in when the batch is logged.
    samples.push({ begin, end, changes, ui: end - begin - sim, handlers, scan: tickEnd - begin - advance, render: end - tickEnd, gc: 0, sim, gap: begin - lastTickEnd });
    lastTickEnd = end;
  });
};
const percentile = (values: number[], p: number) => values.sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))] ?? 0;
const format = (values: number[]) => `p50 ${percentile(values, 0.5).toFixed(1)} p95 ${percentile(values, 0.95).toFixed(1)} ms`;
/** Frames with at least this many pod changes count as busy in the summary. */
const BUSY_FRAME_CHANGES = 500;

/** Describes a group of frames: their count, pod changes and timings. */
function describeFrames(frames: Sample[]): string {
  if (frames.length === 0) return '0 frames';
  const column = (field: keyof Sample) => format(frames.map((sample) => sample[field]));
  const changes = frames.map((sample) => sample.changes);
  return (
    `${frames.length} frames, pod changes p50 ${percentile(changes, 0.5)} max ${percentile(changes, 1)}: ` +
    `ui ${column('ui')} (handlers ${column('handlers')}, scan ${column('scan')}, render ${column('render')}; gc ${column('gc')}), ` +
    `sim ${column('sim')}, gap between ticks ${column('gap')}`
  );
}

// Every frame after the first log line, for the summary.
const measured: Sample[] = [];
let logLines = 0;
setInterval(() => {
  const batch = samples.splice(0);
  if (batch.length === 0) return;
  for (const sample of batch) sample.gc = pausedWithin(sample.begin, sample.end);
  const lastEnd = batch[batch.length - 1].end;
  while (pauses.length > 0 && pauses[0][1] < lastEnd) pauses.shift();
  say(`speed x${session.speed} sim +${Math.round(simulation.nowMs / 1000)}s pods ${session.pods.size}: ${describeFrames(batch)}`);
  if (logLines++ === 0) return;

  // The summary is rewritten every time, because a probe stuck in long frames may be killed before it can exit.
  measured.push(...batch);
  writeFileSync(
    `${log}.summary`,
    `frames with ${BUSY_FRAME_CHANGES} or more pod changes: ${describeFrames(measured.filter((sample) => sample.changes >= BUSY_FRAME_CHANGES))}\n` +
      `frames with fewer: ${describeFrames(measured.filter((sample) => sample.changes < BUSY_FRAME_CHANGES))}\n`,
  );
}, 5000).unref();

const { TerminalHost } = await import('../../src/tui/terminalHost.js');
session.start();
const view = { ...initialViewState(undefined), sort: { column: values.sort as SortColumn, ascending: true }, filterText: values.filter! };
const code = await new TerminalHost(session, view).run();
session.stop();
process.exit(code);
