/**
 * Engine benchmark: build a fleet (generated, or a scenario repeated), run it
 * for a simulated duration with the event ring in count-only mode (no
 * JavaScript call per event), then advance an idle fleet by an hour. The fleet
 * can be split into shards run on worker threads. With both engine kinds the
 * runs alternate and the engines must end in the same state.
 */
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { createEngine } from '../engine/index.js';
import type { EngineKind } from '../engine/types.js';
import { idlePod } from './fleet.js';
import { createProgress, type Progress } from './progress.js';
import { expandCopy, loadScenarioFleet, maxContainersOf, type ScenarioFleet } from './scenario-fleet.js';
import {
  buildShard,
  combineChecksums,
  maxContainersFor,
  runShard,
  splitFleet,
  type BuiltShard,
  type FleetSource,
  type ShardRunResult,
  type ShardSpec,
} from './shard.js';
import type { WorkerMessage, WorkerTask } from './worker.js';

export interface BenchOptions {
  /** Pods of a generated fleet; ignored when `scenario` is set. */
  pods: number;
  /** App containers per generated pod; some pods get one init container on top. */
  containers: number;
  durationMs: number;
  /** Engine kinds in the order of the first round; later rounds alternate the order. */
  engines: EngineKind[];
  seed: number;
  /** Also time an idle fleet of the same size advanced by one hour. */
  idle: boolean;
  /** Let probe workers skip ticks that change nothing (the engine default); false ticks every period. */
  quietTicks: boolean;
  /** Scenario to repeat `scale` times in place of the generated fleet. */
  scenario: { path: string; scale: number } | null;
  /** Independent engines the fleet is split into, each with its own seed; the events depend on it. */
  shards: number;
  /** Worker threads the shards are spread over; 1 runs every shard on the main thread, one after another. */
  workers: number;
  /** Timed runs per engine kind; the figures are those of the median run. */
  repeat: number;
  /** Draw a progress bar on standard error when it is a terminal. */
  progress: boolean;
}

export interface EngineBenchResult {
  kind: EngineKind;
  pods: number;
  /** Containers in the fleet, init containers included. */
  containers: number;
  simulatedMs: number;
  /** Time to add every pod (median run); with workers, the slowest worker's. */
  fleetBuildMs: number;
  /** Wall time of the run phase (median run): from the start of the first shard to the end of the last. */
  runWallMs: number;
  /** runWallMs of every repetition, in run order. */
  runWallMsAll: number[];
  /**
   * CPU time the process used during the run phase (median run), every thread
   * included. Below runWallMs × threads when other processes took CPU time.
   */
  runCpuMs: number;
  timerEvents: number;
  /** Probe ticks skipped by quiet workers instead of firing (counted when they wake). */
  skippedProbeTicks: number;
  eventRecords: number;
  eventsPerSecond: number;
  nsPerEvent: number;
  simulatedSecondsPerWallSecond: number;
  /** Typed-array bytes per container slot over every shard, pod and timer storage included. */
  bytesPerContainer: number;
  /** Wall time to advance the idle fleet by one hour, or null when not measured. */
  idleHourWallMs: number | null;
  /** State checksum of the fleet: combineChecksums over the shards. */
  checksum: number;
  shardChecksums: number[];
  /** Run wall time of each shard, in shard order (median run). */
  shardRunWallMs: number[];
  /** Peak resident set size of the process (every thread) after this kind's last run, in bytes. */
  peakRssBytes: number;
}

export interface BenchScenarioInfo {
  path: string;
  scale: number;
  podsPerCopy: number;
  /** `Kind/namespace/name: replicas` of every pod shape in one copy. */
  shapes: string[];
  skipped: string[];
  warnings: string[];
}

export interface BenchMachine {
  cpus: number;
  cpuModel: string;
  node: string;
  /** 1-minute load average when the benchmark started and when it ended. */
  loadAverageStart: number;
  loadAverageEnd: number;
  date: string;
}

