/**
 * Lays out a list of events as `kubectl events` prints it: the printer's
 * cells, and column widths from every row, so each line on screen is the
 * line `podsim events` prints for the same events at the same time.
 */
import type { Event } from '../../api/v1.js';
import { alignedLine, eventsTableCells, eventsTableHeader, TABLE_TABWRITER, uniformColumnWidths } from '../../printers/index.js';

/** One printed row. */
export interface EventTableLine {
  text: string;
  isWarning: boolean;
}

/** The header and a window of rows. */
export interface EventTableLayout {
  header: string;
  /** Index of the first row in `lines`. */
  first: number;
  lines: EventTableLine[];
}

/**
 * Prints `events` (in table order) at `nowMs` (Unix ms) and returns the
 * header and the rows from `first` to `first + count - 1`. The widths take
 * every event into account, as kubectl's one flush of the whole table does,
 * so the rows keep their columns while the window scrolls.
 */
export function layoutEventTable(events: readonly Event[], nowMs: number, allNamespaces: boolean, first: number, count: number): EventTableLayout {
  const options = { allNamespaces };
  const header = eventsTableHeader(options);
  const rows = events.map((event) => eventsTableCells(event, nowMs, options));
  const widths = uniformColumnWidths([header, ...rows], header.length, TABLE_TABWRITER);

  const start = Math.max(0, Math.min(first, events.length));
  const end = Math.min(events.length, start + Math.max(0, count));
  const lines: EventTableLine[] = [];
  for (let index = start; index < end; index++) {
    lines.push({ text: alignedLine(rows[index], widths), isWarning: events[index].type === 'Warning' });
  }
  return { header: alignedLine(header, widths), first: start, lines };
}
