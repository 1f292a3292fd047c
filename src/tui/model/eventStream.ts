/**
 * The cluster-wide event stream. The simulation stores v1 Events and bumps
 * `count` on a repeat, so each scan compares counts with the last scan. Every
 * new event or repeat becomes one occurrence in a ring buffer (for the
 * dashboard and the timeline), and the event's latest version goes to the
 * table that the `:events` screen prints as `kubectl events` does.
 */
import type { Event } from '../../api/v1.js';
import { parseTimestamp } from '../../printers/humanDuration.js';
import { LatestEvents } from './latestEvents.js';
import { RingBuffer } from './ringBuffer.js';

/** One event as it happened: a new event or another count of an existing one. */
export interface EventOccurrence {
  /** Wall-clock time of the occurrence in Unix ms (the event's lastTimestamp). */
  timeMs: number;
  type: string;
  reason: string;
  namespace: string;
  /** `Kind/name` of the involved object, as `kubectl events` prints OBJECT. */
  object: string;
  /** UID of the involved object. */
  uid: string;
  /** `spec.containers{name}` when the event is about one container. */
  fieldPath: string;
  message: string;
  /** The event's count after this occurrence. */
  count: number;
}

/** Default number of occurrences, and of events in the table, kept; older ones are dropped. */
export const DEFAULT_STREAM_CAPACITY = 5000;

/** The events of the table a screen lists, by namespace and type. */
export interface EventTableQuery {
  /** Lists the events stored in this namespace (metadata.namespace); undefined lists every namespace. */
  namespace?: string;
  warningsOnly?: boolean;
}

interface SeenEvent {
  count: number;
  /** Creation order of the event among those the stream has seen. */
  sequence: number;
  /** The last scan that found the event in the store. */
  scan: number;
}

export class EventStream {
  private readonly buffer: RingBuffer<EventOccurrence>;
  private readonly latest: LatestEvents;
  private readonly seen = new Map<string, SeenEvent>();
  private nextSequence = 0;
  private scans = 0;
  /** Occurrences found by the last scan. */
  lastScanCount = 0;
  /** Occurrences since the stream started. */
  total = 0;

  constructor(capacity = DEFAULT_STREAM_CAPACITY) {
    this.buffer = new RingBuffer(capacity);
    this.latest = new LatestEvents(capacity);
  }

  /** Compares `events` (the simulation's store, in creation order) with the last scan and records what is new. */
  scan(events: readonly Event[]): EventOccurrence[] {
    const scan = ++this.scans;
    const found: EventOccurrence[] = [];
    for (const event of events) {
      const name = event.metadata.name ?? '';
      const count = event.count ?? 1;
      let seen = this.seen.get(name);
      if (!seen) {
        seen = { count: 0, sequence: this.nextSequence++, scan };
        this.seen.set(name, seen);
      }
      seen.scan = scan;
      if (count <= seen.count) continue;
      seen.count = count;
      found.push(toOccurrence(event, count));
      this.latest.record(event, seen.sequence);
    }
    // Names the store evicted leave the map too, which keeps it as small as the store.
    if (this.seen.size > events.length) {
      for (const [name, seen] of this.seen) if (seen.scan !== scan) this.seen.delete(name);
    }
    found.sort((a, b) => a.timeMs - b.timeMs);
    for (const occurrence of found) this.buffer.push(occurrence);
    this.lastScanCount = found.length;
    this.total += found.length;
    return found;
  }

  /** Returns the kept occurrences, oldest first; only Warnings when `warningsOnly`. */
  occurrences(warningsOnly = false): EventOccurrence[] {
    return this.buffer.toArray(warningsOnly ? (occurrence) => occurrence.type === 'Warning' : undefined);
  }

  /**
   * Returns the latest version of the kept events that match `query`, in the
   * order `kubectl events` prints them. Events the simulation has since
   * evicted stay until the table's capacity drops them.
   */
  table(query: EventTableQuery = {}): Event[] {
    const { namespace, warningsOnly = false } = query;
    if (namespace === undefined && !warningsOnly) return this.latest.list();
    return this.latest.list((event) => (namespace === undefined || (event.metadata.namespace ?? 'default') === namespace) && (!warningsOnly || event.type === 'Warning'));
  }
}

/** Converts one stored Event to an occurrence at its current count. */
export function toOccurrence(event: Event, count: number): EventOccurrence {
  const time = parseTimestamp(event.lastTimestamp) ?? parseTimestamp(event.eventTime) ?? parseTimestamp(event.firstTimestamp) ?? 0;
  return {
    timeMs: time,
    type: event.type ?? 'Normal',
    reason: event.reason ?? '',
    namespace: event.involvedObject.namespace ?? '',
    object: `${event.involvedObject.kind ?? ''}/${event.involvedObject.name ?? ''}`,
    uid: event.involvedObject.uid ?? '',
    fieldPath: event.involvedObject.fieldPath ?? '',
    message: (event.message ?? '').trim(),
    count,
  };
}
