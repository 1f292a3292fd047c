/**
 * The printer, humanDuration, describeProbe and describeStatus cases of the
 * semantics case table (data/printerCases.json), one test per case.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';

import type { ContainerStatus, Pod, Probe } from '../../src/api/v1.js';
import { describePod, describeProbe, describeStatusValue, humanDuration, podRowCondition, printPodRow } from '../../src/printers/index.js';
import { isoAgo } from './data/oracleFixtures.js';

interface EncodedStatus {
  name?: string;
  state: 'running' | 'waiting' | 'terminated' | 'none';
  reason?: string;
  exitCode?: number;
  signal?: number;
  ready?: boolean;
  started?: boolean;
  restartCount?: number;
  last?: { state: 'terminated'; exitCode?: number; reason?: string; finishedSecondsAgo?: number };
}

interface Case {
  id: string;
  topic: string;
  input: Record<string, unknown>;
  expected: Record<string, unknown>;
  note?: string;
}

const NOW_MS = Date.UTC(2025, 0, 15, 12, 0, 0);
const cases: Case[] = JSON.parse(readFileSync(new URL('./data/printerCases.json', import.meta.url), 'utf8')).cases;

function decodeStatus(encoded: EncodedStatus, index: number): ContainerStatus {
  const status: ContainerStatus = {
    name: encoded.name ?? `c${index}`,
    ready: encoded.ready ?? false,
    restartCount: encoded.restartCount ?? 0,
    image: 'image',
    imageID: '',
  };
  if (encoded.started !== undefined) status.started = encoded.started;
  if (encoded.state === 'running') status.state = { running: { startedAt: isoAgo(NOW_MS, 5) } };
  if (encoded.state === 'waiting') status.state = { waiting: encoded.reason ? { reason: encoded.reason } : {} };
  if (encoded.state === 'terminated') {
    status.state = { terminated: { exitCode: encoded.exitCode ?? 0, reason: encoded.reason, signal: encoded.signal } };
  }
  if (encoded.state === 'none') status.state = {};
  if (encoded.last) {
    const finishedAt = encoded.last.finishedSecondsAgo === undefined ? undefined : isoAgo(NOW_MS, encoded.last.finishedSecondsAgo);
    status.lastState = { terminated: { exitCode: encoded.last.exitCode ?? 0, reason: encoded.last.reason, finishedAt } };
  }
  return status;
}

function decodeContainers(value: unknown, prefix: string): { name: string; sidecar: boolean }[] {
  if (typeof value === 'number') return Array.from({ length: value }, (_, index) => ({ name: `${prefix}${index}`, sidecar: false }));
  if (Array.isArray(value)) {
    return value.map((entry) => (typeof entry === 'string' ? { name: entry, sidecar: false } : (entry as { name: string; sidecar: boolean })));
  }
  return [];
}

function decodePod(input: Record<string, unknown>): Pod {
  const initContainers = decodeContainers(input.initContainers, 'init');
  const containers = decodeContainers(input.containers, 'c');
  const pod: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: input.name as string, namespace: 'default' },
    spec: {
      initContainers: initContainers.map(({ name, sidecar }) => (sidecar ? { name, restartPolicy: 'Always' } : { name })),
      containers: containers.map(({ name }) => ({ name })),
      nodeName: input.nodeName as string | undefined,
      readinessGates: ((input.readinessGates as string[] | undefined) ?? []).map((conditionType) => ({ conditionType })),
    },
    status: {
      phase: input.phase as string,
      reason: input.podReason as string | undefined,
      conditions: (input.conditions as { type: string; status: string }[] | undefined) ?? [],
      initContainerStatuses: ((input.initStatuses as EncodedStatus[] | undefined) ?? []).map(decodeStatus),
      containerStatuses: ((input.statuses as EncodedStatus[] | undefined) ?? []).map(decodeStatus),
      podIPs: ((input.podIPs as string[] | undefined) ?? []).map((ip) => ({ ip })),
      nominatedNodeName: input.nominatedNodeName as string | undefined,
    },
  };
  if (input.deletionSecondsAgo !== undefined) pod.metadata.deletionTimestamp = isoAgo(NOW_MS, input.deletionSecondsAgo as number);
  return pod;
}

describe('printPodRow semantics cases', () => {
  for (const testCase of cases.filter((entry) => entry.topic === 'printer')) {
    it(`${testCase.id} ${testCase.note ?? testCase.input.name}`, () => {
      const pod = decodePod(testCase.input);
      assert.deepEqual(printPodRow(pod, NOW_MS, { wide: testCase.input.wide === true }), testCase.expected.cells);
      assert.deepEqual(podRowCondition(pod), testCase.expected.rowCondition);
    });
  }
});

describe('humanDuration semantics cases', () => {
  for (const testCase of cases.filter((entry) => entry.topic === 'humanDuration')) {
    const seconds = testCase.input.seconds as number;
    it(`${testCase.id} ${seconds}s prints ${testCase.expected.text}`, () => {
      assert.equal(humanDuration(seconds * 1000), testCase.expected.text);
    });
  }
});

describe('describeProbe semantics cases', () => {
  for (const testCase of cases.filter((entry) => entry.topic === 'describeProbe')) {
    it(`${testCase.id} ${testCase.note}`, () => {
      assert.equal(describeProbe(testCase.input.probe as Probe), testCase.expected.text);
    });
  }
});

describe('describe Status line semantics cases', () => {
  for (const testCase of cases.filter((entry) => entry.topic === 'describeStatus')) {
    it(`${testCase.id} ${testCase.note}`, () => {
      const pod: Pod = {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
          name: 'p',
          deletionTimestamp: isoAgo(NOW_MS, testCase.input.deletionTimestampSecondsAgo as number),
          deletionGracePeriodSeconds: testCase.input.deletionGracePeriodSeconds as number,
        },
        spec: { containers: [] },
        status: { phase: testCase.input.phase as string },
      };
      assert.equal(describeStatusValue(pod, NOW_MS), testCase.expected.statusValue);
      const graceLine = describePod(pod, undefined, NOW_MS)
        .split('\n')
        .find((line) => line.startsWith('Termination Grace Period:'));
      assert.equal(graceLine?.replace(/^Termination Grace Period:\s+/, ''), testCase.expected.terminationGracePeriodLine);
    });
  }
});
