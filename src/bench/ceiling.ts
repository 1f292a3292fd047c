/**
 * `podsim bench --ceiling`: the timer loop of bench/assembly/ceiling.ts, with
 * no Kubernetes logic, in its three layouts (cascade, inline, intrusive) and in
 * both builds.
 * It gives the events/s a timing wheel reaches on this machine, to compare the
 * engine's events/s with. The builds are made on demand by
 * scripts/build-bench.mjs when they are missing or older than the source.
 */
import { spawnSync } from 'node:child_process';
import { readFile, stat } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { EngineKind } from '../engine/types.js';
import { describeMachine, type BenchMachine } from './run.js';

export type CeilingLayout = 'inline' | 'cascade' | 'intrusive';

export interface CeilingOptions {
  timers: number;
  durationMs: number;
  engines: EngineKind[];
  seed: number;
  /** Timed runs per build and layout; the figures are those of the median run. */
  repeat: number;
}

export interface CeilingRun {
  kind: EngineKind;
  layout: CeilingLayout;
  timers: number;
  initMs: number;
  runWallMs: number;
  runWallMsAll: number[];
  /** CPU time of the process during the run; below runWallMs when other processes took CPU time. */
  runCpuMs: number;
  events: number;
  eventsPerSecond: number;
  nsPerEvent: number;
  bytesPerTimer: number;
  checksum: number;
}

export interface CeilingResult {
  options: CeilingOptions;
  runs: CeilingRun[];
  /** Every run ended with the same checksum and event count; null with a single run. */
  enginesAgree: boolean | null;
  machine: BenchMachine;
}

/** Exports of bench/assembly/ceiling.ts. */
interface CeilingModule {
  initInline(timers: number, seed: number): void;
  runInline(untilMs: number): number;
  checksumInline(): number;
  bytesPerTimerInline(): number;
  initCascade(timers: number, seed: number): void;
  runCascade(untilMs: number): number;
  checksumCascade(): number;
  bytesPerTimerCascade(): number;
  initIntrusive(timers: number, seed: number): void;
  runIntrusive(untilMs: number): number;
  checksumIntrusive(): number;
  bytesPerTimerIntrusive(): number;
}

const root = new URL('../../', import.meta.url);
const sourceUrl = new URL('bench/assembly/ceiling.ts', root);
const wasmUrl = new URL('build/bench/ceiling.wasm', root);
const portableUrl = new URL('build/bench/ceiling.js', root);
const buildScript = fileURLToPath(new URL('scripts/build-bench.mjs', root));
/** advance calls per run; each returns an i32 count, so a call must fire fewer than 2^31 timers. */
const RUN_CHUNKS = 100;

async function modifiedMs(url: URL): Promise<number> {
  try {
    return (await stat(url)).mtimeMs;
  } catch {
    return -1;
  }
}

async function ensureBuilt(): Promise<void> {
  const source = await modifiedMs(sourceUrl);
  const wasm = await modifiedMs(wasmUrl);
  const portable = await modifiedMs(portableUrl);
  if (wasm >= source && portable >= source) return;
  const result = spawnSync(process.execPath, [buildScript], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) throw new Error(`${buildScript} failed with exit code ${result.status}`);
}

let portableInstances = 0;

async function loadCeiling(kind: EngineKind): Promise<CeilingModule> {
  if (kind === 'wasm') {
    const { instance } = await WebAssembly.instantiate(await readFile(wasmUrl), {
      env: {
        abort(_message: number, _file: number, line: number, column: number): never {
          throw new Error(`ceiling loop aborted at line ${line}:${column}`);
        },
      },
    });
    return instance.exports as unknown as CeilingModule;
  }
  // A new query string gives a new module instance with fresh state.
  portableInstances += 1;
  return (await import(`${portableUrl.href}?instance=${portableInstances}`)) as CeilingModule;
}

