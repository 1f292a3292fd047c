/**
 * The incremental pod list against a full filter and sort of every pod, and
 * the chunked sorted list under it against a sorted array, on random
 * sequences of adds, changes and deletes.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import type { Pod } from '../../src/api/v1.js';
import { parsePodFilter } from '../../src/tui/model/podFilter.js';
import { PodIndex } from '../../src/tui/model/podIndex.js';
import { PodList, type PodListQuery } from '../../src/tui/model/podList.js';
import { sortRows, type SortColumn } from '../../src/tui/model/podSort.js';
import { SortedList } from '../../src/tui/model/sortedList.js';
import { EPOCH_MS, makePod } from './fakeSimulation.js';

const STATES = ['Running', 'Waiting:CrashLoopBackOff', 'Waiting:ContainerCreating', 'Terminated:Error'];
const FILTERS = ['', 'Running', '!Running', '-l app=web', 'pod-1', 'shop'];
const COLUMNS: SortColumn[] = ['NAME', 'AGE', 'STATUS', 'RESTARTS'];

type Operation =
  | { type: 'upsert'; name: number; namespace: string; state: string; restarts: number; createdMs: number; app: string }
  | { type: 'remove'; name: number; namespace: string }
  | { type: 'frame' }
  | { type: 'query'; column: SortColumn; ascending: boolean; filter: string; namespace: string | undefined; scoped: boolean };

const operation: fc.Arbitrary<Operation> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      type: fc.constant('upsert' as const),
      name: fc.integer({ min: 0, max: 40 }),
      namespace: fc.constantFrom('default', 'shop'),
      state: fc.constantFrom(...STATES),
      restarts: fc.integer({ min: 0, max: 4 }),
      createdMs: fc.integer({ min: 0, max: 5 }).map((minutes) => minutes * 60_000),
      app: fc.constantFrom('web', 'api'),
    }),
  },
  { weight: 2, arbitrary: fc.record({ type: fc.constant('remove' as const), name: fc.integer({ min: 0, max: 40 }), namespace: fc.constantFrom('default', 'shop') }) },
  { weight: 3, arbitrary: fc.constant({ type: 'frame' as const }) },
  {
    weight: 1,
    arbitrary: fc.record({
      type: fc.constant('query' as const),
      column: fc.constantFrom(...COLUMNS),
      ascending: fc.boolean(),
      filter: fc.constantFrom(...FILTERS),
      namespace: fc.constantFrom(undefined, 'default'),
      scoped: fc.boolean(),
    }),
  },
);

function apply(index: PodIndex, step: Exclude<Operation, { type: 'frame' | 'query' }>): void {
  const name = `pod-${step.name}`;
  if (step.type === 'remove') {
    index.remove(makePod({ name, namespace: step.namespace }));
    return;
  }
  index.upsert(makePod({ name, namespace: step.namespace, state: step.state, restarts: step.restarts, createdMs: step.createdMs, labels: { app: step.app } }), 600_000);
}

/** Builds the expected list from scratch: every pod filtered, then sorted. */
function fullSort(index: PodIndex, query: PodListQuery): string[] {
  const rows = [...index.values()].filter(
    (entry) => (query.namespace === undefined || entry.pod.metadata.namespace === query.namespace) && (!query.scope || query.scope.matches(entry.pod)) && query.filter.matches(entry.pod, entry.rowText),
  );
  return sortRows(rows, query.order).map((entry) => entry.key);
}

function assertListMatches(list: PodList, index: PodIndex, query: PodListQuery): void {
  const expected = fullSort(index, query);
  assert.deepEqual(
    list.entries().map((entry) => entry.key),
    expected,
  );
  assert.equal(list.length, expected.length);
  expected.forEach((key, position) => {
    assert.equal(list.at(position), index.get(key), `row ${position} is the index's entry for ${key}`);
    assert.equal(list.indexOf(key), position);
  });
}

