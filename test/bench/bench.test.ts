// Smoke tests of `podsim bench`: small fleets through the real command line,
// checking results and engine agreement, never timings.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { generatePod, seededRandom } from '../../src/bench/fleet.js';
import { combineChecksums, splitFleet } from '../../src/bench/shard.js';
import { createEngine } from '../../src/engine/index.js';

interface BenchRun {
  code: number;
  stdout: string;
  stderr: string;
}

function bench(...args: string[]): BenchRun {
  const result = spawnSync(process.execPath, ['bin/podsim.js', 'bench', ...args], { encoding: 'utf8' });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

function benchJson(...args: string[]): Record<string, unknown> {
  const run = bench(...args, '--json');
  assert.equal(run.code, 0, `podsim bench ${args.join(' ')} exited ${run.code}: ${run.stderr}`);
  return JSON.parse(run.stdout) as Record<string, unknown>;
}

const SUMMARY_KEYS = [
  'pods',
  'containers',
  'simulatedSeconds',
  'events',
  'eventsPerSecond',
  'nsPerEvent',
  'simulatedSecondsPerWallSecond',
  'bytesPerContainer',
  'peakRssBytes',
  'fleetBuildSeconds',
  'jsEventsPerSecond',
  'wasmToJsRatio',
  'enginesAgree',
];

test('bench json has every summary key', () => {
  const result = benchJson('--pods', '500', '--duration', '10m', '--engine', 'both', '--no-idle');
  for (const key of SUMMARY_KEYS) {
    assert.ok(key in result, `missing key ${key}`);
    assert.notEqual(result[key], null, `key ${key} is null`);
  }
  assert.equal(result.pods, 500);
  assert.equal(result.simulatedSeconds, 600);
  assert.equal(result.engine, 'wasm');
  assert.equal(result.enginesAgree, true);
  assert.ok((result.events as number) > 500, `only ${result.events} timer events`);
  assert.ok((result.containers as number) >= 1000);
  assert.ok((result.bytesPerContainer as number) > 0);
  assert.ok((result.peakRssBytes as number) > 0);
});

test('bench engines agree on a 500-pod fleet', () => {
  const result = benchJson('--pods', '500', '--duration', '10m', '--engine', 'both', '--repeat', '2', '--no-idle');
  const results = result.results as { kind: string; checksum: number; timerEvents: number; eventRecords: number }[];
  assert.deepEqual(results.map((r) => r.kind), ['wasm', 'js']);
  assert.equal(results[0]!.checksum, results[1]!.checksum);
  assert.equal(results[0]!.timerEvents, results[1]!.timerEvents);
  assert.equal(results[0]!.eventRecords, results[1]!.eventRecords);
  assert.equal(result.repetitionsAgree, true);
});

test('bench one shard matches one engine', async () => {
  // The fleet the benchmark generated before it had shards: one engine, seeded
  // with --seed, filled from seededRandom(--seed), advanced in one call.
  const engine = await createEngine({ kind: 'wasm', maxPods: 2000, maxContainers: 3, seed: 7 });
  const random = seededRandom(7);
  for (let i = 0; i < 2000; i++) engine.addPod(generatePod(random, 2));
  engine.setCountOnly(true);
  engine.advance(600_000);

  const result = benchJson('--pods', '2000', '--duration', '10m', '--seed', '7', '--engine', 'wasm', '--no-idle');
  assert.equal(result.checksum, engine.stateChecksum());
  assert.equal(result.events, engine.stats().timerEvents);
});

test('bench workers match shards on one thread', () => {
  const parallel = benchJson('--pods', '300', '--duration', '10m', '--engine', 'both', '--workers', '2', '--no-idle');
  const sequential = benchJson('--pods', '300', '--duration', '10m', '--engine', 'wasm', '--shards', '2', '--no-idle');
  assert.equal(parallel.workers, 2);
  assert.equal(parallel.shards, 2);
  assert.equal(parallel.enginesAgree, true);
  assert.equal(parallel.checksum, sequential.checksum);
  assert.equal(parallel.events, sequential.events);
  const shardChecksums = (sequential.results as { shardChecksums: number[] }[])[0]!.shardChecksums;
  assert.equal(shardChecksums.length, 2);
  assert.equal(sequential.checksum, combineChecksums(shardChecksums));
});

test('bench scenario scale multiplies its pods', () => {
  const result = benchJson('-f', 'scenarios/default', '--scale', '50', '--duration', '10m', '--engine', 'both', '--no-idle');
  const scenario = result.scenario as { podsPerCopy: number; shapes: string[] };
  assert.equal(scenario.podsPerCopy, 6);
  assert.equal(result.pods, 300);
  assert.equal(result.enginesAgree, true);
  assert.ok((result.events as number) > 0);
});

test('bench scenario counts workload replicas', () => {
  const result = benchJson('-f', 'scenarios/controllers/replicaset-self-healing.yaml', '--scale', '4', '--duration', '1m', '--engine', 'wasm', '--no-idle');
  const scenario = result.scenario as { podsPerCopy: number; shapes: string[] };
  assert.ok(scenario.shapes.some((shape) => /^ReplicaSet\/default\/frontend: 3$/.test(shape)), scenario.shapes.join(', '));
  assert.equal(result.pods, scenario.podsPerCopy * 4);
});

test('bench rejects scale without a scenario', () => {
  const run = bench('--scale', '3');
  assert.equal(run.code, 1);
  assert.match(run.stderr, /--scale needs a scenario/);
});

test('bench reports a missing scenario path', () => {
  const run = bench('-f', 'scenarios/no-such-file.yaml', '--engine', 'wasm');
  assert.equal(run.code, 1);
  assert.match(run.stderr, /no-such-file\.yaml/);
});

test('bench ceiling builds and layouts agree', () => {
  const result = benchJson('--ceiling', '--timers', '2000', '--duration', '10m', '--engine', 'both');
  const runs = result.runs as { kind: string; layout: string; events: number; checksum: number }[];
  assert.equal(runs.length, 6);
  assert.equal(result.enginesAgree, true);
  for (const run of runs) {
    assert.equal(run.events, runs[0]!.events, `${run.kind}/${run.layout} fired a different number of timers`);
    assert.equal(run.checksum, runs[0]!.checksum, `${run.kind}/${run.layout} ended with a different checksum`);
  }
  // 2000 timers, each due every 1 ms to 300 s, fire at least twice in 10 minutes.
  assert.ok(runs[0]!.events >= 4000, `only ${runs[0]!.events} events`);
});

test('splitFleet covers every pod once', () => {
  const shards = splitFleet(10, 3);
  assert.deepEqual(shards.map((shard) => shard.pods), [4, 3, 3]);
  assert.deepEqual(shards.map((shard) => shard.firstPod), [0, 4, 7]);
});
