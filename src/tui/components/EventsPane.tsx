/**
 * Events in the columns of `kubectl events`, newest last: the pane under the
 * pod table, or the full-screen event stream. Warning rows are yellow.
 */
import { Box, Text } from 'ink';
import type { Event } from '../../api/v1.js';
import { layoutEventTable } from '../model/eventTableLayout.js';

export interface EventsPaneProps {
  /** Events in table order, oldest first. */
  events: readonly Event[];
  /** Simulated wall-clock time in Unix ms; LAST SEEN is measured from it. */
  nowMs: number;
  /** Adds the NAMESPACE column first, as `kubectl events -A` does. */
  allNamespaces?: boolean;
  /** Lines available, the title and header lines included. */
  height: number;
  /** Columns available; longer lines are cut. */
  width: number;
  /** Shown on the first line, before the event count. */
  title: string;
  /** Whether only Warning events are listed; shown in the title. */
  warningsOnly: boolean;
  /** The line shown when there are no events (kubectl's `No events found.`). */
  emptyText: string;
  /** Index of the first event shown; undefined shows the newest that fit. */
  offset?: number;
}

/** Lines above the rows: the title and the column header. */
export const EVENTS_PANE_HEADER_LINES = 2;

export function EventsPane({ events, nowMs, allNamespaces = false, height, width, title, warningsOnly, emptyText, offset }: EventsPaneProps) {
  const bodyHeight = Math.max(0, height - EVENTS_PANE_HEADER_LINES);
  const lastFirst = Math.max(0, events.length - bodyHeight);
  const first = offset === undefined ? lastFirst : Math.max(0, Math.min(offset, lastFirst));
  const layout = layoutEventTable(events, nowMs, allNamespaces, first, bodyHeight);
  return (
    <Box flexDirection="column" height={height} width={width}>
      <Text wrap="truncate">
        <Text bold color="cyan">
          {title}[{events.length}]
        </Text>
        {warningsOnly ? <Text dimColor> Warning only</Text> : null}
      </Text>
      {events.length === 0 ? <Text dimColor>{emptyText}</Text> : <Text bold wrap="truncate">{layout.header}</Text>}
      {layout.lines.map((line, index) => (
        <Text key={layout.first + index} color={line.isWarning ? 'yellow' : undefined} wrap="truncate">
          {line.text}
        </Text>
      ))}
    </Box>
  );
}