/** Describes this machine for a result: CPUs, Node version, the load average at start and now, and the date. */
export function describeMachine(loadAverageStart: number): BenchMachine {
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    node: process.version,
    loadAverageStart,
    loadAverageEnd: loadavg()[0]!,
    date: new Date().toISOString(),
  };
}

export interface BenchResult {
  options: BenchOptions;
  scenario: BenchScenarioInfo | null;
  machine: BenchMachine;
  /** Engine kind of the headline figures below: wasm when it ran, otherwise js. */
  engine: EngineKind;
  pods: number;
  /** Containers in the fleet, init containers included. */
  containers: number;
  simulatedSeconds: number;
  /** Timer events of the headline engine's run. */
  events: number;
  eventsPerSecond: number;
  nsPerEvent: number;
  simulatedSecondsPerWallSecond: number;
  bytesPerContainer: number;
  peakRssBytes: number;
  fleetBuildSeconds: number;
  workers: number;
  shards: number;
  checksum: number;
  /** JS events/s when both kinds ran, otherwise null. */
  jsEventsPerSecond: number | null;
  /** WASM events/s divided by JS events/s (median runs), when both ran. */
  wasmToJsRatio: number | null;
  /** Both engines ended with the same checksum, timer count and record count; null with one engine. */
  enginesAgree: boolean | null;
  /** Every repetition of an engine kind ended in the same state. */
  repetitionsAgree: boolean;
  results: EngineBenchResult[];
}

const IDLE_ADVANCE_MS = 3_600_000;
/** Time given to the idle fleet to start every container before the timed hour. */
const IDLE_WARMUP_MS = 5_000;

const workerUrl = new URL('./worker-bootstrap.mjs', import.meta.url);

function peakRssBytes(): number {
  return process.resourceUsage().maxRSS * 1024;
}

/** Outcome of one timed run of one engine kind over every shard. */
interface FleetRun {
  buildMs: number;
  runWallMs: number;
  /** CPU time of the whole process (every thread) during the run phase. */
  runCpuMs: number;
  shards: ShardRunResult[];
}

function cpuMsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

async function runInProcess(kind: EngineKind, source: FleetSource, specs: ShardSpec[], options: BenchOptions, progress: Progress): Promise<FleetRun> {
  const built: BuiltShard[] = [];
  for (const spec of specs) {
    progress.update(`${kind}: building shard ${spec.index + 1}/${specs.length}`, spec.index / specs.length);
    built.push(await buildShard(kind, source, spec, options.quietTicks));
  }
  const cpuStart = process.cpuUsage();
  const started = performance.now();
  const shards = built.map((shard, i) =>
    runShard(shard, options.durationMs, (fraction) => progress.update(`${kind}: simulating`, (i + fraction) / built.length)),
  );
  const runWallMs = performance.now() - started;
  return { buildMs: built.reduce((sum, shard) => sum + shard.buildMs, 0), runWallMs, runCpuMs: cpuMsSince(cpuStart), shards };
}

