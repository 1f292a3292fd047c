/** Workload condition helpers with the semantics of deploymentutil.SetDeploymentCondition (v1.31). */
import type { WorkloadCondition } from '../../api/meta.js';

export function findCondition(conditions: WorkloadCondition[] | undefined, type: string): WorkloadCondition | undefined {
  return conditions?.find((condition) => condition.type === type);
}

/**
 * Sets a condition: unchanged when status and reason are the same, else the
 * old entry is removed and the new one appended, keeping the old
 * lastTransitionTime when only the reason changed.
 */
export function setCondition(conditions: WorkloadCondition[], condition: WorkloadCondition): WorkloadCondition[] {
  const current = findCondition(conditions, condition.type);
  if (current && current.status === condition.status && current.reason === condition.reason) return conditions;
  if (current && current.status === condition.status) condition.lastTransitionTime = current.lastTransitionTime;
  return [...conditions.filter((entry) => entry.type !== condition.type), condition];
}

/** Resolves an int-or-percent against `total` (intstr.GetScaledValueFromIntOrPercent). */
export function scaledValue(value: number | string | undefined, total: number, roundUp: boolean, fallback: number | string): number {
  const chosen = value ?? fallback;
  if (typeof chosen === 'number') return chosen;
  const match = /^(\d+)%$/.exec(chosen);
  if (!match) {
    const parsed = Number(chosen);
    if (Number.isInteger(parsed)) return parsed;
    throw new Error(`invalid value for IntOrString: "${chosen}": expected an integer or a percentage such as 25%`);
  }
  const exact = (Number(match[1]) * total) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}
