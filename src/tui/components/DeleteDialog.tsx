/** The confirmation dialog of ctrl-d: grace period and force, as `kubectl delete pod` takes them. */
import { Box, Text } from 'ink';

export interface DeleteDialogProps {
  /** `namespace/name` of the pod. */
  podName: string;
  /** The grace period as typed, in seconds. */
  gracePeriodText: string;
  /** `--force`. */
  force: boolean;
  /** Columns available. */
  width: number;
  /** The reason the last confirmation was rejected, if it was. */
  error?: string;
}

export function DeleteDialog({ podName, gracePeriodText, force, width, error }: DeleteDialogProps) {
  return (
    <Box flexDirection="column" borderStyle="round" borderColor="magenta" paddingX={1} width={Math.min(width, 72)}>
      <Text bold>Delete pod {podName}?</Text>
      <Text>
        Grace period (seconds): <Text inverse>{gracePeriodText === '' ? ' ' : gracePeriodText}</Text>
      </Text>
      <Text>
        Force: <Text color={force ? 'red' : undefined}>{force ? '[x] yes, remove the object at once' : '[ ] no'}</Text>
      </Text>
      {error ? <Text color="red">{error}</Text> : null}
      <Text dimColor>digits edit the grace period · f toggles force · Enter deletes · Esc cancels</Text>
    </Box>
  );
}

/**
 * Reads the typed grace period: a whole number of seconds. Throws an Error
 * naming the value when it is not one.
 */
export function parseGracePeriod(text: string): number {
  if (!/^\d+$/.test(text)) throw new Error(`invalid grace period "${text}": expected a whole number of seconds`);
  return Number(text);
}
