/**
 * Memory access cost on this machine, to read the engine figures against.
 * Dependent loads follow one random cycle through the 64-byte lines of a
 * buffer, so each load waits for the previous one. Independent loads read
 * random words. Buffers range from 256 KiB to 128 MiB.
 *
 *   node --import tsx src/bench/memory-latency.ts [--json]
 */
import { performance } from 'node:perf_hooks';
import { seededRandom } from './fleet.js';

const SIZES_MIB = [0.25, 1, 4, 8, 32, 128];
const LOADS = 4_000_000;
const WORDS_PER_LINE = 16;

export interface LatencyRow {
  mebibytes: number;
  dependentNs: number;
  independentNs: number;
}

function measure(mebibytes: number, random: () => number): LatencyRow {
  const words = (mebibytes * 1048576) / 4;
  const lines = words / WORDS_PER_LINE;
  const buffer = new Int32Array(words);

  // Sattolo's algorithm gives a single cycle through every line.
  const order = new Int32Array(lines);
  for (let i = 0; i < lines; i++) order[i] = i;
  for (let i = lines - 1; i > 0; i--) {
    const j = Math.floor(random() * i);
    const swap = order[i]!;
    order[i] = order[j]!;
    order[j] = swap;
  }
  for (let i = 0; i < lines; i++) buffer[order[i]! * WORDS_PER_LINE] = order[(i + 1) % lines]! * WORDS_PER_LINE;

  let at = 0;
  let started = performance.now();
  for (let i = 0; i < LOADS; i++) at = buffer[at]!;
  const dependentNs = ((performance.now() - started) * 1e6) / LOADS;

  let sum = 0;
  let x = 0x2545f491;
  started = performance.now();
  for (let i = 0; i < LOADS; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    sum += buffer[(x >>> 0) % words]!;
  }
  const independentNs = ((performance.now() - started) * 1e6) / LOADS;
  // Using the results keeps the loops from being removed as dead code.
  if (at === -1 && sum === 0.5) console.log('unreachable');
  return { mebibytes, dependentNs, independentNs };
}

export function measureMemoryLatency(): LatencyRow[] {
  const random = seededRandom(1);
  return SIZES_MIB.map((size) => measure(size, random));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = measureMemoryLatency();
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify(rows, null, 2));
  } else {
    console.log('buffer      dependent load   independent load');
    for (const row of rows) {
      console.log(`${`${row.mebibytes} MiB`.padEnd(10)}  ${row.dependentNs.toFixed(1).padStart(10)} ns  ${row.independentNs.toFixed(1).padStart(12)} ns`);
    }
  }
}
