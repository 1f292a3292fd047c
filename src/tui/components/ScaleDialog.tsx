/** The dialog of `s`: the replica count, as `kubectl scale --replicas` takes it. */
import { Box, Text } from 'ink';

export interface ScaleDialogProps {
  kind: string;
  /** `namespace/name` of the object. */
  objectName: string;
  /** The replica count as typed. */
  replicasText: string;
  /** Columns available. */
  width: number;
  /** The reason the last confirmation was rejected, if it was. */
  error?: string;
}

export function ScaleDialog({ kind, objectName, replicasText, width, error }: ScaleDialogProps) {
  return (
    <Box flexDirection="column" borderStyle="round" borderColor="cyan" paddingX={1} width={Math.min(width, 72)}>
      <Text bold>
        Scale {kind.toLowerCase()} {objectName}
      </Text>
      <Text>
        Replicas: <Text inverse>{replicasText === '' ? ' ' : replicasText}</Text>
      </Text>
      {error ? <Text color="red">{error}</Text> : null}
      <Text dimColor>digits type the count · + / - or ↑ / ↓ change it by one · Enter scales · Esc cancels</Text>
    </Box>
  );
}

/** Largest replica count the dialog accepts: spec.replicas is an int32. */
const MAX_REPLICAS = 2_147_483_647;

/** Reads the typed replica count. Throws an Error naming the value when it is not a whole number from 0 to 2^31-1. */
export function parseReplicas(text: string): number {
  if (!/^\d+$/.test(text) || Number(text) > MAX_REPLICAS) throw new Error(`invalid replica count "${text}": expected a whole number from 0 to ${MAX_REPLICAS}`);
  return Number(text);
}
