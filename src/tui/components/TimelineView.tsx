/** The `t` screen: one bar per container over simulated time, with restarts and probe failures marked. */
import { Box, Text } from 'ink';
import { goDuration } from '../../printers/index.js';
import type { PodHistory } from '../model/timeline.js';
import { chartContainer, PROBE_FAILURE_MARK, RESTART_MARK, SPAN_STYLES } from '../model/timelineChart.js';

export interface TimelineViewProps {
  /** `namespace/name` of the pod. */
  podName: string;
  /** The pod's recorded history; undefined when nothing was recorded. */
  history: PodHistory | undefined;
  /** Current simulated ms: the right edge of the chart. */
  nowMs: number;
  /** Lines available. */
  height: number;
  /** Columns available. */
  width: number;
}

const NAME_WIDTH = 16;

export function TimelineView({ podName, history, nowMs, height, width }: TimelineViewProps) {
  if (!history) {
    return (
      <Box flexDirection="column" height={height}>
        <Text bold>Timeline of {podName}</Text>
        <Text dimColor>No history recorded for this pod.</Text>
      </Box>
    );
  }
  const chartWidth = Math.max(10, width - NAME_WIDTH - 14);
  const fromMs = history.firstSeenMs;
  // Init containers run first, so their rows come first; the sort is stable within each role.
  const roleOrder = (role: string) => (role === 'init' ? 0 : 1);
  const containers = [...history.containers.values()].sort((a, b) => roleOrder(a.role) - roleOrder(b.role));
  return (
    <Box flexDirection="column" height={height} width={width}>
      <Text bold wrap="truncate">
        Timeline of {podName} <Text dimColor>(simulated +{goDuration(Math.floor(fromMs / 1000) * 1000)} to +{goDuration(Math.floor(nowMs / 1000) * 1000)})</Text>
      </Text>
      {containers.map((container) => {
        const chart = chartContainer(container, fromMs, Math.max(nowMs, fromMs + 1), chartWidth);
        const label = `${container.role === 'init' ? 'init:' : ''}${container.name}`.slice(0, NAME_WIDTH - 1).padEnd(NAME_WIDTH);
        return (
          <Box key={container.name} flexDirection="column">
            <Text wrap="truncate">
              {label}
              {chart.bar.map((run, index) => (
                <Text key={index} color={run.kind === 'none' ? undefined : SPAN_STYLES[run.kind].color}>
                  {run.text}
                </Text>
              ))}
              {`  ${RESTART_MARK}${chart.restarts} ${PROBE_FAILURE_MARK}${chart.probeFailures}`}
            </Text>
            <Text wrap="truncate">
              {' '.repeat(NAME_WIDTH)}
              <Text color="red">{chart.marks}</Text>
            </Text>
          </Box>
        );
      })}
      <Text> </Text>
      <Text wrap="truncate">
        {Object.values(SPAN_STYLES)
          .filter((style) => style.char !== ' ')
          .map((style) => (
            <Text key={style.label} color={style.color}>
              {style.char} {style.label}{'   '}
            </Text>
          ))}
        <Text color="red">{RESTART_MARK} restart   {PROBE_FAILURE_MARK} probe failure</Text>
      </Text>
    </Box>
  );
}
