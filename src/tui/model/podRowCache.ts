/**
 * The printed cells of the pod table's visible rows, kept on each index
 * entry. A row changes when its pod does (the entry's revision) or when the
 * clock moves AGE and RESTARTS' `(… ago)`. Those are whole seconds since a
 * whole-second timestamp, so the text is the same for every time within one
 * second, and a row printed earlier in the same simulated second is reused.
 */
import { printPodRow } from '../../printers/index.js';
import type { PodEntry } from './podIndex.js';

/** One printed row and what it was printed for. */
interface PrintedRow {
  revision: number;
  /** Unix time in whole seconds. */
  second: number;
  wide: boolean;
  cells: string[];
}

const printed = new WeakMap<PodEntry, PrintedRow>();

/**
 * Returns printPodRow's cells for the entry's pod at `nowMs` (Unix ms).
 * NOTE: with a timestamp that has a fractional second (RFC 3339 allows one,
 * the API server never writes one), AGE can lag one second behind for part
 * of a second.
 */
export function printedCells(entry: PodEntry, nowMs: number, wide: boolean): string[] {
  const second = Math.floor(nowMs / 1000);
  const cached = printed.get(entry);
  if (cached && cached.revision === entry.revision && cached.second === second && cached.wide === wide) return cached.cells;
  const cells = printPodRow(entry.pod, nowMs, { wide });
  printed.set(entry, { revision: entry.revision, second, wide, cells });
  return cells;
}
