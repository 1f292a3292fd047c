/**
 * Compares the printers with the real kubectl, byte for byte. kubectl formats
 * objects served by a fake API server on 127.0.0.1 (kubectlOracle.ts). For
 * `get pods` the server returns a Table whose cells come from printPodRow, so
 * that comparison checks only the layout (headers, columns, spacing).
 * semanticsCases.test.ts checks the cells.
 *
 * Set PODSIM_ORACLE_KUBECTL to choose the kubectl binary.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import type { Event } from '../../src/api/v1.js';
import {
  describePod,
  printEventList,
  printEventsTable,
  printObjects,
  printPodRow,
  printPodTable,
  type PodTableOptions,
} from '../../src/printers/index.js';
import { oracleFixture } from './data/oracleFixtures.js';
import { findKubectl, startKubectlOracle, type KubectlOracle } from './kubectlOracle.js';

const kubectl = findKubectl();
const skip = kubectl
  ? false
  : `${process.env.PODSIM_ORACLE_KUBECTL ?? 'kubectl'} is not on PATH or does not run; set PODSIM_ORACLE_KUBECTL to a kubectl binary to run these tests`;

describe('kubectl oracle', { skip }, () => {
  const nowMs = Date.now();
  const fixture = oracleFixture(nowMs);
  let oracle: KubectlOracle;

  before(async () => {
    oracle = await startKubectlOracle(kubectl as string, {
      ...fixture,
      podTableCells: (pod) => printPodRow(pod, nowMs, { wide: true }),
    });
  });

  after(async () => {
    await oracle.close();
  });

  async function kubectlOutput(args: string[]): Promise<string> {
    const result = await oracle.run(args);
    assert.equal(result.status, 0, `kubectl ${args.join(' ')} failed: ${result.stderr}`);
    return result.stdout;
  }

  function eventsOf(name: string): Event[] {
    return fixture.events.filter((event) => event.involvedObject.name === name);
  }

  for (const pod of fixture.pods) {
    const name = pod.metadata.name as string;
    it(`describe pod ${name}`, async () => {
      assert.equal(describePod(pod, eventsOf(name), nowMs), await kubectlOutput(['describe', 'pod', name]));
    });
  }

  const tableVariants: [string[], PodTableOptions][] = [
    [[], {}],
    [['-o', 'wide'], { wide: true }],
    [['-A'], { allNamespaces: true }],
    [['-A', '-o', 'wide'], { allNamespaces: true, wide: true }],
    [['--no-headers'], { noHeaders: true }],
  ];
  for (const [args, options] of tableVariants) {
    it(`get pods ${args.join(' ') || '(default)'} layout`, async () => {
      assert.equal(printPodTable(fixture.pods, nowMs, options), await kubectlOutput(['get', 'pods', ...args]));
    });
  }

  it('events table', async () => {
    assert.equal(printEventsTable(fixture.events, nowMs), await kubectlOutput(['events']));
  });

  it('events table for all namespaces', async () => {
    assert.equal(printEventsTable(fixture.events, nowMs, { allNamespaces: true }), await kubectlOutput(['events', '-A']));
  });

  for (const format of ['json', 'yaml'] as const) {
    it(`events -o ${format}`, async () => {
      assert.equal(printEventList(fixture.events, format), await kubectlOutput(['events', '-o', format]));
    });
  }

  it('get pods -o json', async () => {
    assert.equal(printObjects(fixture.pods, 'json'), await kubectlOutput(['get', 'pods', '-o', 'json']));
  });

  it('get pods -o yaml', async () => {
    assert.equal(printObjects(fixture.pods, 'yaml'), await kubectlOutput(['get', 'pods', '-o', 'yaml']));
  });

  it('get pods -o name', async () => {
    assert.equal(printObjects(fixture.pods, 'name'), await kubectlOutput(['get', 'pods', '-o', 'name']));
  });

  it('get pod NAME -o yaml prints the object alone', async () => {
    assert.equal(printObjects([fixture.pods[0]], 'yaml', true), await kubectlOutput(['get', 'pod', 'web-0', '-o', 'yaml']));
  });
});
