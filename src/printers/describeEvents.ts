/**
 * The `Events:` table at the end of `kubectl describe` (kubectl v1.31
 * `DescribeEvents`). kubectl flushes the tabwriter before it, so the table is
 * aligned on its own.
 */
import type { Event } from '../api/v1.js';
import { DescribeWriter, LEVEL_0, LEVEL_1 } from './describeWriter.js';
import { describeSortTime, eventInterval, sortEvents } from './eventTiming.js';

/** Writes the Events section: `Events:  <none>`, or a table sorted oldest first. */
export function describeEvents(events: Event[], nowMs: number, w: DescribeWriter): void {
  if (events.length === 0) {
    w.write(LEVEL_0, 'Events:\t<none>\n');
    return;
  }

  w.flush();
  w.write(LEVEL_0, 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n');
  w.write(LEVEL_1, '----\t------\t----\t----\t-------\n');
  for (const event of sortEvents(events, describeSortTime)) {
    const source = event.source?.component || ((event as Event & { reportingController?: string }).reportingController ?? '');
    const message = (event.message ?? '').trim();
    w.write(LEVEL_1, `${event.type}\t${event.reason}\t${eventInterval(event, nowMs)}\t${source}\t${message}\n`);
  }
}
