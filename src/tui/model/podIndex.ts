/**
 * The pods the UI shows, kept current from the simulation's change stream.
 * Each entry caches its printPodRow cells from the last change, so filtering
 * and sorting 100k pods never calls the printer. Only visible rows are
 * printed again at the current time (for AGE and `(… ago)`). A journal of
 * changed keys lets each pod list (podList.ts) catch up by the pods that
 * changed instead of going over every pod.
 */
import type { Pod } from '../../api/v1.js';
import { parseTimestamp } from '../../printers/humanDuration.js';
import { printPodRow } from '../../printers/index.js';

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
  /** Counts the updates of this entry; a cached row printed at an older revision is stale. */
  revision: number;
}

/** Changes the journal keeps; a list further behind than this rebuilds from every pod. */
const JOURNAL_LIMIT = 200_000;

const AGE_COLUMN = 4;
const RESTARTS_COLUMN = 3;

/** Compares a cell across two changes, ignoring the parts that only move with the clock. */
function comparableCell(cells: readonly string[], column: number): string {
  if (column === AGE_COLUMN) return '';
  if (column === RESTARTS_COLUMN) {
    // `3 (5m ago)` and `3 (6m ago)` are the same restart count.
    const cell = cells[column] ?? '';
    const space = cell.indexOf(' ');
    return space < 0 ? cell : cell.slice(0, space);
  }
  return cells[column] ?? '';
}

export class PodIndex {
  private readonly entries = new Map<string, PodEntry>();
  /** Increments on every change, so views can tell when to filter and sort again. */
  version = 0;
  /** The key of each change, oldest first: the change that made `version` v is at `v - 1 - journalStart`. */
  private journal: string[] = [];
  private journalStart = 0;

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
    const fields = {
      pod,
      cells,
      rowText,
      changedAt,
      // A pod's creationTimestamp never changes, so the parsed time carries over.
      createdMs: previous && previous.pod.metadata.creationTimestamp === pod.metadata.creationTimestamp ? previous.createdMs : (parseTimestamp(pod.metadata.creationTimestamp) ?? 0),
      restarts: Number.parseInt(cells[RESTARTS_COLUMN], 10) || 0,
      revision: (previous?.revision ?? 0) + 1,
    };
    if (previous) {
      // Lists already handed out hold this entry, so it is updated rather than replaced.
      Object.assign(previous, fields);
    } else {
      this.entries.set(key, { key, ...fields });
    }
    this.recordChange(key);
  }

  remove(pod: Pod): void {
    const key = `${pod.metadata.namespace ?? 'default'}/${pod.metadata.name ?? ''}`;
    if (!this.entries.delete(key)) return;
    this.recordChange(key);
  }

  get(key: string): PodEntry | undefined {
    return this.entries.get(key);
  }

  /**
   * Returns the keys of the pods added, changed or removed since `version`,
   * oldest first and with repeats, or undefined when the journal no longer
   * goes back that far.
   */
  changedKeysSince(version: number): readonly string[] | undefined {
    if (version < this.journalStart || version > this.version) return undefined;
    return this.journal.slice(version - this.journalStart);
  }

  /** Returns every entry, in no particular order. */
  values(): IterableIterator<PodEntry> {
    return this.entries.values();
  }

  /** Returns every pod, in no particular order. */
  pods(): Pod[] {
    return [...this.entries.values()].map((entry) => entry.pod);
  }

  private recordChange(key: string): void {
    this.journal.push(key);
    this.version++;
    if (this.journal.length > JOURNAL_LIMIT) {
      // Dropping half at a time keeps trimming at an amortized O(1) per change.
      const dropped = this.journal.length - JOURNAL_LIMIT / 2;
      this.journal = this.journal.slice(dropped);
      this.journalStart += dropped;
    }
  }
}
