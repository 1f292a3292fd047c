/** Sort orders of the pod table, bound to k9s's shift-letter keys. */

/** Column a table is sorted by. */
export type SortColumn = 'NAME' | 'AGE' | 'STATUS' | 'RESTARTS';

/** The current order: a column and a direction. */
export interface SortOrder {
  column: SortColumn;
  ascending: boolean;
}

/** Keys that pick a sort column; pressing the key of the current column flips the direction. */
export const SORT_KEYS: Readonly<Record<string, SortColumn>> = { N: 'NAME', A: 'AGE', S: 'STATUS', R: 'RESTARTS' };

/** The fields a comparator reads. They are computed once per pod change, so sorting 100k rows parses nothing. */
export interface SortableRow {
  /** `namespace/name`. */
  key: string;
  /** The cells of printPodRow: NAME, READY, STATUS, RESTARTS, AGE, … */
  cells: readonly string[];
  /** creationTimestamp in Unix ms (0 when missing). */
  createdMs: number;
  /** The restart count of the RESTARTS column. */
  restarts: number;
}

function compareText(a: string, b: string): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}

const COMPARATORS: Record<SortColumn, (a: SortableRow, b: SortableRow) => number> = {
  NAME: (a, b) => compareText(a.key, b.key),
  // Ascending AGE lists the youngest pod first, as a sorted AGE column reads.
  AGE: (a, b) => b.createdMs - a.createdMs,
  STATUS: (a, b) => compareText(a.cells[2] ?? '', b.cells[2] ?? ''),
  RESTARTS: (a, b) => a.restarts - b.restarts,
};

/** Returns the comparator of `order`, ties broken by namespace and name, so two rows compare equal only when their keys are equal. */
export function compareRows(order: SortOrder): (a: SortableRow, b: SortableRow) => number {
  const primary = COMPARATORS[order.column];
  const sign = order.ascending ? 1 : -1;
  return (a, b) => sign * primary(a, b) || COMPARATORS.NAME(a, b);
}

/** Sorts rows in place by `order`, ties broken by namespace and name. */
export function sortRows<T extends SortableRow>(rows: T[], order: SortOrder): T[] {
  return rows.sort(compareRows(order));
}

/** Returns the new order after a sort key: the same column flips direction, another column starts ascending. */
export function nextSortOrder(current: SortOrder, column: SortColumn): SortOrder {
  if (current.column === column) return { column, ascending: !current.ascending };
  return { column, ascending: true };
}