async function runOnWorkers(kind: EngineKind, source: FleetSource, specs: ShardSpec[], options: BenchOptions, progress: Progress): Promise<FleetRun> {
  const count = Math.min(options.workers, specs.length);
  const workers: Worker[] = [];
  const fractions = new Array<number>(count).fill(0);
  const built: Promise<number>[] = [];
  const done: Promise<ShardRunResult[]>[] = [];

  for (let w = 0; w < count; w++) {
    const task: WorkerTask = {
      engine: kind,
      source,
      shards: specs.filter((spec) => spec.index % count === w),
      durationMs: options.durationMs,
      quietTicks: options.quietTicks,
    };
    const worker = new Worker(workerUrl, { workerData: task });
    workers.push(worker);
    let resolveBuilt!: (ms: number) => void;
    let resolveDone!: (results: ShardRunResult[]) => void;
    let fail!: (error: Error) => void;
    const failed = new Promise<never>((_, reject) => (fail = reject));
    // The exit after terminate() below rejects `failed` too, once nothing waits on it.
    failed.catch(() => undefined);
    built.push(Promise.race([new Promise<number>((resolve) => (resolveBuilt = resolve)), failed]));
    done.push(Promise.race([new Promise<ShardRunResult[]>((resolve) => (resolveDone = resolve)), failed]));
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'built') resolveBuilt(message.buildMs);
      else if (message.type === 'done') resolveDone(message.results);
      else if (message.type === 'error') fail(new Error(`benchmark worker ${w} failed: ${message.message}`));
      else {
        fractions[w] = message.fraction;
        progress.update(`${kind}: simulating on ${count} workers`, sum(fractions) / count);
      }
    });
    worker.on('error', (error) => fail(error));
    worker.on('exit', (code) => fail(new Error(`benchmark worker ${w} exited with code ${code} before it finished`)));
  }

  try {
    progress.update(`${kind}: building ${specs.length} shards on ${count} workers`, 0);
    const buildTimes = await Promise.all(built);
    const cpuStart = process.cpuUsage();
    const started = performance.now();
    for (const worker of workers) worker.postMessage('go');
    const results = (await Promise.all(done)).flat().sort((a, b) => a.index - b.index);
    const runWallMs = performance.now() - started;
    return { buildMs: Math.max(...buildTimes), runWallMs, runCpuMs: cpuMsSince(cpuStart), shards: results };
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}

