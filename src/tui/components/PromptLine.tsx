/** The bottom line: the `:` or `/` prompt while typing, else the last notice and key hints. */
import { Text } from 'ink';

export interface PromptLineProps {
  /** `:` or `/` while the user types a command or filter; undefined otherwise. */
  prompt?: ':' | '/';
  /** The text typed so far. */
  input: string;
  /** The notice to show when no prompt is open. */
  notice: string;
  /** Whether the notice reports an error. */
  isError: boolean;
  /** Columns available. */
  width: number;
}

export function PromptLine({ prompt, input, notice, isError }: PromptLineProps) {
  if (prompt) {
    return (
      <Text wrap="truncate">
        <Text color="cyan">{prompt}</Text>
        {input}
        <Text inverse> </Text>
      </Text>
    );
  }
  if (notice) {
    return (
      <Text color={isError ? 'red' : 'cyan'} wrap="truncate">
        {notice}
      </Text>
    );
  }
  return (
    <Text dimColor wrap="truncate">
      d describe · y yaml · t timeline · e events · / filter · : command · s scale · space pause · +/- speed · ctrl-d delete · D dashboard · ? help · q quit
    </Text>
  );
}
