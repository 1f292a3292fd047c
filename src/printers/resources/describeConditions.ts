/** The `Conditions:` table of `kubectl describe deployment` and `replicaset` (Type, Status, Reason). */
import type { WorkloadCondition } from '../../api/meta.js';
import { DescribeWriter, LEVEL_0, LEVEL_1 } from '../describeWriter.js';

/** Writes the table, or nothing when there are no conditions. kubectl puts a space before the first tab of each row. */
export function describeWorkloadConditions(conditions: readonly WorkloadCondition[] | undefined, w: DescribeWriter): void {
  if (!conditions || conditions.length === 0) return;
  w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\tReason\n');
  w.write(LEVEL_1, '----\t------\t------\n');
  for (const condition of conditions) w.write(LEVEL_1, `${condition.type} \t${condition.status}\t${condition.reason ?? ''}\n`);
}
