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

/**
 * Returns the stdout of `kubectl events`. An empty list prints nothing on
 * stdout; kubectl then writes `noEventsFoundMessage` to stderr.
 */
export function printEventsTable(events: Event[], nowMs: number, options: EventsTableOptions = {}): string {
  if (events.length === 0) return '';
  const writer = new TabWriter(TABLE_TABWRITER);
  const namespaceHeader = options.allNamespaces ? 'NAMESPACE\t' : '';
  writer.write(`${namespaceHeader}LAST SEEN\tTYPE\tREASON\tOBJECT\tMESSAGE\n`);

  for (const event of sortEvents(events, eventsCommandSortTime)) {
    const namespace = options.allNamespaces ? `${event.metadata.namespace ?? ''}\t` : '';
    const object = `${event.involvedObject.kind ?? ''}/${event.involvedObject.name ?? ''}`;
    const message = (event.message ?? '').trim();
    writer.write(`${namespace}${eventInterval(event, nowMs)}\t${event.type}\t${event.reason}\t${object}\t${message}\n`);
  }
  writer.flush();
  return writer.takeOutput();
}

/** Returns the line `kubectl events` writes to stderr when there are no events, newline included. */
export function noEventsFoundMessage(namespace: string | undefined): string {
  return namespace ? `No events found in ${namespace} namespace.\n` : 'No events found.\n';
}
