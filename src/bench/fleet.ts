/**
 * Generated pod fleets for the engine benchmark. A fleet is a deterministic
 * function of its seed, so both engine kinds get exactly the same pods.
 */
import {
  ContainerKindCode,
  RestartPolicyCode,
  type EngineBehavior,
  type EngineContainer,
  type EnginePod,
  type EngineProbe,
} from '../engine/types.js';

/** Share of pods that crash-loop (exit 1 after 5-60 s under restartPolicy Always). */
const CRASH_LOOP_SHARE = 0.1;
/** Share of pods with a startup probe in front of readiness and liveness. */
const STARTUP_PROBE_SHARE = 0.2;
/** Share of pods with one init container (runs 1-3 s, exits 0). */
const INIT_CONTAINER_SHARE = 0.1;
const PROBE_PERIOD_SECONDS = 10;

// The fleet draws from the same seeded generator as the scenario defaults.
export { seededRandom } from '../scenario/random.js';

function probe(periodSeconds: number, failureThreshold: number): EngineProbe {
  return {
    initialDelaySeconds: 0,
    timeoutSeconds: 1,
    periodSeconds,
    successThreshold: 1,
    failureThreshold,
    terminationGracePeriodSeconds: -1,
  };
}

function behavior(overrides: Partial<EngineBehavior>): EngineBehavior {
  return {
    pullMs: 0,
    runMs: -1,
    exitCode: 0,
    healthyFromMs: 0,
    unhealthyFromMs: -1,
    sigtermExitMs: 200,
    sigtermExitCode: 143,
    preStopMs: -1,
    preStopFails: false,
    ...overrides,
  };
}

/**
 * Generate a pod of `containers` app containers. Every app container has
 * readiness and liveness probes every 10 s. Some pods add a startup probe,
 * some crash-loop, and some have an init container first.
 */
export function generatePod(random: () => number, containers: number): EnginePod {
  const crashLoop = random() < CRASH_LOOP_SHARE;
  const withStartup = random() < STARTUP_PROBE_SHARE;
  const withInit = random() < INIT_CONTAINER_SHARE;
  const list: EngineContainer[] = [];

  if (withInit) {
    list.push({
      kind: ContainerKindCode.Init,
      startupProbe: null,
      readinessProbe: null,
      livenessProbe: null,
      behavior: behavior({ pullMs: Math.floor(random() * 2000), runMs: 1000 + Math.floor(random() * 2000) }),
    });
  }
  for (let i = 0; i < containers; i++) {
    const runMs = crashLoop && i === 0 ? 5000 + Math.floor(random() * 55_000) : -1;
    list.push({
      kind: ContainerKindCode.Regular,
      startupProbe: withStartup ? probe(5, 30) : null,
      readinessProbe: probe(PROBE_PERIOD_SECONDS, 3),
      livenessProbe: probe(PROBE_PERIOD_SECONDS, 3),
      behavior: behavior({
        pullMs: i === 0 ? Math.floor(random() * 3000) : 0,
        runMs,
        exitCode: runMs >= 0 ? 1 : 0,
        healthyFromMs: withStartup ? 15_000 : Math.floor(random() * 5000),
      }),
    });
  }
  return {
    restartPolicy: RestartPolicyCode.Always,
    terminationGracePeriodSeconds: 30,
    activeDeadlineSeconds: -1,
    containers: list,
  };
}

/** Build a pod that starts and then runs forever with no probes, so nothing is due after its start. */
export function idlePod(containers: number): EnginePod {
  const list: EngineContainer[] = [];
  for (let i = 0; i < containers; i++) {
    list.push({
      kind: ContainerKindCode.Regular,
      startupProbe: null,
      readinessProbe: null,
      livenessProbe: null,
      behavior: behavior({}),
    });
  }
  return { restartPolicy: RestartPolicyCode.Always, terminationGracePeriodSeconds: 30, activeDeadlineSeconds: -1, containers: list };
}

/**
 * Seed of shard `shard` of a fleet seeded with `seed`. Shard 0 keeps `seed`,
 * so a fleet in one shard is the fleet the benchmark generated before it had
 * shards. The other shards get a murmur3 finalizer of the seed and the index.
 */
export function shardSeed(seed: number, shard: number): number {
  if (shard === 0) return seed | 0;
  let h = (seed ^ Math.imul(shard, 0x9e3779b9)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}
