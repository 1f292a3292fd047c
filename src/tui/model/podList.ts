/**
 * The rows of the pod table: the pods of the index that pass the namespace,
 * the scope and the `/` filter, in the sort order. The list is kept between
 * frames and brought up to date from the index's journal of changed pods,
 * so a frame costs O(changes × (log n + chunk size)) instead of filtering
 * and sorting every pod. It is rebuilt from every pod only when the query
 * changes or when more pods changed than an incremental update would save.
 */
import type { Pod } from '../../api/v1.js';
import type { PodFilter } from './podFilter.js';
import type { PodEntry, PodIndex } from './podIndex.js';
import { compareRows, type SortableRow, type SortOrder } from './podSort.js';
import { SortedList } from './sortedList.js';

/** A drilled-down list's predicate; `fingerprint` changes whenever the set of pods it accepts may have. */
export interface PodScopePredicate {
  fingerprint: string;
  matches: (pod: Pod) => boolean;
}

/** The query of a pod table: namespace, filter, sort order and scope. */
export interface PodListQuery {
  /** Namespace listed; undefined lists every namespace. */
  namespace: string | undefined;
  filter: PodFilter;
  order: SortOrder;
  scope?: PodScopePredicate;
}

/**
 * A listed pod with the sort fields it had when it was placed. The entry is
 * updated in place by the index, so the list sorts by this copy and can still
 * find the row after the pod changed.
 */
interface ListedPod extends SortableRow {
  entry: PodEntry;
}

/**
 * Above this share of changed pods (and at least REBUILD_MIN_CHANGES), the
 * list is rebuilt from every pod instead of moving each one. The share is an
 * estimate: test/tui/frameProbe.tsx with the STATUS sort on 100k pods found
 * the two about equal near 10 % on a 2-core machine.
 */
const REBUILD_SHARE = 0.1;
const REBUILD_MIN_CHANGES = 1000;

export class PodList {
  private query: PodListQuery | undefined;
  private compare: (a: ListedPod, b: ListedPod) => number = compareRows({ column: 'NAME', ascending: true });
  private rows = new SortedList<ListedPod>(this.compare);
  private readonly listed = new Map<string, ListedPod>();
  /** The index version the list reflects. */
  private version = -1;

  constructor(private readonly index: PodIndex) {}

  get length(): number {
    return this.rows.length;
  }

  /** Brings the list up to date with the index for `query`. */
  update(query: PodListQuery): void {
    if (!this.query || !sameQuery(this.query, query)) {
      this.rebuild(query);
      return;
    }
    if (this.version === this.index.version) return;

    const changed = this.index.changedKeysSince(this.version);
    if (changed === undefined || changed.length > Math.max(REBUILD_MIN_CHANGES, this.index.size * REBUILD_SHARE)) {
      this.rebuild(query);
      return;
    }
    for (const key of new Set(changed)) this.refresh(key);
    this.version = this.index.version;
  }

  /** Returns the entry at a row, or undefined outside the list. */
  at(index: number): PodEntry | undefined {
    return this.rows.at(index)?.entry;
  }

  /** Returns the row of the pod with this `namespace/name`, or -1 when it is not listed. */
  indexOf(key: string): number {
    const listed = this.listed.get(key);
    return listed ? this.rows.indexOf(listed) : -1;
  }

  /** Returns every listed entry in order. */
  entries(): PodEntry[] {
    return this.rows.toArray().map((listed) => listed.entry);
  }

  private rebuild(query: PodListQuery): void {
    this.query = query;
    this.compare = compareRows(query.order);
    this.rows = new SortedList(this.compare);
    this.listed.clear();
    const items: ListedPod[] = [];
    for (const entry of this.index.values()) {
      if (!this.includes(entry)) continue;
      const listed = listedPod(entry);
      items.push(listed);
      this.listed.set(entry.key, listed);
    }
    this.rows.reset(items);
    this.version = this.index.version;
  }

  /** Moves, adds or removes the row of one changed pod. */
  private refresh(key: string): void {
    const previous = this.listed.get(key);
    const entry = this.index.get(key);
    const next = entry && this.includes(entry) ? listedPod(entry) : undefined;

    if (previous && next && this.compare(previous, next) === 0) {
      // The row keeps its place, so only its sort fields are brought up to date.
      Object.assign(previous, next);
      return;
    }
    if (previous) {
      this.rows.remove(previous);
      this.listed.delete(key);
    }
    if (next) {
      this.rows.insert(next);
      this.listed.set(key, next);
    }
  }

  private includes(entry: PodEntry): boolean {
    const query = this.query!;
    if (query.namespace !== undefined && entry.pod.metadata.namespace !== query.namespace) return false;
    if (query.scope && !query.scope.matches(entry.pod)) return false;
    return query.filter.matches(entry.pod, entry.rowText);
  }
}

function listedPod(entry: PodEntry): ListedPod {
  return { key: entry.key, cells: entry.cells, createdMs: entry.createdMs, restarts: entry.restarts, entry };
}

function sameQuery(a: PodListQuery, b: PodListQuery): boolean {
  return (
    a.namespace === b.namespace &&
    a.filter.text === b.filter.text &&
    a.order.column === b.order.column &&
    a.order.ascending === b.order.ascending &&
    a.scope?.fingerprint === b.scope?.fingerprint
  );
}
