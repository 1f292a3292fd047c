import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { EventRecorder } from '../../../src/cluster/events/recorder.js';
import { TokenBucket } from '../../../src/cluster/events/token-bucket.js';
import { LruCache } from '../../../src/cluster/events/lru-cache.js';
import type { EventMessage } from '../../../src/kubelet/events.js';

function message(overrides: Partial<EventMessage> = {}): EventMessage {
  return {
    type: 'Warning',
    reason: 'Unhealthy',
    message: 'Liveness probe failed: HTTP probe failed with statuscode: 500',
    fieldPath: 'spec.containers{app}',
    component: 'kubelet',
    involvedObject: { name: 'web-0', namespace: 'default', uid: 'uid-1' },
    host: 'node-1',
    ...overrides,
  };
}

test('EventRecorder builds a complete v1 Event', () => {
  const recorder = new EventRecorder();
  const event = recorder.record(message(), 1_500);
  assert.ok(event);
  assert.match(event.metadata.name ?? '', /^web-0\.[0-9a-f]{16}$/);
  assert.equal(event.metadata.namespace, 'default');
  assert.deepEqual(event.involvedObject, {
    kind: 'Pod',
    namespace: 'default',
    name: 'web-0',
    uid: 'uid-1',
    apiVersion: 'v1',
    fieldPath: 'spec.containers{app}',
  });
  assert.deepEqual(event.source, { component: 'kubelet', host: 'node-1' });
  assert.equal(event.firstTimestamp, '2026-01-01T00:00:01Z');
  assert.equal(event.lastTimestamp, '2026-01-01T00:00:01Z');
  assert.equal(event.count, 1);
  assert.equal(event.type, 'Warning');
  assert.equal(event.eventTime, null);
  assert.equal(event.reportingComponent, 'kubelet');
  assert.equal(event.reportingInstance, 'node-1');
});

test('EventRecorder names are deterministic', () => {
  const names = () => {
    const recorder = new EventRecorder();
    return [recorder.record(message(), 0), recorder.record(message({ reason: 'BackOff' }), 0)].map((e) => e?.metadata.name);
  };
  const first = names();
  assert.deepEqual(first, names());
  assert.notEqual(first[0], first[1]);
});

test('EventRecorder dedupes identical events', () => {
  const recorder = new EventRecorder();
  const first = recorder.record(message(), 0);
  const second = recorder.record(message(), 10_000);
  const third = recorder.record(message(), 20_000);
  assert.equal(third?.metadata.name, first?.metadata.name);
  assert.equal(second?.count, 2);
  assert.equal(third?.count, 3);
  assert.equal(third?.firstTimestamp, '2026-01-01T00:00:00Z');
  assert.equal(third?.lastTimestamp, '2026-01-01T00:00:20Z');
  assert.equal(recorder.events().length, 1);
});

test('EventRecorder keeps fieldPath apart', () => {
  const recorder = new EventRecorder();
  recorder.record(message(), 0);
  recorder.record(message({ fieldPath: 'spec.containers{sidecar}' }), 0);
  assert.equal(recorder.events().length, 2);
});

test('EventRecorder aggregates the tenth distinct message', () => {
  const recorder = new EventRecorder();
  const results = [];
  for (let i = 1; i <= 12; i++) {
    results.push(recorder.record(message({ message: `Readiness probe failed: attempt ${i}` }), i * 1_000));
  }
  for (let i = 0; i < 9; i++) {
    assert.equal(results[i]?.message, `Readiness probe failed: attempt ${i + 1}`);
  }
  assert.equal(results[9]?.message, '(combined from similar events): Readiness probe failed: attempt 10');
  assert.equal(results[9]?.count, 1);
  assert.equal(results[11]?.message, '(combined from similar events): Readiness probe failed: attempt 12');
  assert.equal(results[11]?.count, 3);
  assert.equal(results[11]?.metadata.name, results[9]?.metadata.name);
  assert.equal(recorder.events().length, 10);
});

