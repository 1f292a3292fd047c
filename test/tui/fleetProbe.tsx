/**
 * Measures the live view on a large fleet of `--pods` bare Pods bound to
 * `--nodes` Node objects sized to hold them. Each container exits 1 after
 * 60 to 179 s, so the fleet keeps changing. The fleet is simulated for
 * `--warmup` seconds, then shown in the real TerminalHost. Pods are bare and bound by
 * spec.nodeName because creating 100k pods through a Deployment takes the
 * control plane far longer (3 s for 1000 replicas, 7.5 s for 2000). It appends one
 * line of timings per 5 s of real time to `--log`: the simulation's share of
 * each frame timer tick (advanceTo), the whole tick (advance, event scan,
 * indexes and the synchronous React render it triggers), and the real time
 * between frames. Run it in tmux:
 *
 *   tmux new-session -d -s fleet -x 200 -y 50 \
 *     'node --import tsx test/tui/fleetProbe.tsx --pods 100000 --log /tmp/fleet.log'
 *
 * It is not a test (its name does not end in .test.tsx), because a 100k-pod
 * fleet takes minutes to build.
 */
import { appendFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Node } from '../../src/api/core.js';
import type { KubeObject, Pod } from '../../src/api/v1.js';
import { Simulation } from '../../src/cluster/simulation.js';
import { prepareInteractiveTerminal } from '../../src/tui/run.js';
import { TuiSession } from '../../src/tui/session.js';
import { initialViewState } from '../../src/tui/viewState.js';

const { values } = parseArgs({
  options: {
    pods: { type: 'string', default: '100000' },
    nodes: { type: 'string', default: '100' },
    warmup: { type: 'string', default: '60' },
    engine: { type: 'string', default: 'wasm' },
    log: { type: 'string', default: '/tmp/podsim-fleet.log' },
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

started = performance.now();
const session = new TuiSession({ simulation });
say(`session: ${(performance.now() - started).toFixed(0)} ms, ${session.pods.size} pods indexed`);

// Instrumentation: the time advanceTo takes inside each tick, the tick as a whole, and the gap between ticks.
const advance = simulation.advanceTo.bind(simulation);
let advanceMs = 0;
simulation.advanceTo = (target: number) => {
  const begin = performance.now();
  advance(target);
  advanceMs += performance.now() - begin;
};
const samples: { tick: number; advance: number; gap: number }[] = [];
let lastTickEnd = performance.now();
const tick = session.tick.bind(session);
session.tick = () => {
  const begin = performance.now();
  advanceMs = 0;
  tick();
  const end = performance.now();
  samples.push({ tick: end - begin, advance: advanceMs, gap: begin - lastTickEnd });
  lastTickEnd = end;
};
const percentile = (values: number[], p: number) => values.sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))] ?? 0;
setInterval(() => {
  const batch = samples.splice(0);
  if (batch.length === 0) return;
  const ticks = batch.map((sample) => sample.tick);
  const advances = batch.map((sample) => sample.advance);
  const gaps = batch.map((sample) => sample.gap);
  say(
    `ticks ${batch.length} speed x${session.speed} sim +${Math.round(simulation.nowMs / 1000)}s pods ${session.pods.size}: ` +
      `tick p50 ${percentile(ticks, 0.5).toFixed(1)} p95 ${percentile(ticks, 0.95).toFixed(1)} ms, ` +
      `advance p50 ${percentile(advances, 0.5).toFixed(1)} p95 ${percentile(advances, 0.95).toFixed(1)} ms, ` +
      `gap between ticks p50 ${percentile(gaps, 0.5).toFixed(1)} p95 ${percentile(gaps, 0.95).toFixed(1)} ms`,
  );
}, 5000).unref();

const { TerminalHost } = await import('../../src/tui/terminalHost.js');
session.start();
const code = await new TerminalHost(session, initialViewState(undefined)).run();
session.stop();
process.exit(code);
