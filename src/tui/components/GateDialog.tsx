/** The dialog of `r`: picks one of a pod's readiness gates and sets its condition. */
import { Box, Text } from 'ink';

export interface GateDialogProps {
  /** `namespace/name` of the pod. */
  podName: string;
  /** Each gate's condition type and the pod's current status of it (`True`, `False`, `<none>`). */
  gates: { conditionType: string; status: string }[];
  /** Index of the highlighted gate. */
  index: number;
  /** Columns available. */
  width: number;
}

export function GateDialog({ podName, gates, index, width }: GateDialogProps) {
  return (
    <Box flexDirection="column" borderStyle="round" borderColor="cyan" paddingX={1} width={Math.min(width, 80)}>
      <Text bold>Readiness gates of pod {podName}</Text>
      {gates.map((gate, row) => (
        <Text key={gate.conditionType} inverse={row === index} wrap="truncate">
          {gate.conditionType} = <Text color={gate.status === 'True' ? 'green' : 'red'}>{gate.status}</Text>
        </Text>
      ))}
      <Text dimColor>↑ / ↓ pick · Enter toggles True/False · t sets True · f sets False · Esc closes</Text>
    </Box>
  );
}
