/**
 * Table-driven kubelet cases (test/data/semantics-cases.json) run against both
 * engine builds: the back-off and grace rules through the engine's pure
 * functions, the probe worker cases as timelines driven through the engine.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KillReasonCode, ProbeTypeCode, RestartPolicyCode, ContainerKindCode } from '../../src/engine/types.js';
import { KINDS, casesFor, container, newEngine, pod, probe, runPod } from './helpers.js';
import type { EngineBridge } from '../../src/engine/index.js';

const BACKOFF_INITIAL_MS = 10_000;
const BACKOFF_MAX_MS = 300_000;

for (const kind of KINDS) {
  test(`[${kind}] backoff cases`, async () => {
    const { rules } = await newEngine(kind);
    for (const c of casesFor('backoff')) {
      const input = c.input as Record<string, number>;
      const expected = c.expected as Record<string, unknown>;
      if (c.id === 'backoff-001') {
        const initial = input.initialSeconds * 1000;
        const max = input.maxSeconds * 1000;
        let entry = 0;
        let updated = 0;
        const gets: number[] = [];
        for (let step = 1; step <= 10; step++) {
          const now = step * 1000;
          gets.push(entry / 1000);
          entry = rules.backOffNextMs(entry, updated, now, initial, max);
          updated = now;
        }
        assert.deepEqual(gets, expected.getBeforeEachNextSeconds, c.id);
      } else if (c.id === 'backoff-002' || c.id === 'backoff-003') {
        const initial = input.initialSeconds * 1000;
        const max = input.maxSeconds * 1000;
        let entry = 0;
        let updated = 0;
        let now = 0;
        for (let step = 0; step < 6; step++) {
          now += 1000;
          entry = rules.backOffNextMs(entry, updated, now, initial, max);
          updated = now;
        }
        if (c.id === 'backoff-002') {
          const lastUpdate = now;
          assert.equal(rules.backOffIsInBackOffSince(entry, updated, lastUpdate, now, max), expected.inBackOffBeforeAdvance, `${c.id} before`);
          now += 11_000;
          assert.equal(rules.backOffIsInBackOffSince(entry, updated, lastUpdate, now, max), expected.inBackOffAfter, `${c.id} after`);
        } else {
          now += 6000;
          assert.equal(rules.backOffNextMs(entry, updated, now, initial, max) / 1000, expected.getSeconds, c.id);
        }
      } else if (c.id === 'backoff-006') {
        const entry = input.entryBackoffSeconds * 1000;
        const lastBump = input.lastBumpAt * 1000;
        const finishedAt = input.crashFinishedAt * 1000;
        const now = finishedAt + 1000;
        assert.equal(rules.backOffIsInBackOffSince(entry, lastBump, finishedAt, now, BACKOFF_MAX_MS), expected.inBackoff, c.id);
        assert.equal(rules.backOffNextMs(entry, lastBump, now, BACKOFF_INITIAL_MS, BACKOFF_MAX_MS) / 1000, expected.newBackoffSeconds, c.id);
      } else {
        assert.fail(`backoff case ${c.id} has no driver`);
      }
    }
  });

  test(`[${kind}] gracePeriod cases`, async () => {
    const { rules } = await newEngine(kind);
    const reasons: Record<string, KillReasonCode> = {
      Unknown: KillReasonCode.Stop,
      LivenessProbe: KillReasonCode.LivenessFailed,
      StartupProbe: KillReasonCode.StartupFailed,
    };
    for (const c of casesFor('gracePeriod')) {
      const input = c.input as Record<string, number | string | null>;
      const orUnset = (value: unknown) => (typeof value === 'number' ? value : -1);
      const grace = rules.containerGraceSeconds(
        orUnset(input.deletionGracePeriodSeconds),
        reasons[input.killReason as string],
        orUnset(input.podTGPS),
        orUnset(input.startupTGPS),
        orUnset(input.livenessTGPS),
      );
      assert.equal(grace, (c.expected as { gracePeriodSeconds: number }).gracePeriodSeconds, c.id);
    }
  });

  test(`[${kind}] proberResult cases`, async () => {
    // The behavior layer maps exec results to healthyFromMs: success and warning
    // pass from the start (0), unknown never passes (-1). No probe means ready.
    const healthyFrom: Record<string, number> = { success: 0, warning: 0, unknown: -1 };
    for (const c of casesFor('proberResult')) {
      const input = c.input as { probe?: null; execResult?: string };
      const expected = (c.expected as { result: string }).result;
      if (input.probe === null) {
        const { engine } = await runPod(kind, pod([container()]), 1000);
        assert.equal(engine.readContainer(0, 0).ready, expected === 'Success', c.id);
        continue;
      }
      const { rules } = await newEngine(kind);
      const passed = rules.probeSucceeds(healthyFrom[input.execResult!], -1, 5000);
      assert.equal(passed ? 'Success' : 'Failure', expected, c.id);
    }
  });
}

// Probe worker cases. The engine starts at T0 = 100 s so workers do not sleep
// first; the pod is added at T0 and its container starts at T0. Workers tick
// at T0, T0 + 1 s, ...; the tick at T0 comes before the container exists.
const T0 = 100_000;
const RESULT: Record<string, number> = { Success: 0, Failure: 1, Unknown: -1 };
const PROBE_TYPE: Record<string, ProbeTypeCode> = {
  startup: ProbeTypeCode.Startup,
  readiness: ProbeTypeCode.Readiness,
  liveness: ProbeTypeCode.Liveness,
};

async function startAt(kind: 'wasm' | 'js', spec: ReturnType<typeof pod>): Promise<EngineBridge> {
  const engine = await newEngine(kind, 2, spec.containers.length);
  engine.runUntil(T0);
  engine.addPod(spec);
  return engine;
}

function probeOf(type: string, settings: Partial<ReturnType<typeof probe>>) {
  const p = probe({ periodSeconds: 1, ...settings });
  return {
    startupProbe: type === 'startup' ? p : null,
    readinessProbe: type === 'readiness' ? p : null,
    livenessProbe: type === 'liveness' ? p : null,
  };
}

for (const kind of KINDS) {
  test(`[${kind}] probeWorker initial delay cases`, async () => {
    for (const c of casesFor('probeWorker').filter((x) => x.id === 'probe-001' || x.id === 'probe-002')) {
      const input = c.input as { probeType: string; probe: Record<string, number> };
      const steps = (c.expected as { steps: { containerStartedSecondsAgo: number; expectStored: string; expectContinue: boolean }[] }).steps;
      const engine = await startAt(kind, pod([container({ ...probeOf(input.probeType, input.probe) })], { restartPolicy: RestartPolicyCode.Never }));
      const type = PROBE_TYPE[input.probeType];
      for (const step of steps) {
        engine.runUntil(T0 + Math.max(1, step.containerStartedSecondsAgo) * 1000);
        const state = engine.readProbe(0, 0, type);
        assert.equal(state.stored, RESULT[step.expectStored], `${c.id} stored at ${step.containerStartedSecondsAgo}s`);
        assert.equal(state.active, step.expectContinue, `${c.id} active at ${step.containerStartedSecondsAgo}s`);
        if (step.containerStartedSecondsAgo < input.probe.initialDelaySeconds) {
          assert.equal(state.resultRun, 0, `${c.id} no probe inside the initial delay`);
        }
      }
    }
  });

  test(`[${kind}] probeWorker threshold cases`, async () => {
    // probe-008: liveness success, then failures from 1.5 s on.
    const liveness = casesFor('probeWorker').find((x) => x.id === 'probe-008')!;
    const livenessSteps = (liveness.expected as { steps: { expectStored: string; expectResultRun: number }[] }).steps;
    let engine = await startAt(kind, pod([container({ livenessProbe: probe({ periodSeconds: 1, failureThreshold: 3 }), behavior: { unhealthyFromMs: 1500 } })]));
    livenessSteps.forEach((step, index) => {
      engine.runUntil(T0 + (index + 1) * 1000);
      const state = engine.readProbe(0, 0, ProbeTypeCode.Liveness);
      assert.equal(state.stored, RESULT[step.expectStored], `probe-008 step ${index} stored`);
      assert.equal(state.resultRun, step.expectResultRun, `probe-008 step ${index} resultRun`);
    });

    // probe-009: startup never passes.
    const startup = casesFor('probeWorker').find((x) => x.id === 'probe-009')!;
    const startupSteps = (startup.expected as { steps: { expectStored: string; expectResultRun: number }[] }).steps;
    engine = await startAt(kind, pod([container({ startupProbe: probe({ periodSeconds: 1, failureThreshold: 3 }), behavior: { healthyFromMs: -1 } })]));
    startupSteps.forEach((step, index) => {
      engine.runUntil(T0 + (index + 1) * 1000);
      const state = engine.readProbe(0, 0, ProbeTypeCode.Startup);
      assert.equal(state.stored, RESULT[step.expectStored], `probe-009 step ${index} stored`);
      assert.equal(state.resultRun, step.expectResultRun, `probe-009 step ${index} resultRun`);
    });
  });

  test(`[${kind}] probeWorker startup gating cases`, async () => {
    // probe-010: liveness is not run before the startup probe passes (at 3 s), then fails from 5.5 s.
    let engine = await startAt(
      kind,
      pod([
        container({
          startupProbe: probe({ periodSeconds: 1, failureThreshold: 100 }),
          livenessProbe: probe({ periodSeconds: 1, failureThreshold: 1 }),
          behavior: { healthyFromMs: 3000, unhealthyFromMs: 5500 },
        }),
      ]),
    );
    engine.runUntil(T0 + 2000);
    let state = engine.readProbe(0, 0, ProbeTypeCode.Liveness);
    assert.equal(state.stored, RESULT.Success, 'probe-010 liveness keeps its initial value before startup');
    assert.equal(state.resultRun, 0, 'probe-010 liveness not run before startup');
    engine.runUntil(T0 + 6000);
    assert.equal(engine.readProbe(0, 0, ProbeTypeCode.Liveness).stored, RESULT.Failure, 'probe-010 liveness fails once started');

    // probe-011: startup failure, then success, then the startup worker idles.
    engine = await startAt(kind, pod([container({ startupProbe: probe({ periodSeconds: 1, failureThreshold: 2 }), behavior: { healthyFromMs: 1500 } })]));
    engine.runUntil(T0 + 1000);
    assert.equal(engine.readProbe(0, 0, ProbeTypeCode.Startup).stored, RESULT.Unknown, 'probe-011 after failure');
    engine.runUntil(T0 + 2000);
    state = engine.readProbe(0, 0, ProbeTypeCode.Startup);
    assert.equal(state.stored, RESULT.Success, 'probe-011 after success');
    const runAfterSuccess = state.resultRun;
    engine.runUntil(T0 + 5000);
    state = engine.readProbe(0, 0, ProbeTypeCode.Startup);
    assert.equal(state.stored, RESULT.Success, 'probe-011 stays Success once started');
    assert.equal(state.resultRun, runAfterSuccess, 'probe-011 startup not run once started');
  });

  test(`[${kind}] probeWorker pod and container state cases`, async () => {
    const allProbes = {
      startupProbe: probe({ periodSeconds: 1, failureThreshold: 100 }),
      readinessProbe: probe({ periodSeconds: 1 }),
      livenessProbe: probe({ periodSeconds: 1, failureThreshold: 100 }),
    };
    const types = [ProbeTypeCode.Startup, ProbeTypeCode.Readiness, ProbeTypeCode.Liveness];

    // probe-012: no container ID yet (first tick, before the pod's first sync): nothing stored.
    let engine = await startAt(kind, pod([container(allProbes)]));
    engine.runUntil(T0);
    for (const type of types) {
      const state = engine.readProbe(0, 0, type);
      assert.equal(state.stored, -2, `probe-012 type ${type} stored nothing`);
      assert.equal(state.active, true, `probe-012 type ${type} keeps running`);
    }

    // probe-013: the pod is Failed (init container failed under Never) before the app container exists.
    engine = await startAt(
      kind,
      pod([container({ kind: ContainerKindCode.Init, behavior: { runMs: 500, exitCode: 1 } }), container(allProbes)], {
        restartPolicy: RestartPolicyCode.Never,
      }),
    );
    engine.runUntil(T0 + 5000);
    assert.equal(engine.readPod(0).terminal, true, 'probe-013 pod terminal');
    for (const type of types) {
      const state = engine.readProbe(0, 1, type);
      assert.equal(state.stored, -2, `probe-013 type ${type} stored nothing`);
      assert.equal(state.active, false, `probe-013 type ${type} exited`);
    }

    // probe-016: container waiting in CrashLoopBackOff: Failure for every type, workers keep running.
    engine = await startAt(kind, pod([container({ ...allProbes, behavior: { runMs: 500, exitCode: 1 } })]));
    engine.runUntil(T0 + 5000);
    assert.equal(engine.readContainer(0, 0).waitingReason, 2, 'probe-016 container in CrashLoopBackOff');
    for (const type of types) {
      const state = engine.readProbe(0, 0, type);
      assert.equal(state.stored, RESULT.Failure, `probe-016 type ${type} stored Failure`);
      assert.equal(state.active, true, `probe-016 type ${type} keeps running`);
    }

    // probe-017: container terminated under Never (a second container keeps the pod running).
    engine = await startAt(kind, pod([container({ ...allProbes, behavior: { runMs: 1500 } }), container()], { restartPolicy: RestartPolicyCode.Never }));
    engine.runUntil(T0 + 4000);
    for (const type of types) {
      const state = engine.readProbe(0, 0, type);
      assert.equal(state.stored, RESULT.Failure, `probe-017 type ${type} stored Failure`);
      assert.equal(state.active, false, `probe-017 type ${type} exited`);
    }

    // probe-018: running and healthy: Success for every type.
    engine = await startAt(kind, pod([container(allProbes)]));
    engine.runUntil(T0 + 4000);
    for (const type of types) {
      const state = engine.readProbe(0, 0, type);
      assert.equal(state.stored, RESULT.Success, `probe-018 type ${type} stored Success`);
      assert.equal(state.active, true, `probe-018 type ${type} keeps running`);
    }
  });
}
