/** The `?` screen: every key and the status glyphs. */
import { Box, Text } from 'ink';
import { KEY_HELP } from '../model/keymap.js';
import { STATUS_LEGEND } from '../model/statusStyle.js';

export interface HelpViewProps {
  /** Lines available. */
  height: number;
  /** Columns available. */
  width: number;
}

export function HelpView({ height, width }: HelpViewProps) {
  const keyWidth = Math.max(...KEY_HELP.map((entry) => entry.keys.length)) + 2;
  return (
    <Box flexDirection="column" height={height} width={width}>
      <Text bold>Keys (Esc returns)</Text>
      {KEY_HELP.map((entry) => (
        <Text key={entry.keys} wrap="truncate">
          <Text color="cyan">{entry.keys.padEnd(keyWidth)}</Text>
          {entry.action}
        </Text>
      ))}
      <Text> </Text>
      <Text wrap="truncate">
        Status:{' '}
        {STATUS_LEGEND.map((style) => (
          <Text key={style.category} color={style.color}>
            {style.glyph} {style.category}{'  '}
          </Text>
        ))}
      </Text>
    </Box>
  );
}
