/**
 * Engine benchmark: build a generated fleet, run it for a simulated duration
 * with the event ring in count-only mode (no JavaScript call per event), then
 * advance an idle fleet by an hour. With both engine kinds it also checks that
 * they end in the same state.
 */
import { performance } from 'node:perf_hooks';
import { createEngine, type EngineBridge } from '../engine/index.js';
import type { EngineKind } from '../engine/types.js';
import { generatePod, idlePod, seededRandom } from './fleet.js';

export interface BenchOptions {
  pods: number;
  /** App containers per pod; some pods get one init container on top. */
  containers: number;
  durationMs: number;
  engines: EngineKind[];
  seed: number;
  /** Also time an idle fleet of the same size advanced by one hour. */
  idle: boolean;
  /** Let probe workers skip ticks that change nothing (the engine default); false ticks every period. */
  quietTicks: boolean;
}

export interface EngineBenchResult {
  kind: EngineKind;
  pods: number;
  containersPerPod: number;
  simulatedMs: number;
  fleetBuildMs: number;
  runWallMs: number;
  timerEvents: number;
  /** Probe ticks skipped by quiet workers instead of firing (counted when they wake). */
  skippedProbeTicks: number;
  eventRecords: number;
  eventsPerSecond: number;
  nsPerEvent: number;
  simulatedSecondsPerWallSecond: number;
  bytesPerContainer: number;
  /** Wall time to advance the idle fleet by one hour, or null when not measured. */
  idleHourWallMs: number | null;
  checksum: number;
  /** Peak resident set size of the process so far, in bytes. */
  peakRssBytes: number;
}

export interface BenchResult {
  options: BenchOptions;
  results: EngineBenchResult[];
  /** WASM events/s divided by JS events/s, when both ran. */
  wasmToJsRatio: number | null;
  /** Both engines ended with the same checksum, timer count and record count; null with one engine. */
  enginesAgree: boolean | null;
}

const IDLE_ADVANCE_MS = 3_600_000;
/** Time given to the idle fleet to start every container before the timed hour. */
const IDLE_WARMUP_MS = 5_000;

function peakRssBytes(): number {
  return process.resourceUsage().maxRSS * 1024;
}

async function buildFleet(kind: EngineKind, options: BenchOptions): Promise<{ engine: EngineBridge; buildMs: number }> {
  const engine = await createEngine({ kind, maxPods: options.pods, maxContainers: options.containers + 1, seed: options.seed });
  engine.setQuietTicks(options.quietTicks);
  const random = seededRandom(options.seed);
  const started = performance.now();
  for (let i = 0; i < options.pods; i++) engine.addPod(generatePod(random, options.containers));
  return { engine, buildMs: performance.now() - started };
}

async function timeIdleHour(kind: EngineKind, options: BenchOptions): Promise<number> {
  const engine = await createEngine({ kind, maxPods: options.pods, maxContainers: options.containers, seed: options.seed });
  const pod = idlePod(options.containers);
  for (let i = 0; i < options.pods; i++) engine.addPod(pod);
  engine.setCountOnly(true);
  engine.advance(IDLE_WARMUP_MS);
  const started = performance.now();
  engine.advance(IDLE_WARMUP_MS + IDLE_ADVANCE_MS);
  return performance.now() - started;
}

export async function runEngineBench(kind: EngineKind, options: BenchOptions): Promise<EngineBenchResult> {
  const { engine, buildMs } = await buildFleet(kind, options);
  engine.setCountOnly(true);
  engine.setQuietTicks(options.quietTicks);

  const started = performance.now();
  const reached = engine.advance(options.durationMs);
  const runWallMs = performance.now() - started;
  if (reached !== options.durationMs) {
    throw new Error(`${kind} engine stopped at ${reached} ms instead of ${options.durationMs} ms.`);
  }

  const stats = engine.stats();
  const checksum = engine.stateChecksum();
  const idleHourWallMs = options.idle ? await timeIdleHour(kind, options) : null;
  const seconds = runWallMs / 1000;
  return {
    kind,
    pods: options.pods,
    containersPerPod: options.containers,
    simulatedMs: options.durationMs,
    fleetBuildMs: buildMs,
    runWallMs,
    timerEvents: stats.timerEvents,
    skippedProbeTicks: stats.skippedProbeTicks,
    eventRecords: stats.records,
    eventsPerSecond: stats.timerEvents / seconds,
    nsPerEvent: (runWallMs * 1e6) / stats.timerEvents,
    simulatedSecondsPerWallSecond: options.durationMs / 1000 / seconds,
    bytesPerContainer: stats.bytesPerContainer,
    idleHourWallMs,
    checksum,
    peakRssBytes: peakRssBytes(),
  };
}

export async function runBench(options: BenchOptions): Promise<BenchResult> {
  const results: EngineBenchResult[] = [];
  for (const kind of options.engines) results.push(await runEngineBench(kind, options));

  const wasm = results.find((r) => r.kind === 'wasm');
  const js = results.find((r) => r.kind === 'js');
  if (!wasm || !js) return { options, results, wasmToJsRatio: null, enginesAgree: null };
  const enginesAgree =
    wasm.checksum === js.checksum && wasm.timerEvents === js.timerEvents && wasm.eventRecords === js.eventRecords;
  return { options, results, wasmToJsRatio: wasm.eventsPerSecond / js.eventsPerSecond, enginesAgree };
}
