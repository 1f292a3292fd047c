/**
 * Command-line entry of the engine benchmark:
 *   podsim bench [--pods N] [--containers K] [--duration 1h] [--engine wasm|js|both] [--seed S] [--no-idle] [--tick-every-period] [--json]
 * Exits 1 when both engines ran and ended in different states.
 */
import { parseArgs } from 'node:util';
import { parseDuration } from '../cli/duration.js';
import type { EngineKind } from '../engine/types.js';
import { runBench, type BenchOptions, type BenchResult } from './run.js';

export const BENCH_USAGE = `Usage: podsim bench [options]
  --pods N          pods in the generated fleet (default 10000)
  --containers K    app containers per pod, 1-254 (default 2)
  --duration D      simulated time as a Go duration, e.g. 1h or 90m (default 1h)
  --engine E        wasm, js or both (default both)
  --seed S          seed of the fleet and of the engine (default 1)
  --no-idle         skip the idle-fleet hour
  --tick-every-period  make probe workers fire every period instead of skipping
                    ticks that change nothing (measures the raw timer wheel)
  --json            print the result as JSON`;

function positiveInteger(name: string, text: string, max: number): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new Error(`invalid --${name} "${text}": expected an integer from 1 to ${max}`);
  }
  return value;
}

export function parseBenchArgs(argv: string[]): { options: BenchOptions; json: boolean } {
  const { values } = parseArgs({
    args: argv,
    options: {
      pods: { type: 'string', default: '10000' },
      containers: { type: 'string', default: '2' },
      duration: { type: 'string', default: '1h' },
      engine: { type: 'string', default: 'both' },
      seed: { type: 'string', default: '1' },
      'no-idle': { type: 'boolean', default: false },
      'tick-every-period': { type: 'boolean', default: false },
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
  return {
    options: {
      pods: positiveInteger('pods', values.pods, 50_000_000),
      containers: positiveInteger('containers', values.containers, 254),
      durationMs,
      engines,
      seed: Number(values.seed) | 0,
      idle: !values['no-idle'],
      quietTicks: !values['tick-every-period'],
    },
    json: values.json,
  };
}

function formatCount(value: number): string {
  return value.toLocaleString('en-US', { maximumFractionDigits: 0 });
}

export function formatBench(result: BenchResult): string {
  const lines: string[] = [];
  const { pods, containers, durationMs } = result.options;
  const mode = result.options.quietTicks ? 'quiet probe ticks skipped' : 'probes tick every period';
  lines.push(`fleet: ${formatCount(pods)} pods x ${containers} containers, ${durationMs / 1000} s simulated, ${mode}`);
  for (const r of result.results) {
    lines.push(`[${r.kind}]`);
    lines.push(`  fleet build           ${r.fleetBuildMs.toFixed(0)} ms`);
    lines.push(`  run wall time         ${r.runWallMs.toFixed(0)} ms`);
    lines.push(`  timer events          ${formatCount(r.timerEvents)}`);
    lines.push(`  probe ticks skipped   ${formatCount(r.skippedProbeTicks)}`);
    lines.push(`  event records         ${formatCount(r.eventRecords)}`);
    lines.push(`  events/s              ${formatCount(r.eventsPerSecond)}`);
    lines.push(`  ns/event              ${r.nsPerEvent.toFixed(1)}`);
    lines.push(`  simulated s / wall s  ${formatCount(r.simulatedSecondsPerWallSecond)}`);
    lines.push(`  bytes per container   ${r.bytesPerContainer.toFixed(1)}`);
    if (r.idleHourWallMs !== null) lines.push(`  idle fleet, 1 h       ${r.idleHourWallMs.toFixed(2)} ms`);
    lines.push(`  peak RSS              ${(r.peakRssBytes / 1048576).toFixed(0)} MiB`);
    lines.push(`  state checksum        ${r.checksum}`);
  }
  if (result.wasmToJsRatio !== null) lines.push(`WASM/JS events/s ratio: ${result.wasmToJsRatio.toFixed(2)}`);
  if (result.enginesAgree !== null) {
    lines.push(result.enginesAgree ? 'engines agree: same final state' : 'ENGINES DISAGREE: final states differ');
  }
  return lines.join('\n');
}

/** Run the benchmark from command-line arguments; returns the process exit code. */
export async function benchMain(argv: string[]): Promise<number> {
  let parsed: { options: BenchOptions; json: boolean };
  try {
    parsed = parseBenchArgs(argv);
  } catch (error) {
    process.stderr.write(`podsim bench: ${(error as Error).message}\n${BENCH_USAGE}\n`);
    return 2;
  }
  const result = await runBench(parsed.options);
  process.stdout.write((parsed.json ? JSON.stringify(result, null, 2) : formatBench(result)) + '\n');
  if (result.enginesAgree === false) {
    process.stderr.write('podsim bench: the WASM and JS engines ended in different states; this is an engine bug.\n');
    return 1;
  }
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = await benchMain(process.argv.slice(2));
}