test('EventRecorder aggregation window resets after 600 s', () => {
  const recorder = new EventRecorder();
  for (let i = 1; i <= 9; i++) {
    recorder.record(message({ message: `m${i}` }), i * 1_000);
  }
  const late = recorder.record(message({ message: 'm10' }), 9_000 + 600_001);
  assert.equal(late?.message, 'm10');
});

test('EventRecorder spam filter drops after burst of 25', () => {
  const recorder = new EventRecorder();
  let accepted = 0;
  for (let i = 0; i < 30; i++) {
    // Different reasons so neither dedupe nor aggregation merges them before the filter.
    if (recorder.record(message({ reason: `Reason${i}` }), 0)) {
      accepted++;
    }
  }
  assert.equal(accepted, 25);
  assert.equal(recorder.record(message({ reason: 'Later' }), 299_999), null);
  assert.ok(recorder.record(message({ reason: 'Later' }), 300_000));
  assert.equal(recorder.record(message({ reason: 'Later2' }), 300_000), null);
});

test('EventRecorder spam filter is per pod', () => {
  const recorder = new EventRecorder();
  for (let i = 0; i < 25; i++) {
    recorder.record(message({ reason: `Reason${i}` }), 0);
  }
  const other = recorder.record(message({ involvedObject: { name: 'web-1', namespace: 'default', uid: 'uid-2' } }), 0);
  assert.ok(other);
});

test('EventRecorder counts dropped duplicates', () => {
  const recorder = new EventRecorder();
  for (let i = 0; i < 30; i++) {
    recorder.record(message(), i);
  }
  const later = recorder.record(message(), 300_000);
  assert.equal(later?.count, 31);
  assert.equal(recorder.events()[0]?.count, 31);
});

test('EventRecorder ring capacity and pod index', () => {
  const recorder = new EventRecorder({ capacity: 3 });
  recorder.record(message({ reason: 'A' }), 0);
  recorder.record(message({ reason: 'B', involvedObject: { name: 'db-0', namespace: 'default', uid: 'uid-db' } }), 1_000);
  recorder.record(message({ reason: 'C' }), 2_000);
  recorder.record(message({ reason: 'D' }), 3_000);
  assert.deepEqual(recorder.events().map((e) => e.reason), ['B', 'C', 'D']);
  assert.deepEqual(recorder.eventsFor('uid-1').map((e) => e.reason), ['C', 'D']);
  assert.deepEqual(recorder.eventsFor('uid-db').map((e) => e.reason), ['B']);
  assert.deepEqual(recorder.eventsFor('missing'), []);
});

test('EventRecorder never stores more than capacity', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 8 }), fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.nat(1_000_000)), { maxLength: 60 }), (capacity, steps) => {
      const recorder = new EventRecorder({ capacity });
      let nowMs = 0;
      for (const [reason, delta] of steps) {
        nowMs += delta;
        recorder.record(message({ reason: `R${reason}` }), nowMs);
        assert.ok(recorder.events().length <= capacity);
      }
      const indexed = recorder.eventsFor('uid-1').length;
      assert.equal(indexed, recorder.events().length);
    }),
  );
});

test('TokenBucket refills one token per interval', () => {
  const bucket = new TokenBucket(2, 100, 0);
  assert.ok(bucket.tryAccept(0));
  assert.ok(bucket.tryAccept(0));
  assert.ok(!bucket.tryAccept(99));
  assert.ok(bucket.tryAccept(100));
  assert.ok(!bucket.tryAccept(150));
  assert.ok(bucket.tryAccept(10_000));
  assert.ok(bucket.tryAccept(10_000));
  assert.ok(!bucket.tryAccept(10_000));
});

test('LruCache evicts least recently used', () => {
  const cache = new LruCache<string, number>(2);
  cache.set('a', 1);
  cache.set('b', 2);
  cache.get('a');
  cache.set('c', 3);
  assert.equal(cache.get('b'), undefined);
  assert.equal(cache.get('a'), 1);
  assert.equal(cache.get('c'), 3);
  assert.throws(() => new LruCache(0), /invalid LRU cache size 0/);
});
