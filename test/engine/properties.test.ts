/**
 * Property tests over generated pods, and the differential test: the WASM and
 * JavaScript builds must write byte-identical event logs for the same input and seed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  ContainerKindCode,
  EngineEventCode as Code,
  RestartPolicyCode,
  type EngineContainer,
  type EngineEvent,
  type EnginePod,
  type EngineProbe,
} from '../../src/engine/types.js';
import type { EngineBridge } from '../../src/engine/index.js';
import { KINDS, newEngine } from './helpers.js';

const MAX_CONTAINERS = 4;
const maybeMs = (max: number) => fc.oneof(fc.constant(-1), fc.integer({ min: 0, max }));

const probeArb: fc.Arbitrary<EngineProbe | null> = fc.option(
  fc.record({
    initialDelaySeconds: fc.integer({ min: 0, max: 20 }),
    timeoutSeconds: fc.constant(1),
    periodSeconds: fc.integer({ min: 1, max: 15 }),
    successThreshold: fc.constant(1),
    failureThreshold: fc.integer({ min: 1, max: 5 }),
    terminationGracePeriodSeconds: fc.oneof(fc.constant(-1), fc.integer({ min: 1, max: 40 })),
  }),
  { nil: null },
);

const containerArb = (kind: ContainerKindCode): fc.Arbitrary<EngineContainer> =>
  fc.record({
    kind: fc.constant(kind),
    startupProbe: probeArb,
    readinessProbe: probeArb,
    livenessProbe: probeArb,
    behavior: fc.record({
      pullMs: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 5000 })),
      runMs: maybeMs(90_000),
      exitCode: fc.constantFrom(0, 1, 2),
      healthyFromMs: maybeMs(30_000),
      unhealthyFromMs: maybeMs(120_000),
      sigtermExitMs: maybeMs(40_000),
      sigtermExitCode: fc.constantFrom(0, 143),
      preStopMs: maybeMs(40_000),
      preStopFails: fc.boolean(),
      postStartMs: maybeMs(20_000),
      postStartFails: fc.boolean(),
    }),
  });

const podArb: fc.Arbitrary<EnginePod> = fc
  .record({
    restartPolicy: fc.constantFrom(RestartPolicyCode.Always, RestartPolicyCode.OnFailure, RestartPolicyCode.Never),
    terminationGracePeriodSeconds: fc.integer({ min: 0, max: 60 }),
    activeDeadlineSeconds: fc.oneof(fc.constant(-1), fc.integer({ min: 1, max: 1200 })),
    inits: fc.array(fc.oneof(containerArb(ContainerKindCode.Init), containerArb(ContainerKindCode.Sidecar)), { maxLength: 2 }),
    apps: fc.array(containerArb(ContainerKindCode.Regular), { minLength: 1, maxLength: 2 }),
  })
  .map(({ inits, apps, ...rest }) => ({ ...rest, containers: [...inits, ...apps] }));

/**
 * A setExit or setHealth call `afterMs` after the pod is added. Its times are
 * offsets from the moment of the call (-1: never), so they may fall before,
 * at or after it.
 */
const signalArb = fc.record({
  afterMs: fc.integer({ min: 0, max: 600_000 }),
  container: fc.integer({ min: 0, max: MAX_CONTAINERS - 1 }),
  op: fc.constantFrom('exit' as const, 'health' as const),
  a: fc.oneof(fc.constant(-1), fc.integer({ min: -5_000, max: 120_000 })),
  b: fc.oneof(fc.constant(-1), fc.integer({ min: 0, max: 240_000 })),
});
type PlannedSignal = { afterMs: number; container: number; op: 'exit' | 'health'; a: number; b: number };

/** A pod, the time it is added, when (if ever) it is deleted with which grace, and its behavior signals. */
const plannedPodArb = fc.record({
  pod: podArb,
  addAtMs: fc.integer({ min: 0, max: 60_000 }),
  deleteAfterMs: fc.oneof(fc.constant(-1), fc.integer({ min: 0, max: 1_200_000 })),
  deleteGraceSeconds: fc.integer({ min: 0, max: 45 }),
  signals: fc.array(signalArb, { maxLength: 4 }),
});
type PlannedPod = { pod: EnginePod; addAtMs: number; deleteAfterMs: number; deleteGraceSeconds: number; signals: PlannedSignal[] };

