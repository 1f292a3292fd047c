import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { PodCondition, PodSpec } from '../../src/api/v1.js';
import {
  buildConditions,
  generateContainersReady,
  generateInitialized,
  generateReady,
  KUBELET_CONDITION_ORDER,
} from '../../src/kubelet/conditions.js';
import { casesFor, decodeContainers, decodeInitContainers, decodeStatus, type EncodedStatus } from './case-data.js';

const conditionCases = casesFor('condition');

test('condition cases are present', () => {
  assert.equal(conditionCases.length, 26);
});

for (const c of conditionCases) {
  test(`condition ${c.id} ${c.input.generate as string}`, () => {
    const input = c.input;
    const spec: PodSpec | null = input.specIsNil
      ? null
      : {
          initContainers: decodeInitContainers(input.initContainers),
          containers: decodeContainers(input.containers),
          readinessGates: ((input.readinessGates as string[] | undefined) ?? []).map((conditionType) => ({ conditionType })),
        };
    const statuses = input.statuses === null ? null : (input.statuses as EncodedStatus[]).map(decodeStatus);
    const podConditions = (input.podConditions as PodCondition[] | null | undefined) ?? null;
    const phase = input.phase as string;

    let actual: PodCondition;
    switch (input.generate) {
      case 'ContainersReady':
        actual = generateContainersReady(spec, statuses, phase);
        break;
      case 'Ready':
        actual = generateReady(spec, podConditions, statuses, phase);
        break;
      case 'Initialized':
        actual = generateInitialized(spec, statuses, phase);
        break;
      default:
        throw new Error(`unknown condition generator ${String(input.generate)}`);
    }

    assert.equal(actual.type, c.expected.type);
    assert.equal(actual.status, c.expected.status);
    assert.equal(actual.reason ?? '', c.expected.reason);
    if ('message' in c.expected) {
      assert.equal(actual.message ?? '', c.expected.message);
    }
  });
}

test('Ready gate missing condition message', () => {
  const spec: PodSpec = { containers: [], readinessGates: [{ conditionType: 'example.com/lb' }] };
  const ready = generateReady(spec, [], [], 'Running');
  assert.equal(ready.reason, 'ReadinessGatesNotReady');
  assert.equal(ready.message, 'corresponding condition of pod readiness gate "example.com/lb" does not exist.');
});

test('Ready fails on containers before gates', () => {
  const spec: PodSpec = { containers: [{ name: 'app' }], readinessGates: [{ conditionType: 'gate' }] };
  const ready = generateReady(spec, [], [decodeStatus({ name: 'app', ready: false })], 'Running');
  assert.equal(ready.reason, 'ContainersNotReady');
});

test('ContainersReady Failed phase gives PodFailed', () => {
  const spec: PodSpec = { containers: [{ name: 'app' }] };
  const condition = generateContainersReady(spec, [decodeStatus({ name: 'app', ready: true })], 'Failed');
  assert.equal(condition.status, 'False');
  assert.equal(condition.reason, 'PodFailed');
});

const spec: PodSpec = {
  initContainers: [{ name: 'init' }],
  containers: [{ name: 'app' }],
  readinessGates: [{ conditionType: 'gate' }],
};

test('buildConditions order and kept conditions', () => {
  const existing: PodCondition[] = [
    { type: 'Ready', status: 'False', lastTransitionTime: '2026-01-01T00:00:00Z' },
    { type: 'gate', status: 'True', lastTransitionTime: '2026-01-01T00:00:01Z' },
    { type: 'DisruptionTarget', status: 'True' },
  ];
  const conditions = buildConditions(existing, {
    spec,
    statuses: [decodeStatus({ name: 'init', state: 'terminated', ready: true }), decodeStatus({ name: 'app', state: 'running', ready: true })],
    phase: 'Running',
    sandboxReady: true,
    nowMs: 5_000,
  });
  assert.deepEqual(
    conditions.map((c) => c.type),
    ['gate', 'DisruptionTarget', ...KUBELET_CONDITION_ORDER],
  );
  assert.equal(conditions.find((c) => c.type === 'Ready')?.status, 'True');
  assert.equal(conditions.find((c) => c.type === 'PodScheduled')?.status, 'True');
  assert.equal(conditions.find((c) => c.type === 'PodScheduled')?.reason, undefined);
});

test('buildConditions keeps lastTransitionTime while status holds', () => {
  const first = buildConditions(undefined, { spec: { containers: [{ name: 'app' }] }, statuses: [], phase: 'Pending', sandboxReady: false, nowMs: 0 });
  const second = buildConditions(first, {
    spec: { containers: [{ name: 'app' }] },
    statuses: [decodeStatus({ name: 'app', state: 'running', ready: false })],
    phase: 'Running',
    sandboxReady: true,
    nowMs: 7_400,
  });
  const byType = new Map(second.map((c) => [c.type, c]));
  assert.equal(byType.get('PodReadyToStartContainers')?.lastTransitionTime, '2026-01-01T00:00:07Z');
  assert.equal(byType.get('Ready')?.lastTransitionTime, '2026-01-01T00:00:00Z');
  assert.equal(byType.get('PodScheduled')?.lastTransitionTime, '2026-01-01T00:00:00Z');
  assert.equal(byType.get('Ready')?.message, 'containers with unready status: [app]');
  assert.equal(byType.get('Ready')?.lastProbeTime, null);
});

test('buildConditions order is fixed for any input', () => {
  const statusArbitrary = fc.record({
    state: fc.constantFrom('running', 'waiting', 'terminated', 'none') as fc.Arbitrary<EncodedStatus['state']>,
    ready: fc.boolean(),
    started: fc.boolean(),
  });
  fc.assert(
    fc.property(
      fc.array(fc.constantFrom('Ready', 'Initialized', 'gate', 'Custom', 'PodScheduled', 'ContainersReady'), { maxLength: 6 }),
      fc.constantFrom('Pending', 'Running', 'Succeeded', 'Failed'),
      fc.boolean(),
      statusArbitrary,
      statusArbitrary,
      (existingTypes, phase, sandboxReady, initStatus, appStatus) => {
        const existing = [...new Set(existingTypes)].map((type) => ({ type, status: 'True' }));
        const conditions = buildConditions(existing, {
          spec,
          statuses: [decodeStatus({ ...initStatus, name: 'init' }), decodeStatus({ ...appStatus, name: 'app' })],
          phase,
          sandboxReady,
          nowMs: 1_000,
        });
        const types = conditions.map((c) => c.type);
        assert.deepEqual(types.slice(-KUBELET_CONDITION_ORDER.length), [...KUBELET_CONDITION_ORDER]);
        assert.equal(new Set(types).size, types.length);
      },
    ),
  );
});
