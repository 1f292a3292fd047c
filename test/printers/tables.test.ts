/** get pods tables, the watch printer and the events table, against exact strings. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import type { Pod } from '../../src/api/v1.js';
import {
  noEventsFoundMessage,
  noResourcesFoundMessage,
  PodWatchPrinter,
  printEventsTable,
  printPodTable,
} from '../../src/printers/index.js';
import { isoAgo, oracleFixture } from './data/oracleFixtures.js';

const NOW_MS = Date.UTC(2025, 0, 15, 12, 0, 0);

function pod(name: string, phase: string, ready: boolean): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', creationTimestamp: isoAgo(NOW_MS, 75) },
    spec: { containers: [{ name: 'app' }] },
    status: {
      phase,
      containerStatuses: [
        { name: 'app', ready, restartCount: 0, image: 'nginx', imageID: '', state: ready ? { running: {} } : { waiting: { reason: 'ContainerCreating' } } },
      ],
    },
  };
}

describe('printPodTable', () => {
  it('prints header and rows with three spaces between columns', () => {
    const text = printPodTable([pod('web-0', 'Running', true), pod('web-1', 'Pending', false)], NOW_MS);
    assert.equal(
      text,
      'NAME    READY   STATUS              RESTARTS   AGE\n' +
        'web-0   1/1     Running             0          75s\n' +
        'web-1   0/1     ContainerCreating   0          75s\n',
    );
  });

  it('prints nothing for an empty list', () => {
    assert.equal(printPodTable([], NOW_MS), '');
  });

  it('names the namespace when nothing is found', () => {
    assert.equal(noResourcesFoundMessage('default'), 'No resources found in default namespace.\n');
    assert.equal(noResourcesFoundMessage(undefined), 'No resources found\n');
  });
});

describe('PodWatchPrinter', () => {
  it('prints the header once and keeps columns aligned', () => {
    const printer = new PodWatchPrinter();
    const initial = printer.printInitial([pod('web-0', 'Pending', false)], NOW_MS);
    const change = printer.printChange(pod('web-0', 'Running', true), NOW_MS + 5000);
    assert.equal(initial, 'NAME    READY   STATUS              RESTARTS   AGE\nweb-0   0/1     ContainerCreating   0          75s\n');
    assert.equal(change, 'web-0   1/1     Running             0          80s\n');
  });

  it('widens a column for a longer cell', () => {
    const printer = new PodWatchPrinter();
    printer.printInitial([pod('a', 'Running', true)], NOW_MS);
    const change = printer.printChange(pod('a-very-long-pod-name', 'Running', true), NOW_MS);
    assert.equal(change, 'a-very-long-pod-name   1/1     Running   0          75s\n');
  });
});

describe('printEventsTable', () => {
  it('sorts events oldest first and prints Kind/name', () => {
    const { events } = oracleFixture(NOW_MS);
    const lines = printEventsTable(events.slice(3, 6).reverse(), NOW_MS).split('\n');
    assert.equal(lines[0], 'LAST SEEN            TYPE      REASON      OBJECT           MESSAGE');
    assert.equal(lines[1], '20m                  Normal    Scheduled   Pod/crash-7f9c   Successfully assigned default/crash-7f9c to node-1');
    assert.equal(lines[2], '11m (x8 over 19m)    Normal    Pulled      Pod/crash-7f9c   Container image "busybox:1.36" already present on machine');
    assert.equal(lines[3], '10m (x40 over 18m)   Warning   BackOff     Pod/crash-7f9c   Back-off restarting failed container app in pod crash-7f9c_default(uid-crash-7f9c)');
  });

  it('names the namespace when there are no events', () => {
    assert.equal(noEventsFoundMessage('default'), 'No events found in default namespace.\n');
    assert.equal(noEventsFoundMessage(undefined), 'No events found.\n');
  });
});
