/**
 * The cluster-wide event stream. The simulation stores v1 Events and bumps
 * `count` on a repeat, so each scan compares counts with the last scan and
 * turns every new event or repeat into one occurrence in a ring buffer.
 */
import type { Event } from '../../api/v1.js';
import { parseTimestamp } from '../../printers/humanDuration.js';
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

/** Default number of occurrences kept; older ones are dropped. */
export const DEFAULT_STREAM_CAPACITY = 5000;

export class EventStream {
  private readonly buffer: RingBuffer<EventOccurrence>;
  private seenCounts = new Map<string, number>();
  /** Occurrences found by the last scan. */
  lastScanCount = 0;
  /** Occurrences since the stream started. */
  total = 0;

  constructor(capacity = DEFAULT_STREAM_CAPACITY) {
    this.buffer = new RingBuffer(capacity);
  }

  /** Compares `events` (the simulation's store, oldest first) with the last scan and records what is new. */
  scan(events: readonly Event[]): EventOccurrence[] {
    const found: EventOccurrence[] = [];
    const counts = new Map<string, number>();
    for (const event of events) {
      const name = event.metadata.name ?? '';
      const count = event.count ?? 1;
      counts.set(name, count);
      const seen = this.seenCounts.get(name) ?? 0;
      if (count <= seen) continue;
      found.push(toOccurrence(event, count));
    }
    // Names the store evicted leave the map here too, which keeps it as small as the store.
    this.seenCounts = counts;
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