describe('PodList', () => {
  test('incremental order equals a full sort', () => {
    fc.assert(
      fc.property(fc.array(operation, { minLength: 20, maxLength: 300, size: 'max' }), (operations) => {
        const index = new PodIndex(EPOCH_MS, () => 0);
        const list = new PodList(index);
        let query: PodListQuery = { namespace: undefined, filter: parsePodFilter(''), order: { column: 'NAME', ascending: true } };
        list.update(query);
        for (const step of operations) {
          if (step.type === 'frame') {
            list.update(query);
            assertListMatches(list, index, query);
          } else if (step.type === 'query') {
            const scope = step.scoped ? { fingerprint: 'app=web', matches: (pod: Pod) => pod.metadata.labels?.app === 'web' } : undefined;
            query = { namespace: step.namespace, filter: parsePodFilter(step.filter), order: { column: step.column, ascending: step.ascending }, scope };
          } else {
            apply(index, step);
          }
        }
        list.update(query);
        assertListMatches(list, index, query);
      }),
      { numRuns: 200 },
    );
  });

  test('many changes at once rebuild the list', () => {
    const index = new PodIndex(EPOCH_MS, () => 0);
    const list = new PodList(index);
    const query: PodListQuery = { namespace: undefined, filter: parsePodFilter('!Terminated'), order: { column: 'STATUS', ascending: false } };
    for (let name = 0; name < 3000; name++) index.upsert(makePod({ name: `pod-${name}`, state: STATES[name % 3] }), 0);
    list.update(query);
    assertListMatches(list, index, query);

    for (let name = 0; name < 3000; name += 2) index.upsert(makePod({ name: `pod-${name}`, state: STATES[(name + 1) % 4] }), 1000);
    list.update(query);
    assertListMatches(list, index, query);
  });

  test('selected pod is found after a move', () => {
    const index = new PodIndex(EPOCH_MS, () => 0);
    const list = new PodList(index);
    const query: PodListQuery = { namespace: undefined, filter: parsePodFilter(''), order: { column: 'RESTARTS', ascending: true } };
    for (const [name, restarts] of [['a', 0], ['b', 1], ['c', 2]] as const) index.upsert(makePod({ name, restarts }), 0);
    list.update(query);
    assert.equal(list.indexOf('default/a'), 0);

    index.upsert(makePod({ name: 'a', restarts: 5 }), 1000);
    list.update(query);
    assert.equal(list.indexOf('default/a'), 2);
    assert.equal(list.at(0)?.key, 'default/b');
  });
});

describe('SortedList', () => {
  const numberOperation = fc.record({ insert: fc.boolean(), value: fc.integer({ min: 0, max: 200 }) });

  /** Applies random inserts and removes to a list and a Set, then compares every position. */
  function checkAgainstSet(chunkLoad: number | undefined, operations: { insert: boolean; value: number }[]): void {
    const list = new SortedList<number>((a, b) => a - b, chunkLoad);
    const reference = new Set<number>();
    for (const { insert, value } of operations) {
      if (insert && !reference.has(value)) {
        list.insert(value);
        reference.add(value);
      } else if (!insert) {
        assert.equal(list.remove(value), reference.delete(value), `remove ${value}`);
      }
    }
    const expected = [...reference].sort((a, b) => a - b);
    assert.deepEqual(list.toArray(), expected);
    assert.equal(list.length, expected.length);
    expected.forEach((value, position) => {
      assert.equal(list.at(position), value);
      assert.equal(list.indexOf(value), position);
    });
    assert.equal(list.at(expected.length), undefined);
    assert.equal(list.indexOf(-1), -1);
  }

  test('small chunks match a sorted array', () => {
    // A load of 4 splits chunks above 8 items and merges a chunk left with 1.
    fc.assert(
      fc.property(fc.array(numberOperation, { maxLength: 400, size: 'max' }), (operations) => checkAgainstSet(4, operations)),
      { numRuns: 300 },
    );
  });

  test('default chunks match a sorted array', () => {
    const operations = Array.from({ length: 6000 }, (_, index) => ({ insert: index % 4 !== 3, value: (index * 7919) % 3001 }));
    checkAgainstSet(undefined, operations);
  });

  test('reset sorts and splits into chunks', () => {
    const list = new SortedList<number>((a, b) => a - b);
    const values = Array.from({ length: 2500 }, (_, index) => (index * 7919) % 2500);
    list.reset([...values]);
    assert.deepEqual(list.toArray(), [...values].sort((a, b) => a - b));
    list.insert(2500);
    assert.equal(list.at(2500), 2500);
    assert.equal(list.indexOf(1234), 1234);
  });
});
