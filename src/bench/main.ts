/**
 * Command-line entry of the engine benchmark:
 *   podsim bench [--pods N | -f PATH --scale N] [--duration 1h] [--engine wasm|js|both] [--workers W] [--json] ...
 *   podsim bench --ceiling [--timers N] [--duration 1h] [--engine wasm|js|both] [--json]
 * Exits 1 when both engines ran and ended in different states, 2 on invalid arguments.
 */
import { parseArgs } from 'node:util';
import { parseDuration } from '../cli/duration.js';
import type { EngineKind } from '../engine/types.js';
import { formatCeiling, runCeiling, type CeilingOptions } from './ceiling.js';
import { runBench, type BenchOptions, type BenchResult, type EngineBenchResult } from './run.js';
import { ScenarioFleetError } from './scenario-fleet.js';

export const BENCH_USAGE = `Usage: podsim bench [options]
  --pods N          pods in the generated fleet (default 10000)
  --containers K    app containers per generated pod, 1-254 (default 2)
  -f, --filename P  repeat the pods of this scenario (file or folder) in place of the generated fleet
  --scale N         copies of the scenario given with -f (default 1)
  --duration D      simulated time as a Go duration, e.g. 1h or 90m (default 1h)
  --engine E        wasm, js or both (default both); with both, the runs alternate
  --seed S          seed of the fleet and of the engine (default 1)
  --workers W       worker threads the shards run on (default 1: the main thread)
  --shards S        independent engines the fleet is split into, each with a seed
                    derived from --seed (default: --workers); the events depend on S
  --repeat R        timed runs per engine; figures are those of the median run (default 1)
  --no-idle         skip the idle-fleet hour
  --no-progress     draw no progress bar (it is drawn only when stderr is a terminal)
  --tick-every-period  make probe workers fire every period instead of skipping
                    ticks that change nothing (measures the raw timer wheel)
  --ceiling         run the bare timing-wheel loop (bench/assembly/ceiling.ts) instead of the engine
  --timers N        timers of the --ceiling loop (default 1000000)
  --json            print the result as JSON`;

function positiveInteger(name: string, text: string, max: number): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new Error(`invalid --${name} "${text}": expected an integer from 1 to ${max}`);
  }
  return value;
}

export type BenchCommand =
  | { mode: 'engine'; options: BenchOptions; json: boolean }
  | { mode: 'ceiling'; options: CeilingOptions; json: boolean };

