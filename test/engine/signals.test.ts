/** setExit, setHealth and postStart hooks, played out by both engine builds. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ContainerStateCode, EngineEventCode as Code, KillReasonCode } from '../../src/engine/types.js';
import { container, KINDS, newEngine, ofCode, pod, probe, times } from './helpers.js';

for (const kind of KINDS) {
  test(`[${kind}] setExit ends a running container`, async () => {
    const engine = await newEngine(kind, 1, 1);
    const index = engine.addPod(pod([container()], { restartPolicy: 2 }));
    engine.runUntil(5_000);
    engine.setExit(index, 0, 12_000, 4);
    const events = engine.runUntil(20_000);
    assert.deepEqual(ofCode(events, Code.Exited).map((e) => [e.timeMs, e.a]), [[12_000, 4]]);
    assert.equal(engine.readContainer(index, 0).state, ContainerStateCode.Terminated);
  });

  test(`[${kind}] setExit -1 cancels a natural exit`, async () => {
    const engine = await newEngine(kind, 1, 1);
    const index = engine.addPod(pod([container({ behavior: { runMs: 10_000 } })], { restartPolicy: 2 }));
    engine.runUntil(1_000);
    engine.setExit(index, 0, -1, 0);
    const events = engine.runUntil(60_000);
    assert.equal(ofCode(events, Code.Exited).length, 0);
    assert.equal(engine.readContainer(index, 0).state, ContainerStateCode.Running);
  });

  test(`[${kind}] setHealth moves the probe window`, async () => {
    const engine = await newEngine(kind, 1, 1);
    engine.runUntil(20_000);
    const index = engine.addPod(pod([container({ livenessProbe: probe({ periodSeconds: 5, failureThreshold: 1 }) })]));
    engine.runUntil(21_000);
    engine.setHealth(index, 0, 0, 40_000);
    const events = engine.runUntil(60_000);
    const failures = times(events, Code.ProbeFailed);
    assert.ok(failures.length > 0, 'the probe fails once the window ends');
    assert.ok(failures[0]! >= 40_000, `first failure at ${failures[0]}`);
    assert.ok(failures[0]! < 45_000, `first failure at ${failures[0]}`);
    assert.equal(ofCode(events, Code.Killing)[0]?.a, KillReasonCode.LivenessFailed);
  });

  test(`[${kind}] postStart delays Running`, async () => {
    const engine = await newEngine(kind, 1, 1);
    const index = engine.addPod(pod([container({ behavior: { postStartMs: 5_000 } })]));
    engine.runUntil(3_000);
    assert.equal(engine.readContainer(index, 0).state, ContainerStateCode.Waiting);
    const events = engine.runUntil(6_000);
    const state = engine.readContainer(index, 0);
    assert.equal(state.state, ContainerStateCode.Running);
    assert.equal(state.startedAtMs, 0, 'startedAt is when the process started, before the hook');
    assert.deepEqual(ofCode(events, Code.PostStartFinished).map((e) => [e.timeMs, e.a]), [[5_000, 0]]);
  });

  test(`[${kind}] failed postStart kills the container`, async () => {
    const engine = await newEngine(kind, 1, 1);
    engine.addPod(pod([container({ behavior: { postStartMs: 1_000, postStartFails: true } })]));
    const events = engine.runUntil(30_000);
    assert.equal(ofCode(events, Code.PostStartFinished)[0]?.a, 1);
    assert.equal(ofCode(events, Code.Killing)[0]?.a, KillReasonCode.PostStartFailed);
    assert.ok(ofCode(events, Code.Created).length >= 2, 'the container restarts');
  });
}
