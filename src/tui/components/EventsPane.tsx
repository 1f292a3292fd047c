/** A list of events, newest last, as a pane under the table or as the full-screen stream. */
import { Box, Text } from 'ink';
import type { EventOccurrence } from '../model/eventStream.js';

export interface EventsPaneProps {
  /** Events oldest first; the pane shows the newest that fit. */
  events: readonly EventOccurrence[];
  /** Lines available, the title line included. */
  height: number;
  /** Columns available; longer lines are cut. */
  width: number;
  /** Shown on the first line. */
  title: string;
  /** Whether only Warning events are listed; shown in the title. */
  warningsOnly: boolean;
  /** Add a NAMESPACE column (the cluster-wide stream). */
  showNamespace?: boolean;
  /** Index of the first event shown; undefined shows the newest that fit. */
  offset?: number;
}

/** Formats one event line: simulated wall time (UTC), type, reason, object, message. */
export function formatEventLine(event: EventOccurrence, showNamespace = false): string {
  const time = new Date(event.timeMs).toISOString().slice(11, 19);
  const count = event.count > 1 ? ` (x${event.count})` : '';
  const namespace = showNamespace ? `${event.namespace.padEnd(12)} ` : '';
  return `${time}  ${namespace}${event.type.padEnd(7)}  ${event.reason.padEnd(16)}  ${event.object}  ${event.message}${count}`;
}

export function EventsPane({ events, height, width, title, warningsOnly, showNamespace = false, offset }: EventsPaneProps) {
  const bodyHeight = Math.max(0, height - 1);
  const first = offset === undefined ? Math.max(0, events.length - bodyHeight) : Math.max(0, Math.min(offset, events.length - bodyHeight));
  const visible = bodyHeight === 0 ? [] : events.slice(first, first + bodyHeight);
  return (
    <Box flexDirection="column" height={height} width={width}>
      <Text bold wrap="truncate">
        {title} <Text dimColor>({events.length}{warningsOnly ? ', Warning only' : ''})</Text>
      </Text>
      {visible.length === 0 && bodyHeight > 0 ? <Text dimColor>No events found.</Text> : null}
      {visible.map((event, index) => (
        <Text key={first + index} color={event.type === 'Warning' ? 'yellow' : undefined} wrap="truncate">
          {event.type === 'Warning' ? '! ' : '  '}
          {formatEventLine(event, showNamespace)}
        </Text>
      ))}
    </Box>
  );
}
