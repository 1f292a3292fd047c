/** A scrollable block of text, for describe, YAML and help. */
import { Box, Text } from 'ink';

export interface TextViewProps {
  /** The lines to show. */
  lines: readonly string[];
  /** Index of the first line shown; clamped so the last page stays full. */
  offset: number;
  /** Lines available, the title line included. */
  height: number;
  /** Columns available; longer lines are cut. */
  width: number;
  /** Shown on the first line, with the scroll position. */
  title: string;
}

/** Returns the offset a view actually uses for `lines` in `bodyHeight` lines. */
export function clampOffset(offset: number, lineCount: number, bodyHeight: number): number {
  return Math.max(0, Math.min(offset, lineCount - bodyHeight));
}

export function TextView({ lines, offset, height, width, title }: TextViewProps) {
  const bodyHeight = Math.max(1, height - 1);
  const first = clampOffset(offset, lines.length, bodyHeight);
  const visible = lines.slice(first, first + bodyHeight);
  const last = Math.min(lines.length, first + bodyHeight);
  return (
    <Box flexDirection="column" height={height} width={width}>
      <Text bold wrap="truncate">
        {title} <Text dimColor>[{lines.length === 0 ? 0 : first + 1}-{last} of {lines.length}]</Text>
      </Text>
      {visible.map((line, index) => (
        <Text key={first + index} wrap="truncate">
          {line === '' ? ' ' : line}
        </Text>
      ))}
    </Box>
  );
}
