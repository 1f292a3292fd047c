/** The top line: simulated time, speed, clock state, engine, pod count and event rate. */
import { Box, Text } from 'ink';
import { goDuration } from '../../printers/index.js';
import { speedLabel } from '../model/speed.js';

export interface StatusBarProps {
  /** Wall-clock time of the simulation, in Unix ms. */
  wallMs: number;
  /** Simulated ms since the start. */
  elapsedMs: number;
  /** Simulated ms per real ms; Infinity for `max`. */
  speed: number;
  paused: boolean;
  /** Whether the simulation could not keep up with the speed in the last frame. */
  behind?: boolean;
  /** `wasm` or `js`. */
  engine: string;
  /** Pods in the store. */
  podCount: number;
  /** Event occurrences per real second. */
  eventsPerSecond: number;
  /** Columns available. */
  width: number;
}

/** Formats simulated elapsed time as Go prints a Duration, rounded to the second: `1h2m3s`. */
export function formatElapsed(elapsedMs: number): string {
  return goDuration(Math.floor(elapsedMs / 1000) * 1000);
}

export function StatusBar({ wallMs, elapsedMs, speed, paused, behind = false, engine, podCount, eventsPerSecond, width }: StatusBarProps) {
  const wall = new Date(wallMs).toISOString().replace('T', ' ').slice(0, 19);
  return (
    <Box width={width}>
      <Text wrap="truncate">
        <Text bold>podsim</Text> {wall}Z <Text dimColor>+{formatElapsed(elapsedMs)}</Text>  speed {speedLabel(speed)}{' '}
        {paused ? <Text color="yellow">❚❚ paused</Text> : <Text color="green">▶ running</Text>}
        {!paused && behind ? <Text color="yellow"> (behind)</Text> : ''}  engine {engine}  pods {podCount}  events/s {eventsPerSecond}
        <Text dimColor>  ? help</Text>
      </Text>
    </Box>
  );
}
