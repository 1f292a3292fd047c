/**
 * Event times as kubectl shows them: the sort key and the `30s (x3 over 5m)`
 * interval. `kubectl describe` and `kubectl events` (v1.31, v1.32) share these
 * rules.
 */
import type { Event } from '../api/v1.js';
import { parseTimestamp, timestampSince } from './humanDuration.js';

/** The events.k8s.io series fields, present on events that a new-style recorder merged. */
interface EventSeries {
  count?: number;
  lastObservedTime?: string;
}

function seriesOf(event: Event): EventSeries | undefined {
  return (event as Event & { series?: EventSeries }).series ?? undefined;
}

/**
 * Returns the interval text: the age of the first occurrence, or for a
 * repeated event `<age of last> (x<count> over <age of first>)`. The first
 * occurrence is `eventTime` when set, else `firstTimestamp`.
 */
export function eventInterval(event: Event, nowMs: number): string {
  const first = event.eventTime ? timestampSince(event.eventTime, nowMs) : timestampSince(event.firstTimestamp, nowMs);
  const series = seriesOf(event);
  if (series) return `${timestampSince(series.lastObservedTime, nowMs)} (x${series.count ?? 0} over ${first})`;
  if ((event.count ?? 0) > 1) return `${timestampSince(event.lastTimestamp, nowMs)} (x${event.count} over ${first})`;
  return first;
}

/** Returns the time `kubectl describe` sorts by: lastTimestamp, or eventTime when lastTimestamp is unset. */
export function describeSortTime(event: Event): number {
  return parseTimestamp(event.lastTimestamp) ?? parseTimestamp(event.eventTime) ?? Number.NEGATIVE_INFINITY;
}

/** Returns the time `kubectl events` sorts by: series.lastObservedTime first, then as describe does. */
export function eventsCommandSortTime(event: Event): number {
  const series = seriesOf(event);
  if (series) return parseTimestamp(series.lastObservedTime) ?? Number.NEGATIVE_INFINITY;
  return describeSortTime(event);
}

/**
 * Sorts events oldest first by `timeOf`, keeping the input order for equal times.
 * NOTE: kubectl uses Go's unstable sort.Sort. It orders equal times the same way
 * for up to 12 events (insertion sort), but may differ for longer lists.
 */
export function sortEvents(events: Event[], timeOf: (event: Event) => number): Event[] {
  return events
    .map((event, index) => ({ event, index, time: timeOf(event) }))
    .sort((a, b) => a.time - b.time || a.index - b.index)
    .map((entry) => entry.event);
}