async function runOnce(kind: EngineKind, layout: CeilingLayout, options: CeilingOptions): Promise<Omit<CeilingRun, 'runWallMsAll'>> {
  const ceiling = await loadCeiling(kind);
  const functions = {
    inline: [ceiling.initInline, ceiling.runInline, ceiling.checksumInline, ceiling.bytesPerTimerInline],
    cascade: [ceiling.initCascade, ceiling.runCascade, ceiling.checksumCascade, ceiling.bytesPerTimerCascade],
    intrusive: [ceiling.initIntrusive, ceiling.runIntrusive, ceiling.checksumIntrusive, ceiling.bytesPerTimerIntrusive],
  } as const;
  const [init, run, checksum, bytes] = functions[layout];
  const initStarted = performance.now();
  init(options.timers, options.seed);
  const initMs = performance.now() - initStarted;

  let events = 0;
  const cpuStart = process.cpuUsage();
  const started = performance.now();
  for (let chunk = 1; chunk <= RUN_CHUNKS; chunk++) events += run(Math.round((options.durationMs * chunk) / RUN_CHUNKS));
  const runWallMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuStart);
  return {
    kind,
    layout,
    timers: options.timers,
    initMs,
    runWallMs,
    runCpuMs: (cpu.user + cpu.system) / 1000,
    events,
    eventsPerSecond: events / (runWallMs / 1000),
    nsPerEvent: (runWallMs * 1e6) / events,
    bytesPerTimer: bytes(),
    checksum: checksum() | 0,
  };
}

export async function runCeiling(options: CeilingOptions): Promise<CeilingResult> {
  const loadAverageStart = loadavg()[0]!;
  await ensureBuilt();
  const layouts: CeilingLayout[] = ['cascade', 'inline', 'intrusive'];
  const all = new Map<string, Omit<CeilingRun, 'runWallMsAll'>[]>();
  for (let round = 0; round < options.repeat; round++) {
    // Alternate the order of the builds between rounds, as the engine benchmark does.
    const kinds = round % 2 === 0 ? options.engines : [...options.engines].reverse();
    for (const kind of kinds) {
      for (const layout of layouts) {
        const key = `${kind}/${layout}`;
        all.set(key, [...(all.get(key) ?? []), await runOnce(kind, layout, options)]);
      }
    }
  }

  const runs: CeilingRun[] = [];
  for (const kind of options.engines) {
    for (const layout of layouts) {
      const repeats = all.get(`${kind}/${layout}`)!;
      const sorted = [...repeats].sort((a, b) => a.runWallMs - b.runWallMs);
      const median = sorted[Math.floor((sorted.length - 1) / 2)]!;
      runs.push({ ...median, runWallMsAll: repeats.map((run) => run.runWallMs) });
    }
  }
  const first = runs[0]!;
  return {
    options,
    runs,
    enginesAgree: runs.every((run) => run.checksum === first.checksum && run.events === first.events),
    machine: describeMachine(loadAverageStart),
  };
}

export function formatCeiling(result: CeilingResult): string {
  const { timers, durationMs } = result.options;
  const lines = [`ceiling: ${timers.toLocaleString('en-US')} timers, delays 1 ms to 300 s, ${durationMs / 1000} s simulated`];
  lines.push('build  layout     events        wall ms   CPU ms   events/s      ns/event  bytes/timer  checksum');
  for (const run of result.runs) {
    lines.push(
      [
        run.kind.padEnd(6),
        run.layout.padEnd(10),
        run.events.toLocaleString('en-US').padStart(12),
        run.runWallMs.toFixed(0).padStart(9),
        run.runCpuMs.toFixed(0).padStart(7),
        Math.round(run.eventsPerSecond).toLocaleString('en-US').padStart(12),
        run.nsPerEvent.toFixed(1).padStart(9),
        run.bytesPerTimer.toFixed(1).padStart(11),
        String(run.checksum).padStart(12),
      ].join('  '),
    );
  }
  lines.push(result.enginesAgree ? 'every run agrees: same checksum and event count' : 'RUNS DISAGREE: checksums or event counts differ');
  lines.push(`load average (1 min): ${result.machine.loadAverageStart.toFixed(2)} at start, ${result.machine.loadAverageEnd.toFixed(2)} at end`);
  return lines.join('\n');
}