/** Send one planned signal at engine time `nowMs`. */
function sendSignal(engine: EngineBridge, podIndex: number, signal: PlannedSignal, nowMs: number): void {
  const absolute = (offset: number) => (offset < 0 ? -1 : Math.max(0, nowMs + offset));
  if (signal.op === 'exit') engine.setExit(podIndex, signal.container, absolute(signal.a), signal.b & 0xff);
  else engine.setHealth(podIndex, signal.container, absolute(signal.a), signal.b < 0 ? -1 : nowMs + signal.b);
}

const RUN_MS = 30 * 60_000;

/** Play a plan: add and delete pods at their times, run to RUN_MS; returns the raw event log. */
async function play(engine: EngineBridge, plan: PlannedPod[]): Promise<Int32Array> {
  type Step = { at: number; act: () => void };
  const indices: number[] = [];
  const steps: Step[] = [];
  plan.forEach((planned, i) => {
    steps.push({ at: planned.addAtMs, act: () => (indices[i] = engine.addPod(planned.pod)) });
    if (planned.deleteAfterMs >= 0) {
      steps.push({ at: planned.addAtMs + planned.deleteAfterMs, act: () => engine.deletePod(indices[i], planned.deleteGraceSeconds) });
    }
    for (const signal of planned.signals ?? []) {
      const at = planned.addAtMs + signal.afterMs;
      steps.push({ at, act: () => sendSignal(engine, indices[i], signal, at) });
    }
  });
  steps.sort((a, b) => a.at - b.at);

  const chunks: Int32Array[] = [];
  const runTo = (until: number) => {
    for (;;) {
      const reached = engine.advance(until);
      chunks.push(engine.drainRecords());
      if (reached >= until) return;
    }
  };
  for (const step of steps) {
    runTo(step.at);
    step.act();
  }
  runTo(RUN_MS);

  const total = chunks.reduce((n, c) => n + c.length, 0);
  const log = new Int32Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    log.set(chunk, offset);
    offset += chunk.length;
  }
  return log;
}

function toEvents(log: Int32Array): EngineEvent[] {
  const out: EngineEvent[] = [];
  for (let i = 0; i < log.length; i += 6) {
    out.push({ timeMs: log[i], pod: log[i + 1], container: log[i + 2], code: log[i + 3], a: log[i + 4], b: log[i + 5] });
  }
  return out;
}

const ALLOWED_BACKOFFS = [10_000, 20_000, 40_000, 80_000, 160_000, 300_000];

function checkInvariants(events: EngineEvent[]): void {
  const lastCreated = new Map<string, number>();
  const lastBackOff = new Map<string, number>();
  const terminal = new Set<number>();
  let lastTime = 0;
  for (const e of events) {
    assert.ok(e.timeMs >= lastTime, `events in time order at ${e.timeMs}`);
    lastTime = e.timeMs;
    const key = `${e.pod}/${e.container}`;

    if (e.code === Code.Created) {
      // Restart counts never fall: each instance is stamped with the previous count + 1.
      const previous = lastCreated.get(key) ?? -1;
      assert.equal(e.a, previous + 1, `restartCount of ${key} goes ${previous} -> ${e.a}`);
      lastCreated.set(key, e.a);
      // A terminal pod never starts anything again.
      assert.ok(!terminal.has(e.pod), `pod ${e.pod} created a container after it was terminal`);
    }
    if (e.code === Code.Started || e.code === Code.Pulling) {
      assert.ok(!terminal.has(e.pod), `pod ${e.pod} started a container after it was terminal`);
    }
    if (e.code === Code.PodTerminal) {
      assert.ok(!terminal.has(e.pod), `pod ${e.pod} reported terminal twice`);
      terminal.add(e.pod);
    }
    if (e.code === Code.BackOff) {
      // Back-off delays follow 10, 20, 40, ... 300 s: each is the same, double, or a reset to 10 s.
      assert.ok(ALLOWED_BACKOFFS.includes(e.a), `back-off ${e.a} ms of ${key} is on the 10 s doubling ladder`);
      const previous = lastBackOff.get(key);
      if (previous !== undefined) {
        const ok = e.a === previous || e.a === Math.min(previous * 2, 300_000) || e.a === 10_000;
        assert.ok(ok, `back-off of ${key} goes ${previous} -> ${e.a}`);
      }
      lastBackOff.set(key, e.a);
    }
  }
}

