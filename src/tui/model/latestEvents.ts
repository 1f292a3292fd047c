/**
 * The latest version of each event, in the order `kubectl events` prints
 * them: by last-seen time, then by the order the events were created. A
 * repeated event moves to its new last-seen time. Beyond `capacity` the
 * oldest entry is dropped, so memory stays bounded however long the
 * simulation runs.
 */
import type { Event } from '../../api/v1.js';
import { eventsCommandSortTime } from '../../printers/eventTiming.js';
import { SortedList } from './sortedList.js';

interface Entry {
  name: string;
  event: Event;
  /** The time `kubectl events` sorts by, in Unix ms. */
  sortMs: number;
  /** Creation order of the event, the tie-breaker for equal times. */
  sequence: number;
}

function compareEntries(a: Entry, b: Entry): number {
  if (a.sortMs !== b.sortMs) return a.sortMs < b.sortMs ? -1 : 1;
  return a.sequence - b.sequence;
}

export class LatestEvents {
  /** Sorted by compareEntries, oldest first. Most records go to the end, and a chunked list keeps dropping the first one cheap. */
  private readonly entries = new SortedList<Entry>(compareEntries);
  private readonly byName = new Map<string, Entry>();

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError(`invalid event table capacity ${capacity}: expected a positive integer`);
    }
  }

  get length(): number {
    return this.entries.length;
  }

  /**
   * Stores `event` as the latest version of the event with its name, at the
   * place its last-seen time sorts to. `sequence` orders events created
   * earlier first among equal times. It must stay the same for one name.
   */
  record(event: Event, sequence: number): void {
    const name = event.metadata.name ?? '';
    const previous = this.byName.get(name);
    if (previous) this.entries.remove(previous);

    const entry: Entry = { name, event, sortMs: eventsCommandSortTime(event), sequence };
    this.entries.insert(entry);
    this.byName.set(name, entry);

    if (this.entries.length > this.capacity) {
      const oldest = this.entries.at(0)!;
      this.entries.remove(oldest);
      this.byName.delete(oldest.name);
    }
  }

  /** Returns the kept events oldest first, only those matching `keep` when given. */
  list(keep?: (event: Event) => boolean): Event[] {
    const events: Event[] = [];
    for (const entry of this.entries.toArray()) {
      if (!keep || keep(entry.event)) events.push(entry.event);
    }
    return events;
  }
}
