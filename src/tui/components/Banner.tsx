/** The error banner shown while a saved scenario file fails to load. */
import { Box, Text } from 'ink';

export interface BannerProps {
  /** `FILE:LINE:COLUMN: message` lines; the banner is hidden when empty. */
  problems: readonly string[];
  /** Columns available. */
  width: number;
  /** Most error lines shown; the rest are counted. */
  maxLines?: number;
}

/** Returns the number of lines the banner takes for `problems`. */
export function bannerHeight(problems: readonly string[], maxLines = 3): number {
  if (problems.length === 0) return 0;
  return 1 + Math.min(problems.length, maxLines) + (problems.length > maxLines ? 1 : 0);
}

export function Banner({ problems, width, maxLines = 3 }: BannerProps) {
  if (problems.length === 0) return null;
  const hidden = problems.length - maxLines;
  return (
    <Box flexDirection="column" width={width}>
      <Text color="red" bold wrap="truncate">
        ✖ scenario not applied: the simulation keeps running on the last valid files. Fix the file and save.
      </Text>
      {problems.slice(0, maxLines).map((problem, index) => (
        <Text key={index} color="red" wrap="truncate">
          {'  '}
          {problem}
        </Text>
      ))}
      {hidden > 0 ? <Text color="red">{`  … and ${hidden} more`}</Text> : null}
    </Box>
  );
}
