import type { Simulation } from '../cluster/simulation.js';
import { PodWatchPrinter } from '../printers/index.js';
import { printPodRow } from '../printers/index.js';
import { filterObjects } from './filter.js';
import type { CommandIO } from './io.js';
import type { CommonOptions } from './options.js';

/** Real time between two advances of a paced watch. */
const WATCH_TICK_MS = 100;
/** Simulated time a `--speed max` watch covers per turn of the event loop. */
const MAX_SPEED_SLICE_MS = 60_000;

/**
 * `podsim get pods -w`: prints the table, then one row each time a pod's row
 * changes, advancing simulated time at `--speed` times real time. It stops at
 * `--at` when that is past the start, otherwise when interrupted.
 */
export async function watchPods(simulation: Simulation, names: string[], options: CommonOptions, io: CommandIO): Promise<number> {
  const printer = new PodWatchPrinter({ wide: options.output === 'wide', allNamespaces: options.allNamespaces, noHeaders: options.noHeaders });
  const wallNow = () => simulation.epochMs + simulation.nowMs;
  // Rows are compared without AGE, so only a change of the pod itself prints a line.
  const lastRow = new Map<string, string>();
  const rowKey = (cells: string[]) => cells.filter((_, index) => index !== 4).join('\t');

  const initial = filterObjects(simulation.pods(), options, names);
  for (const pod of initial) lastRow.set(pod.metadata.uid ?? '', rowKey(printPodRow(pod, wallNow())));
  io.stdout(printer.printInitial(initial, wallNow()));

  simulation.onChange((change) => {
    if (filterObjects([change.pod], options, names).length === 0) return;
    const uid = change.pod.metadata.uid ?? '';
    const nowMs = simulation.epochMs + change.timeMs;
    const key = rowKey(printPodRow(change.pod, nowMs));
    if (change.type !== 'DELETED' && lastRow.get(uid) === key) return;
    lastRow.set(uid, key);
    io.stdout(printer.printChange(change.pod, nowMs));
  });

  const endMs = options.atMs > 0 ? options.atMs : Number.POSITIVE_INFINITY;
  let stopped = false;
  io.interrupted?.then(() => {
    stopped = true;
  });

  let lastWall = performance.now();
  while (!stopped && simulation.nowMs < endMs) {
    await new Promise((resolve) => setTimeout(resolve, Number.isFinite(options.speed) ? WATCH_TICK_MS : 0));
    const wall = performance.now();
    const step = Number.isFinite(options.speed) ? Math.round((wall - lastWall) * options.speed) : MAX_SPEED_SLICE_MS;
    lastWall = wall;
    simulation.advanceTo(Math.min(endMs, simulation.nowMs + step));
  }
  return 0;
}
