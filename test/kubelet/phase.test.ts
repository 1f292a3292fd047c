import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { ContainerStatus, PodSpec } from '../../src/api/v1.js';
import { applyStickyTerminalPhase, getPhase, type PodPhase } from '../../src/kubelet/phase.js';
import { casesFor, decodeContainers, decodeInitContainers, decodeStatus, type EncodedStatus } from './case-data.js';

const phaseCases = casesFor('phase');

test('phase cases are present', () => {
  assert.equal(phaseCases.length, 39);
});

for (const c of phaseCases) {
  test(`getPhase ${c.id}`, () => {
    const input = c.input;
    const spec: PodSpec = {
      restartPolicy: input.restartPolicy as string,
      initContainers: decodeInitContainers(input.initContainers),
      containers: decodeContainers(input.containers),
    };
    const initStatuses = (input.initStatuses as EncodedStatus[]).map(decodeStatus);
    const statuses = (input.statuses as EncodedStatus[]).map(decodeStatus);
    assert.equal(getPhase(spec, initStatuses, statuses, input.podIsTerminal as boolean), c.expected.phase);
  });
}

test('getPhase crashlooping regular container keeps pod Running', () => {
  const spec: PodSpec = { containers: [{ name: 'a' }, { name: 'b' }] };
  const statuses: ContainerStatus[] = [
    decodeStatus({ name: 'a', state: 'running' }),
    decodeStatus({ name: 'b', state: 'waiting', reason: 'CrashLoopBackOff', last: { state: 'terminated', exitCode: 1 } }),
  ];
  assert.equal(getPhase(spec, [], statuses, false), 'Running');
});

test('getPhase restarting sidecar after start', () => {
  const spec: PodSpec = {
    initContainers: [{ name: 'proxy', restartPolicy: 'Always' }],
    containers: [{ name: 'app' }],
  };
  const init = [decodeStatus({ name: 'proxy', state: 'running', started: false })];
  const statuses = [decodeStatus({ name: 'app', state: 'running' })];
  assert.equal(getPhase(spec, init, statuses, false), 'Running');
});

const phases: PodPhase[] = ['Pending', 'Running', 'Succeeded', 'Failed'];
const encodedStatusArbitrary = fc.record({
  state: fc.constantFrom('running', 'waiting', 'terminated', 'none') as fc.Arbitrary<EncodedStatus['state']>,
  exitCode: fc.constantFrom(0, 1, 137, 143),
  started: fc.option(fc.boolean(), { nil: undefined }),
  last: fc.option(fc.record({ state: fc.constant('terminated' as const), exitCode: fc.constantFrom(0, 1) }), {
    nil: undefined,
  }),
  present: fc.boolean(),
});

test('sticky phase never leaves a terminal phase', () => {
  fc.assert(
    fc.property(
      fc.constantFrom<PodPhase>('Succeeded', 'Failed'),
      fc.array(fc.constantFrom(...phases), { maxLength: 20 }),
      (terminal, computedSequence) => {
        let current: PodPhase = terminal;
        for (const computed of computedSequence) {
          current = applyStickyTerminalPhase(current, computed);
          assert.equal(current, terminal);
        }
      },
    ),
  );
});

test('sticky phase passes non-terminal phases through', () => {
  fc.assert(
    fc.property(fc.constantFrom<PodPhase>('Pending', 'Running'), fc.constantFrom(...phases), (previous, computed) => {
      assert.equal(applyStickyTerminalPhase(previous, computed), computed);
    }),
  );
});

test('getPhase never returns Unknown', () => {
  fc.assert(
    fc.property(
      fc.constantFrom('Always', 'OnFailure', 'Never'),
      fc.boolean(),
      fc.array(fc.tuple(fc.boolean(), encodedStatusArbitrary), { maxLength: 3 }),
      fc.array(encodedStatusArbitrary, { minLength: 1, maxLength: 3 }),
      (restartPolicy, podIsTerminal, initEntries, regularEntries) => {
        const spec: PodSpec = {
          restartPolicy,
          initContainers: initEntries.map(([sidecar], i) => (sidecar ? { name: `i${i}`, restartPolicy: 'Always' } : { name: `i${i}` })),
          containers: regularEntries.map((_, i) => ({ name: `c${i}` })),
        };
        const initStatuses = initEntries
          .map(([, s], i) => (s.present ? decodeStatus({ ...s, name: `i${i}` }) : undefined))
          .filter((s): s is ContainerStatus => s !== undefined);
        const statuses = regularEntries
          .map((s, i) => (s.present ? decodeStatus({ ...s, name: `c${i}` }) : undefined))
          .filter((s): s is ContainerStatus => s !== undefined);
        const phase = getPhase(spec, initStatuses, statuses, podIsTerminal);
        assert.ok(phases.includes(phase));
      },
    ),
  );
});
