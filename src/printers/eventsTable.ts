/**
 * The table of `kubectl events` (kubectl v1.32): LAST SEEN, TYPE, REASON,
 * OBJECT (`Kind/name`) and MESSAGE, oldest first, aligned by the table
 * tabwriter (minwidth 6, padding 3).
 */
import type { Event } from '../api/v1.js';
import { eventInterval, eventsCommandSortTime, sortEvents } from './eventTiming.js';
import { TABLE_TABWRITER, TabWriter } from './tabwriter.js';

/** Output options of `kubectl events`. */
export interface EventsTableOptions {
  /** `-A` / `--all-namespaces`: adds a NAMESPACE column first. */
  allNamespaces?: boolean;
}

/** Returns the header cells of `kubectl events`. */
export function eventsTableHeader(options: EventsTableOptions = {}): string[] {
  const columns = ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE'];
  return options.allNamespaces ? ['NAMESPACE', ...columns] : columns;
}

/** Returns the cells of one event's row, with LAST SEEN measured at `nowMs` (Unix ms). */
export function eventsTableCells(event: Event, nowMs: number, options: EventsTableOptions = {}): string[] {
  const object = `${event.involvedObject.kind ?? ''}/${event.involvedObject.name ?? ''}`;
  const message = (event.message ?? '').trim();
  const cells = [eventInterval(event, nowMs), `${event.type}`, `${event.reason}`, object, message];
  return options.allNamespaces ? [event.metadata.namespace ?? '', ...cells] : cells;
}

/**
 * Returns the stdout of `kubectl events`. An empty list prints nothing on
 * stdout; kubectl then writes `noEventsFoundMessage` to stderr.
 */
export function printEventsTable(events: Event[], nowMs: number, options: EventsTableOptions = {}): string {
  if (events.length === 0) return '';
  const writer = new TabWriter(TABLE_TABWRITER);
  writer.write(`${eventsTableHeader(options).join('\t')}\n`);
  for (const event of sortEvents(events, eventsCommandSortTime)) {
    writer.write(`${eventsTableCells(event, nowMs, options).join('\t')}\n`);
  }
  writer.flush();
  return writer.takeOutput();
}

/** Returns the line `kubectl events` writes to stderr when there are no events, newline included. */
export function noEventsFoundMessage(namespace: string | undefined): string {
  return namespace ? `No events found in ${namespace} namespace.\n` : 'No events found.\n';
}