export function parseBenchArgs(argv: string[]): BenchCommand {
  const { values } = parseArgs({
    args: argv,
    options: {
      pods: { type: 'string' },
      containers: { type: 'string' },
      filename: { type: 'string', short: 'f' },
      scale: { type: 'string' },
      duration: { type: 'string', default: '1h' },
      engine: { type: 'string', default: 'both' },
      seed: { type: 'string', default: '1' },
      workers: { type: 'string', default: '1' },
      shards: { type: 'string' },
      repeat: { type: 'string', default: '1' },
      'no-idle': { type: 'boolean', default: false },
      'no-progress': { type: 'boolean', default: false },
      'tick-every-period': { type: 'boolean', default: false },
      ceiling: { type: 'boolean', default: false },
      timers: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  const engine = values.engine;
  if (engine !== 'wasm' && engine !== 'js' && engine !== 'both') {
    throw new Error(`invalid --engine "${engine}": expected wasm, js or both`);
  }
  const durationMs = parseDuration(values.duration);
  if (durationMs < 1 || durationMs > 2_000_000_000) {
    throw new Error(`invalid --duration "${values.duration}": expected more than 0 and at most 23 days`);
  }
  const engines: EngineKind[] = engine === 'both' ? ['wasm', 'js'] : [engine];
  const seedText = values.seed;
  if (!/^-?\d+$/.test(seedText)) throw new Error(`invalid --seed "${seedText}": expected an integer`);
  const seed = Number(seedText) | 0;
  const repeat = positiveInteger('repeat', values.repeat, 1000);

  if (values.ceiling) {
    for (const flag of ['pods', 'containers', 'filename', 'scale', 'shards'] as const) {
      if (values[flag] !== undefined) throw new Error(`--${flag} does not apply to --ceiling, which runs bare timers (see --timers)`);
    }
    return {
      mode: 'ceiling',
      options: { timers: positiveInteger('timers', values.timers ?? '1000000', 50_000_000), durationMs, engines, seed, repeat },
      json: values.json,
    };
  }
  if (values.timers !== undefined) throw new Error('--timers applies only to --ceiling');

  let scenario: BenchOptions['scenario'] = null;
  if (values.filename !== undefined) {
    if (values.pods !== undefined || values.containers !== undefined) {
      throw new Error('--pods and --containers apply to the generated fleet; with -f the pod count is the scenario\'s pods times --scale');
    }
    scenario = { path: values.filename, scale: positiveInteger('scale', values.scale ?? '1', 50_000_000) };
  } else if (values.scale !== undefined) {
    throw new Error('--scale needs a scenario: give it with -f PATH');
  }
  const workers = positiveInteger('workers', values.workers, 256);
  return {
    mode: 'engine',
    options: {
      pods: positiveInteger('pods', values.pods ?? '10000', 50_000_000),
      containers: positiveInteger('containers', values.containers ?? '2', 254),
      durationMs,
      engines,
      seed,
      idle: !values['no-idle'],
      quietTicks: !values['tick-every-period'],
      scenario,
      workers,
      shards: values.shards === undefined ? workers : positiveInteger('shards', values.shards, 4096),
      repeat,
      progress: !values['no-progress'],
    },
    json: values.json,
  };
}

function formatCount(value: number): string {
  return value.toLocaleString('en-US', { maximumFractionDigits: 0 });
}

function formatFleet(result: BenchResult): string[] {
  const { durationMs, quietTicks, scenario } = result.options;
  const mode = quietTicks ? 'quiet probe ticks skipped' : 'probes tick every period';
  const fleetSource = scenario === null ? `${result.options.containers} app containers each` : `${scenario.path} x ${scenario.scale}`;
  const lines = [`fleet: ${formatCount(result.pods)} pods (${fleetSource}), ${formatCount(result.containers)} containers, ${durationMs / 1000} s simulated, ${mode}`];
  if (result.scenario !== null) {
    lines.push(`scenario copy: ${result.scenario.podsPerCopy} pods from ${result.scenario.shapes.join(', ')}`);
    if (result.scenario.skipped.length > 0) lines.push(`no pods at time 0: ${result.scenario.skipped.join(', ')}`);
    for (const warning of result.scenario.warnings) lines.push(`warning: ${warning}`);
  }
  if (result.shards > 1) lines.push(`shards: ${result.shards} on ${result.workers} thread(s)`);
  return lines;
}

function formatEngine(r: EngineBenchResult): string[] {
  const repeats = r.runWallMsAll.length > 1 ? ` (median of ${r.runWallMsAll.map((ms) => ms.toFixed(0)).join(', ')})` : '';
  const lines = [
    `[${r.kind}]`,
    `  fleet build           ${r.fleetBuildMs.toFixed(0)} ms`,
    `  run wall time         ${r.runWallMs.toFixed(0)} ms${repeats}`,
    `  run CPU time          ${r.runCpuMs.toFixed(0)} ms (all threads)`,
    `  timer events          ${formatCount(r.timerEvents)}`,
    `  probe ticks skipped   ${formatCount(r.skippedProbeTicks)}`,
    `  event records         ${formatCount(r.eventRecords)}`,
    `  events/s              ${formatCount(r.eventsPerSecond)}`,
    `  ns/event              ${r.nsPerEvent.toFixed(1)}`,
    `  simulated s / wall s  ${formatCount(r.simulatedSecondsPerWallSecond)}`,
    `  bytes per container   ${r.bytesPerContainer.toFixed(1)}`,
  ];
  if (r.idleHourWallMs !== null) lines.push(`  idle fleet, 1 h       ${r.idleHourWallMs.toFixed(2)} ms`);
  lines.push(`  peak RSS              ${(r.peakRssBytes / 1048576).toFixed(0)} MiB`);
  lines.push(`  state checksum        ${r.checksum}`);
  return lines;
}

export function formatBench(result: BenchResult): string {
  const lines = formatFleet(result);
  for (const r of result.results) lines.push(...formatEngine(r));

  if (result.wasmToJsRatio !== null) lines.push(`WASM/JS events/s ratio: ${result.wasmToJsRatio.toFixed(2)}`);
  if (result.enginesAgree !== null) {
    lines.push(result.enginesAgree ? 'engines agree: same final state' : 'ENGINES DISAGREE: final states differ');
  }
  if (!result.repetitionsAgree) lines.push('REPEATED RUNS DISAGREE: one engine ended in different states');
  const { loadAverageStart, loadAverageEnd, cpus } = result.machine;
  lines.push(`load average (1 min): ${loadAverageStart.toFixed(2)} at start, ${loadAverageEnd.toFixed(2)} at end, ${cpus} CPUs`);
  return lines.join('\n');
}

/** Run the benchmark from command-line arguments; returns the process exit code. */
export async function benchMain(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${BENCH_USAGE}\n`);
    return 0;
  }
  let command: BenchCommand;
  try {
    command = parseBenchArgs(argv);
  } catch (error) {
    process.stderr.write(`podsim bench: ${(error as Error).message}\n${BENCH_USAGE}\n`);
    return 1;
  }
  if (command.mode === 'ceiling') {
    const result = await runCeiling(command.options);
    process.stdout.write((command.json ? JSON.stringify(result, null, 2) : formatCeiling(result)) + '\n');
    if (result.enginesAgree === false) {
      process.stderr.write('podsim bench: the WASM and JS builds of the ceiling loop ended with different checksums.\n');
      return 1;
    }
    return 0;
  }

  let result: BenchResult;
  try {
    result = await runBench(command.options);
  } catch (error) {
    if (!(error instanceof ScenarioFleetError || error instanceof RangeError)) throw error;
    process.stderr.write(`podsim bench: ${error.message}\n`);
    return 1;
  }
  process.stdout.write((command.json ? JSON.stringify(result, null, 2) : formatBench(result)) + '\n');
  if (result.enginesAgree === false) {
    process.stderr.write('podsim bench: the WASM and JS engines ended in different states; this is an engine bug.\n');
    return 1;
  }
  if (!result.repetitionsAgree) {
    process.stderr.write('podsim bench: repeated runs of one engine ended in different states; the engine is not deterministic.\n');
    return 1;
  }
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = await benchMain(process.argv.slice(2));
}
