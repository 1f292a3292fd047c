/** Kubelet timelines played out by both engine builds. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ContainerKindCode,
  EngineEventCode as Code,
  KillReasonCode,
  RestartPolicyCode,
} from '../../src/engine/types.js';
import { KINDS, container, newEngine, ofCode, pod, probe, runPod, times } from './helpers.js';

const MINUTE_MS = 60_000;

for (const kind of KINDS) {
  test(`[${kind}] crash loop backs off 10s, 20s, 40s`, async () => {
    const { engine, events } = await runPod(kind, pod([container({ behavior: { runMs: 1000, exitCode: 1 } })]), 10 * MINUTE_MS);
    const exits = times(events, Code.Exited);
    const starts = times(events, Code.Started);

    // The first crash restarts at the next relist, without back-off.
    assert.equal(starts[0], 0);
    assert.equal(exits[0], 1000);
    assert.equal(starts[1], 2000, 'first restart at the relist after the crash');

    // Then each restart waits its back-off from finishedAt, plus up to one relist and a 15 s requeue.
    const backOffs = [10_000, 20_000, 40_000, 80_000, 160_000];
    backOffs.forEach((backOff, i) => {
      const wait = starts[i + 2] - exits[i + 1];
      assert.ok(wait >= backOff, `restart ${i + 2} waited ${wait} ms, at least ${backOff}`);
      assert.ok(wait <= backOff + 16_000, `restart ${i + 2} waited ${wait} ms, at most ${backOff + 16_000}`);
    });

    const backOffsShown = [...new Set(ofCode(events, Code.BackOff).map((e) => e.a))];
    assert.deepEqual(backOffsShown.slice(0, 5), backOffs, 'BackOff events show the back-off being waited out');

    // restartCount is stamped at creation: Created events count 0, 1, 2, ...
    assert.deepEqual(ofCode(events, Code.Created).map((e) => e.a), starts.map((_, i) => i));
    assert.equal(engine.readContainer(0, 0).restartCount, 6, 'restartCount at 10 minutes');
  });

  test(`[${kind}] CrashLoopBackOff state keeps lastState`, async () => {
    const { engine } = await runPod(kind, pod([container({ behavior: { runMs: 1000, exitCode: 1 } })]), 3500);
    // Crash 2 at 3000 is noticed at 4000, where the back-off keeps it waiting.
    let state = engine.readContainer(0, 0);
    assert.equal(state.state, 2, 'terminated between the exit and the next sync');
    assert.equal(state.exitCode, 1);
    assert.equal(state.restartCount, 1, 'restartCount does not go up at the crash');
    engine.runUntil(4000);
    state = engine.readContainer(0, 0);
    assert.equal(state.state, 0);
    assert.equal(state.waitingReason, 2, 'CrashLoopBackOff');
    assert.equal(state.backOffMs, 10_000, 'first CrashLoopBackOff shows 10s');
    assert.equal(state.hasLast, true);
    assert.equal(state.lastStartedAtMs, 2000);
    assert.equal(state.lastFinishedAtMs, 3000);
    assert.equal(state.lastExitCode, 1);
  });

  test(`[${kind}] liveness failure kills and restarts`, async () => {
    const spec = pod([
      container({
        livenessProbe: probe({ periodSeconds: 3, failureThreshold: 3 }),
        behavior: { unhealthyFromMs: 10_000, sigtermExitMs: 500 },
      }),
    ]);
    const { events } = await runPod(kind, spec, 160_000, 100_000);
    const failures = times(events, Code.ProbeFailed, 0);
    const killing = ofCode(events, Code.Killing, 0);
    assert.ok(failures.length >= 3, 'three failed attempts before the kill');
    assert.equal(killing[0].a, KillReasonCode.LivenessFailed);
    assert.equal(killing[0].timeMs, failures[2], 'killed in the sync right after the third failure');
    assert.equal(killing[0].b, 30_000, 'pod grace applies when the probe sets none');
    const exit = ofCode(events, Code.Exited, 0)[0];
    assert.equal(exit.timeMs, killing[0].timeMs + 500);
    assert.equal(exit.a, 143);
    const created = ofCode(events, Code.Created, 0);
    assert.equal(created[1].a, 1, 'restarted with restartCount 1');
  });

  test(`[${kind}] probe-level grace wins for liveness kills`, async () => {
    const spec = pod([
      container({
        livenessProbe: probe({ periodSeconds: 1, failureThreshold: 1, terminationGracePeriodSeconds: 60 }),
        behavior: { unhealthyFromMs: 2000, sigtermExitMs: -1 },
      }),
    ]);
    const { events } = await runPod(kind, spec, 220_000, 100_000);
    const killing = ofCode(events, Code.Killing, 0)[0];
    assert.equal(killing.b, 60_000, 'probe grace even when larger than the pod grace');
    const exit = ofCode(events, Code.Exited, 0)[0];
    assert.equal(exit.timeMs - killing.timeMs, 60_000);
    assert.equal(exit.a, 137);
  });

  test(`[${kind}] preStop longer than grace is cut off`, async () => {
    const engine = await newEngine(kind, 1, 1);
    engine.addPod(pod([container({ behavior: { preStopMs: 20_000, preStopFails: true, sigtermExitMs: -1 } })]));
    engine.runUntil(5000);
    engine.deletePod(0, 5);
    const events = engine.runUntil(60_000);
    const killing = ofCode(events, Code.Killing, 0)[0];
    assert.equal(killing.timeMs, 5000);
    assert.equal(killing.b, 5000);
    assert.equal(ofCode(events, Code.PreStopFailed).length, 0, 'a hook cut off by the grace does not report failure');
    // The hook takes the whole 5 s grace; the 2 s minimum then applies before SIGKILL.
    const exit = ofCode(events, Code.Exited, 0)[0];
    assert.equal(exit.timeMs, 5000 + 5000 + 2000);
    assert.equal(exit.a, 137);
    assert.deepEqual(events.slice(-2).map((e) => e.code), [Code.PodTerminal, Code.PodRemoved]);
  });

  test(`[${kind}] failed preStop within grace`, async () => {
    const engine = await newEngine(kind, 1, 1);
    engine.addPod(pod([container({ behavior: { preStopMs: 3500, preStopFails: true, sigtermExitMs: 1000, sigtermExitCode: 0 } })]));
    engine.runUntil(1000);
    engine.deletePod(0, 30);
    const events = engine.runUntil(60_000);
    assert.deepEqual(times(events, Code.PreStopFailed), [4500]);
    const exit = ofCode(events, Code.Exited, 0)[0];
    assert.equal(exit.timeMs, 5500, 'SIGTERM after the hook, handled in 1 s');
    assert.equal(exit.a, 0);
  });

  test(`[${kind}] ignored SIGTERM ends with 137 at the deadline`, async () => {
    const engine = await newEngine(kind, 1, 1);
    engine.addPod(pod([container({ behavior: { sigtermExitMs: -1 } })]));
    engine.runUntil(2000);
    engine.deletePod(0, 10);
    const events = engine.runUntil(60_000);
    const exit = ofCode(events, Code.Exited, 0)[0];
    assert.equal(exit.timeMs, 12_000);
    assert.equal(exit.a, 137);
    assert.equal(exit.b, 0, 'signal stays 0 in status');
    const podState = engine.readPod(0);
    assert.equal(podState.removed, true);
    assert.equal(podState.terminal, true);
  });

  test(`[${kind}] second deletion shortens the grace`, async () => {
    const engine = await newEngine(kind, 1, 1);
    engine.addPod(pod([container({ behavior: { sigtermExitMs: -1 } })]));
    engine.runUntil(2000);
    engine.deletePod(0, 30);
    engine.runUntil(3000);
    engine.deletePod(0, 5);
    const events = engine.runUntil(60_000);
    const exit = ofCode(events, Code.Exited, 0)[0];
    assert.equal(exit.timeMs, 8000, 'SIGKILL at the new deadline');
    assert.equal(exit.a, 137);
  });

  test(`[${kind}] deletion with grace 0 kills at once`, async () => {
    const engine = await newEngine(kind, 1, 2);
    engine.addPod(pod([container(), container()]));
    engine.runUntil(2000);
    engine.deletePod(0, 0);
    const events = engine.runUntil(2000);
    assert.deepEqual(ofCode(events, Code.Exited).map((e) => [e.timeMs, e.a]), [[2000, 137], [2000, 137]]);
    assert.deepEqual(events.slice(-2).map((e) => e.code), [Code.PodTerminal, Code.PodRemoved]);
  });

  test(`[${kind}] init containers run in order`, async () => {
    const spec = pod([
      container({ kind: ContainerKindCode.Init, behavior: { pullMs: 1500, runMs: 2000 } }),
      container({ kind: ContainerKindCode.Init, behavior: { runMs: 500 } }),
      container({ behavior: { pullMs: 3000 } }),
      container({ behavior: { pullMs: 2000 } }),
    ]);
    const { engine, events } = await runPod(kind, spec, 30_000);
    assert.deepEqual(times(events, Code.SandboxReady), [0]);
    assert.deepEqual(times(events, Code.Pulled, 0), [1500]);
    assert.deepEqual(times(events, Code.Started, 0), [1500]);
    assert.deepEqual(times(events, Code.Exited, 0), [3500]);
    assert.deepEqual(times(events, Code.Started, 1), [4000], 'next init at the relist after exit 0');
    assert.deepEqual(times(events, Code.Exited, 1), [4500]);
    // App containers start at the next relist; pulls are serial.
    assert.deepEqual(times(events, Code.Pulling, 2), [5000]);
    assert.deepEqual(times(events, Code.Started, 2), [8000]);
    assert.deepEqual(times(events, Code.Pulling, 3), [8000]);
    assert.deepEqual(times(events, Code.Started, 3), [10_000]);
    assert.equal(engine.readContainer(0, 0).state, 2, 'init container stays terminated');
    assert.equal(engine.readContainer(0, 0).restartCount, 0);
  });

  test(`[${kind}] sidecar startup gates the next init container`, async () => {
    const spec = pod([
      container({
        kind: ContainerKindCode.Sidecar,
        startupProbe: probe({ periodSeconds: 2, failureThreshold: 30 }),
        behavior: { healthyFromMs: 5000 },
      }),
      container({ kind: ContainerKindCode.Init, behavior: { runMs: 1000 } }),
      container(),
    ]);
    const { engine, events } = await runPod(kind, spec, 130_000, 100_000);
    const startupPassed = ofCode(events, Code.ProbeResultChanged, 0).find((e) => e.a === 0 && e.b === 0)!;
    assert.ok(startupPassed.timeMs >= 105_000, 'startup passes once healthy');
    assert.deepEqual(times(events, Code.Started, 1), [startupPassed.timeMs], 'init starts in the sync the startup result triggers');
    assert.ok(times(events, Code.Started, 2)[0] > times(events, Code.Exited, 1)[0]);
    assert.equal(engine.readContainer(0, 0).state, 1, 'sidecar keeps running');
  });

  test(`[${kind}] sidecars stop after app containers`, async () => {
    const engine = await newEngine(kind, 1, 3);
    engine.addPod(
      pod([
        container({ kind: ContainerKindCode.Sidecar, behavior: { sigtermExitMs: 300 } }),
        container({ kind: ContainerKindCode.Sidecar, behavior: { sigtermExitMs: 200 } }),
        container({ behavior: { sigtermExitMs: 1000 } }),
      ]),
    );
    engine.runUntil(10_000);
    engine.deletePod(0, 30);
    const events = engine.runUntil(60_000);
    const exits = ofCode(events, Code.Exited).map((e) => [e.container, e.timeMs]);
    assert.deepEqual(exits, [[2, 11_000], [1, 11_200], [0, 11_500]], 'app, then sidecars in reverse order');
  });

  test(`[${kind}] activeDeadlineSeconds stops the pod`, async () => {
    const { engine, events } = await runPod(kind, pod([container({ behavior: { sigtermExitMs: 100 } })], { activeDeadlineSeconds: 30 }), 60_000);
    assert.deepEqual(times(events, Code.DeadlineExceeded), [30_000]);
    const killing = ofCode(events, Code.Killing, 0)[0];
    assert.equal(killing.a, KillReasonCode.DeadlineExceeded);
    assert.equal(killing.b, 30_000);
    assert.deepEqual(times(events, Code.PodTerminal), [30_000]);
    assert.deepEqual(times(events, Code.Exited, 0), [30_100]);
    assert.equal(ofCode(events, Code.Started).length, 1, 'nothing restarts');
    assert.equal(engine.readPod(0).deadlineExceeded, true);
  });

  test(`[${kind}] long deadlines fire on time`, async () => {
    // 10 h and 20 days are beyond the wheel's second level and go through its overflow list.
    for (const seconds of [36_000, 20 * 86_400]) {
      const engine = await newEngine(kind, 1, 1);
      engine.runUntil(1234);
      engine.addPod(pod([container()], { activeDeadlineSeconds: seconds }));
      engine.runUntil(2000);
      assert.equal(engine.nextDueMs(), 1234 + seconds * 1000, `next due is the ${seconds} s deadline`);
      const events = engine.runUntil(1234 + seconds * 1000 + 60_000);
      assert.deepEqual(times(events, Code.DeadlineExceeded), [1234 + seconds * 1000], `deadline of ${seconds} s`);
    }
  });

  test(`[${kind}] restartPolicy OnFailure completes`, async () => {
    const { engine, events } = await runPod(kind, pod([container({ behavior: { runMs: 2000 } })], { restartPolicy: RestartPolicyCode.OnFailure }), 60_000);
    assert.deepEqual(times(events, Code.PodTerminal), [3000]);
    assert.equal(ofCode(events, Code.PodTerminal)[0].a, 1);
    assert.equal(engine.readContainer(0, 0).state, 2);
    assert.equal(engine.readPod(0).terminal, true);
  });

  test(`[${kind}] exit 0 under Always still backs off`, async () => {
    const { events } = await runPod(kind, pod([container({ behavior: { runMs: 1000 } })]), 10_000);
    assert.deepEqual(times(events, Code.Started), [0, 2000]);
    assert.deepEqual(times(events, Code.BackOff).slice(0, 1), [4000]);
  });

  test(`[${kind}] failed init under Never fails the pod`, async () => {
    const spec = pod([container({ kind: ContainerKindCode.Init, behavior: { runMs: 1000, exitCode: 2 } }), container()], {
      restartPolicy: RestartPolicyCode.Never,
    });
    const { events } = await runPod(kind, spec, 60_000);
    assert.deepEqual(times(events, Code.PodTerminal), [2000]);
    assert.equal(times(events, Code.Started, 1).length, 0, 'the app container never starts');
  });

  test(`[${kind}] readiness follows its probe`, async () => {
    const spec = pod([container({ readinessProbe: probe({ periodSeconds: 5 }), behavior: { healthyFromMs: 7000 } })]);
    const engine = await newEngine(kind, 1, 1);
    engine.runUntil(100_000);
    engine.addPod(spec);
    engine.runUntil(106_000);
    assert.equal(engine.readContainer(0, 0).ready, false, 'not ready before the probe passes');
    assert.equal(engine.readContainer(0, 0).started, 1);
    engine.runUntil(111_000);
    assert.equal(engine.readContainer(0, 0).ready, true, 'ready after a passing probe');
  });

  test(`[${kind}] advance stops early when the ring fills`, async () => {
    const engine = await newEngine(kind, 2000, 1);
    for (let i = 0; i < 2000; i++) engine.addPod(pod([container({ readinessProbe: probe({ periodSeconds: 1 }), behavior: { healthyFromMs: -1 } })]));
    const reached = engine.advance(3_600_000);
    assert.ok(reached < 3_600_000, `stopped at ${reached}`);
    const drained = engine.drainEvents();
    assert.ok(drained.length > 60_000);
    assert.equal(engine.stats().dropped, 0);
  });
}