async function timeIdleHour(kind: EngineKind, pods: number, containers: number, seed: number): Promise<number> {
  const engine = await createEngine({ kind, maxPods: pods, maxContainers: containers, seed });
  const pod = idlePod(containers);
  for (let i = 0; i < pods; i++) engine.addPod(pod);
  engine.setCountOnly(true);
  engine.advance(IDLE_WARMUP_MS);
  const started = performance.now();
  engine.advance(IDLE_WARMUP_MS + IDLE_ADVANCE_MS);
  return performance.now() - started;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

function summarize(kind: EngineKind, runs: FleetRun[], options: BenchOptions, idleHourWallMs: number | null): EngineBenchResult {
  const runWallMsAll = runs.map((run) => run.runWallMs);
  const chosen = runs.find((run) => run.runWallMs === median(runWallMsAll))!;
  const shards = chosen.shards;
  const timerEvents = sum(shards.map((shard) => shard.timerEvents));
  const slots = sum(shards.map((shard) => shard.containerSlots));
  const seconds = chosen.runWallMs / 1000;
  for (const shard of shards) {
    if (shard.droppedRecords > 0) throw new Error(`${kind} engine of shard ${shard.index} dropped ${shard.droppedRecords} event records.`);
  }
  return {
    kind,
    pods: sum(shards.map((shard) => shard.pods)),
    containers: sum(shards.map((shard) => shard.containers)),
    simulatedMs: options.durationMs,
    fleetBuildMs: chosen.buildMs,
    runWallMs: chosen.runWallMs,
    runWallMsAll,
    runCpuMs: chosen.runCpuMs,
    timerEvents,
    skippedProbeTicks: sum(shards.map((shard) => shard.skippedProbeTicks)),
    eventRecords: sum(shards.map((shard) => shard.eventRecords)),
    eventsPerSecond: timerEvents / seconds,
    nsPerEvent: (chosen.runWallMs * 1e6) / timerEvents,
    simulatedSecondsPerWallSecond: options.durationMs / 1000 / seconds,
    bytesPerContainer: sum(shards.map((shard) => shard.bytesPerContainer * shard.containerSlots)) / slots,
    idleHourWallMs,
    checksum: combineChecksums(shards.map((shard) => shard.checksum)),
    shardChecksums: shards.map((shard) => shard.checksum),
    shardRunWallMs: shards.map((shard) => shard.runWallMs),
    peakRssBytes: peakRssBytes(),
  };
}

function sameState(a: FleetRun, b: FleetRun): boolean {
  return a.shards.every((shard, i) => {
    const other = b.shards[i]!;
    return shard.checksum === other.checksum && shard.timerEvents === other.timerEvents && shard.eventRecords === other.eventRecords;
  });
}

function describeScenario(options: BenchOptions, fleet: ScenarioFleet): BenchScenarioInfo {
  return {
    path: options.scenario!.path,
    scale: options.scenario!.scale,
    podsPerCopy: fleet.podsPerCopy,
    shapes: fleet.shapes.map((shape) => `${shape.source}: ${shape.replicas}`),
    skipped: fleet.skipped,
    warnings: fleet.warnings,
  };
}

/** Load or describe the fleet: its source, its pod count and, for a scenario, what one copy contains. */
export function resolveFleet(options: BenchOptions): { source: FleetSource; pods: number; scenario: BenchScenarioInfo | null } {
  if (options.scenario === null) {
    return { source: { kind: 'generated', containersPerPod: options.containers, seed: options.seed }, pods: options.pods, scenario: null };
  }
  const fleet = loadScenarioFleet(options.scenario.path, options.seed);
  return {
    source: { kind: 'scenario', copy: expandCopy(fleet), maxContainers: maxContainersOf(fleet), seed: options.seed },
    pods: fleet.podsPerCopy * options.scenario.scale,
    scenario: describeScenario(options, fleet),
  };
}

export async function runBench(options: BenchOptions): Promise<BenchResult> {
  const loadAverageStart = loadavg()[0]!;
  const { source, pods, scenario } = resolveFleet(options);
  if (options.shards > pods) throw new RangeError(`--shards ${options.shards} is more than the ${pods} pods of the fleet.`);
  const specs = splitFleet(pods, options.shards);
  const progress = createProgress(options.progress ? process.stderr : null);

  const runsByKind = new Map<EngineKind, FleetRun[]>(options.engines.map((kind) => [kind, []]));
  try {
    for (let round = 0; round < options.repeat; round++) {
      // Alternate the order (A B, B A, A B ...) so drift in machine load hits both kinds alike.
      const order = round % 2 === 0 ? options.engines : [...options.engines].reverse();
      for (const kind of order) {
        const run = options.workers > 1 ? runOnWorkers : runInProcess;
        runsByKind.get(kind)!.push(await run(kind, source, specs, options, progress));
      }
    }
  } finally {
    progress.done();
  }

  const results: EngineBenchResult[] = [];
  let repetitionsAgree = true;
  for (const kind of options.engines) {
    const runs = runsByKind.get(kind)!;
    repetitionsAgree &&= runs.every((run) => sameState(run, runs[0]!));
    const idle = options.idle ? await timeIdleHour(kind, pods, maxContainersFor(source), options.seed) : null;
    results.push(summarize(kind, runs, options, idle));
  }

  const wasm = results.find((r) => r.kind === 'wasm');
  const js = results.find((r) => r.kind === 'js');
  const headline = wasm ?? js!;
  const both = wasm !== undefined && js !== undefined;
  const enginesAgree = both
    ? wasm.checksum === js.checksum && wasm.timerEvents === js.timerEvents && wasm.eventRecords === js.eventRecords
    : null;
  return {
    options,
    scenario,
    machine: describeMachine(loadAverageStart),
    engine: headline.kind,
    pods: headline.pods,
    containers: headline.containers,
    simulatedSeconds: options.durationMs / 1000,
    events: headline.timerEvents,
    eventsPerSecond: headline.eventsPerSecond,
    nsPerEvent: headline.nsPerEvent,
    simulatedSecondsPerWallSecond: headline.simulatedSecondsPerWallSecond,
    bytesPerContainer: headline.bytesPerContainer,
    peakRssBytes: Math.max(...results.map((r) => r.peakRssBytes)),
    fleetBuildSeconds: headline.fleetBuildMs / 1000,
    workers: Math.min(options.workers, options.shards),
    shards: options.shards,
    checksum: headline.checksum,
    jsEventsPerSecond: js?.eventsPerSecond ?? null,
    wasmToJsRatio: both ? wasm.eventsPerSecond / js.eventsPerSecond : null,
    enginesAgree,
    repetitionsAgree,
    results,
  };
}
