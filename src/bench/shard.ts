/**
 * Shards of a benchmark fleet. Pods never interact inside the engine, so a
 * fleet can be split into shards, each built into its own engine with its own
 * seed and run on its own thread. The code here runs on the main thread and in
 * the worker threads alike, and every input is structured-cloneable.
 */
import { performance } from 'node:perf_hooks';
import { createEngine, type EngineBridge } from '../engine/index.js';
import type { EngineKind, EnginePod } from '../engine/types.js';
import { generatePod, seededRandom, shardSeed } from './fleet.js';

/** Source of a fleet's pods: the generator, or one copy of a scenario. */
export type FleetSource =
  | { kind: 'generated'; containersPerPod: number; seed: number }
  /** `copy` is one copy of the scenario; pod i of the fleet is copy[i % copy.length]. */
  | { kind: 'scenario'; copy: EnginePod[]; maxContainers: number; seed: number };

export interface ShardSpec {
  index: number;
  /** Index of the shard's first pod in the whole fleet. */
  firstPod: number;
  pods: number;
}

export interface ShardRunResult {
  index: number;
  pods: number;
  containers: number;
  /** Container slots the engine allocated (pods × maxContainers). */
  containerSlots: number;
  buildMs: number;
  runWallMs: number;
  timerEvents: number;
  skippedProbeTicks: number;
  eventRecords: number;
  droppedRecords: number;
  bytesPerContainer: number;
  checksum: number;
}

/** Chunks one run is split into, so progress can be shown; chunked and single advances give the same events. */
export const RUN_CHUNKS = 100;

/** Split `pods` into `shards` consecutive shards whose sizes differ by at most one. */
export function splitFleet(pods: number, shards: number): ShardSpec[] {
  const specs: ShardSpec[] = [];
  let firstPod = 0;
  for (let index = 0; index < shards; index++) {
    const size = Math.floor(pods / shards) + (index < pods % shards ? 1 : 0);
    specs.push({ index, firstPod, pods: size });
    firstPod += size;
  }
  return specs;
}

/** maxContainers the engine of any shard of this fleet needs. */
export function maxContainersFor(source: FleetSource): number {
  // Generated pods may get one init container on top of their app containers.
  return source.kind === 'generated' ? source.containersPerPod + 1 : source.maxContainers;
}

/** Engine of one shard, filled with the shard's pods. */
export interface BuiltShard {
  spec: ShardSpec;
  engine: EngineBridge;
  containers: number;
  buildMs: number;
}

/**
 * Build the engine of one shard: pods from the generator seeded with the
 * shard's seed, or the scenario copy repeated from the shard's first pod.
 */
export async function buildShard(kind: EngineKind, source: FleetSource, spec: ShardSpec, quietTicks: boolean): Promise<BuiltShard> {
  const seed = shardSeed(source.seed, spec.index);
  const engine = await createEngine({ kind, maxPods: Math.max(1, spec.pods), maxContainers: maxContainersFor(source), seed });
  engine.setQuietTicks(quietTicks);
  let containers = 0;
  const started = performance.now();
  if (source.kind === 'generated') {
    const random = seededRandom(seed);
    for (let i = 0; i < spec.pods; i++) {
      const pod = generatePod(random, source.containersPerPod);
      containers += pod.containers.length;
      engine.addPod(pod);
    }
  } else {
    const { copy } = source;
    for (let i = 0; i < spec.pods; i++) {
      const pod = copy[(spec.firstPod + i) % copy.length]!;
      containers += pod.containers.length;
      engine.addPod(pod);
    }
  }
  return { spec, engine, containers, buildMs: performance.now() - started };
}

/**
 * Advance a built shard to `durationMs` in RUN_CHUNKS steps with the event
 * ring in count-only mode, calling `onChunk` after each step with the
 * fraction done.
 */
export function runShard(shard: BuiltShard, durationMs: number, onChunk?: (fraction: number) => void): ShardRunResult {
  const { engine } = shard;
  engine.setCountOnly(true);
  const started = performance.now();
  for (let chunk = 1; chunk <= RUN_CHUNKS; chunk++) {
    const until = Math.round((durationMs * chunk) / RUN_CHUNKS);
    const reached = engine.advance(until);
    if (reached !== until) {
      throw new Error(`${engine.kind} engine of shard ${shard.spec.index} stopped at ${reached} ms instead of ${until} ms.`);
    }
    onChunk?.(chunk / RUN_CHUNKS);
  }
  const runWallMs = performance.now() - started;
  const stats = engine.stats();
  return {
    index: shard.spec.index,
    pods: shard.spec.pods,
    containers: shard.containers,
    containerSlots: Math.max(1, shard.spec.pods) * engine.maxContainers,
    buildMs: shard.buildMs,
    runWallMs,
    timerEvents: stats.timerEvents,
    skippedProbeTicks: stats.skippedProbeTicks,
    eventRecords: stats.records,
    droppedRecords: stats.dropped,
    bytesPerContainer: stats.bytesPerContainer,
    checksum: engine.stateChecksum(),
  };
}

/**
 * Checksum of a sharded fleet: the single shard's checksum for one shard,
 * otherwise an FNV-1a fold of the shard checksums in shard order.
 */
export function combineChecksums(checksums: readonly number[]): number {
  if (checksums.length === 1) return checksums[0]! | 0;
  let hash = 0x811c9dc5;
  for (const checksum of checksums) {
    for (let byte = 0; byte < 4; byte++) {
      hash = Math.imul(hash ^ ((checksum >>> (byte * 8)) & 0xff), 0x01000193);
    }
  }
  return hash | 0;
}
