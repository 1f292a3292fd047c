/**
 * The pods the UI shows, kept current from the simulation's change stream.
 * Each entry caches its printPodRow cells from the last change, so filtering
 * and sorting 100k pods never calls the printer. Only visible rows are
 * printed again at the current time (for AGE and `(… ago)`).
 */
import type { Pod } from '../../api/v1.js';
import { parseTimestamp } from '../../printers/humanDuration.js';
import { printPodRow } from '../../printers/index.js';
import type { PodFilter } from './podFilter.js';
import { sortRows, type SortOrder } from './podSort.js';

/** One pod and what the table needs to know about it. */
export interface PodEntry {
  /** `namespace/name`. */
  key: string;
  pod: Pod;
  /** Wide printPodRow cells as of the pod's last change. */
  cells: string[];
  /** `namespace cells…` joined by spaces, what the `/` filter matches. */
  rowText: string;
  /** Real time (performance.now ms) each wide cell last changed, indexed like `cells`. */
  changedAt: number[];
  /** creationTimestamp in Unix ms, for the AGE sort. */
  createdMs: number;
  /** Restart count of the RESTARTS cell, for the RESTARTS sort. */
  restarts: number;
}

const AGE_COLUMN = 4;
const RESTARTS_COLUMN = 3;

/** Compares a cell across two changes, ignoring the parts that only move with the clock. */
function comparableCell(cells: readonly string[], column: number): string {
  if (column === AGE_COLUMN) return '';
  // `3 (5m ago)` and `3 (6m ago)` are the same restart count.
  if (column === RESTARTS_COLUMN) return (cells[column] ?? '').split(' ')[0];
  return cells[column] ?? '';
}

export class PodIndex {
  private readonly entries = new Map<string, PodEntry>();
  /** Increments on every change, so views can tell when to filter and sort again. */
  version = 0;
  /** Increments when a pod is added or removed; an update keeps it, because entries are updated in place. */
  membershipVersion = 0;

  /**
   * @param epochMs wall-clock time of simulated time 0, for the printer's ages
   * @param clock real time in ms, for change highlights
   */
  constructor(
    private readonly epochMs: number,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  get size(): number {
    return this.entries.size;
  }

  /** Adds or updates a pod as of simulated time `simMs`. */
  upsert(pod: Pod, simMs: number): void {
    const key = `${pod.metadata.namespace ?? 'default'}/${pod.metadata.name ?? ''}`;
    const cells = printPodRow(pod, this.epochMs + simMs, { wide: true });
    const rowText = `${pod.metadata.namespace ?? ''} ${cells.join(' ')}`;
    const previous = this.entries.get(key);
    const now = this.clock();
    const changedAt = cells.map((_, column) => {
      if (!previous) return Number.NEGATIVE_INFINITY;
      const same = comparableCell(previous.cells, column) === comparableCell(cells, column);
      return same ? previous.changedAt[column] : now;
    });
    const fields = { pod, cells, rowText, changedAt, createdMs: parseTimestamp(pod.metadata.creationTimestamp) ?? 0, restarts: Number.parseInt(cells[RESTARTS_COLUMN], 10) || 0 };
    if (previous) {
      // Lists already handed out hold this entry, so it is updated rather than replaced.
      Object.assign(previous, fields);
    } else {
      this.entries.set(key, { key, ...fields });
      this.membershipVersion++;
    }
    this.version++;
  }

  remove(pod: Pod): void {
    if (!this.entries.delete(`${pod.metadata.namespace ?? 'default'}/${pod.metadata.name ?? ''}`)) return;
    this.version++;
    this.membershipVersion++;
  }

  get(key: string): PodEntry | undefined {
    return this.entries.get(key);
  }

  /**
   * Returns the version a list of `filter` and `order` depends on: an unfiltered
   * list by name changes only when pods come or go. A scoped list (`scoped`)
   * reads fields that change (a pod's node), so it follows every change.
   */
  listVersion(filter: PodFilter, order: SortOrder, scoped = false): number {
    return filter.text === '' && order.column === 'NAME' && !scoped ? this.membershipVersion : this.version;
  }

  /**
   * Returns the entries in `namespace` (all when undefined) that pass `filter`
   * and `scope` (when given), sorted by `order`.
   */
  list(namespace: string | undefined, filter: PodFilter, order: SortOrder, scope?: (pod: Pod) => boolean): PodEntry[] {
    const rows: PodEntry[] = [];
    for (const entry of this.entries.values()) {
      if (namespace !== undefined && entry.pod.metadata.namespace !== namespace) continue;
      if (scope && !scope(entry.pod)) continue;
      if (!filter.matches(entry.pod, entry.rowText)) continue;
      rows.push(entry);
    }
    return sortRows(rows, order);
  }

  /** Returns every pod, in no particular order. */
  pods(): Pod[] {
    return [...this.entries.values()].map((entry) => entry.pod);
  }
}