for (const kind of KINDS) {
  test(`[${kind}] invariants hold for generated pods`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(plannedPodArb, { minLength: 1, maxLength: 6 }), fc.integer(), async (plan, seed) => {
        const engine = await newEngine(kind, plan.length, MAX_CONTAINERS, seed);
        const log = await play(engine, plan);
        checkInvariants(toEvents(log));
        assert.equal(engine.stats().dropped, 0);
      }),
      { numRuns: kind === 'wasm' ? 60 : 40 },
    );
  });
}

test('WASM and JS builds write identical event logs', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(plannedPodArb, { minLength: 1, maxLength: 12 }), fc.integer(), async (plan, seed) => {
      const wasm = await play(await newEngine('wasm', plan.length, MAX_CONTAINERS, seed), plan);
      const js = await play(await newEngine('js', plan.length, MAX_CONTAINERS, seed), plan);
      assert.ok(wasm.length > 0);
      assert.equal(js.length, wasm.length, 'same number of records');
      assert.ok(Buffer.from(wasm.buffer, wasm.byteOffset, wasm.byteLength).equals(Buffer.from(js.buffer, js.byteOffset, js.byteLength)), 'byte-identical logs');
    }),
    { numRuns: 60 },
  );
});

test('WASM and JS builds agree on a large fleet', async () => {
  const { generatePod, seededRandom } = await import('../../src/bench/fleet.js');
  const logs: Int32Array[] = [];
  const checksums: number[] = [];
  for (const kind of KINDS) {
    const engine = await newEngine(kind, 3000, 3, 42);
    const random = seededRandom(42);
    for (let i = 0; i < 3000; i++) engine.addPod(generatePod(random, 2));
    const chunks: Int32Array[] = [];
    for (;;) {
      const reached = engine.advance(20 * 60_000);
      chunks.push(engine.drainRecords());
      if (reached >= 20 * 60_000) break;
    }
    logs.push(Int32Array.from(chunks.flatMap((c) => Array.from(c))));
    checksums.push(engine.stateChecksum());
  }
  assert.equal(logs[1].length, logs[0].length, 'same number of records');
  assert.ok(Buffer.from(logs[0].buffer).equals(Buffer.from(logs[1].buffer)), 'byte-identical logs');
  assert.equal(checksums[1], checksums[0], 'same final state');
});

test('skipping quiet probe ticks changes no event', async () => {
  // Only the order of events in the same millisecond may differ, so the logs are compared as sorted records.
  const sortedRecords = (log: Int32Array) => {
    const records: string[] = [];
    for (let i = 0; i < log.length; i += 6) records.push(Array.from(log.subarray(i, i + 6)).join(' '));
    return records.sort();
  };
  await fc.assert(
    fc.asyncProperty(fc.array(plannedPodArb, { minLength: 1, maxLength: 8 }), fc.integer(), async (plan, seed) => {
      const quiet = await newEngine('wasm', plan.length, MAX_CONTAINERS, seed);
      const ticking = await newEngine('wasm', plan.length, MAX_CONTAINERS, seed);
      ticking.setQuietTicks(false);
      const quietLog = await play(quiet, plan);
      const tickingLog = await play(ticking, plan);
      assert.deepEqual(sortedRecords(quietLog), sortedRecords(tickingLog));
      assert.equal(quiet.stateChecksum(), ticking.stateChecksum(), 'same final state');
    }),
    { numRuns: 100 },
  );
});
