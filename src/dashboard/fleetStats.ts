/** Figures the fleet dashboard derives from the current pods. */
import type { Pod } from '../api/v1.js';

/** Restarts of every container of a pod, init containers included. */
export function podRestarts(pod: Pod): number {
  const statuses = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
  return statuses.reduce((sum, status) => sum + (status.restartCount ?? 0), 0);
}

/**
 * Returns the owner a pod name suggests, until podsim models controllers:
 * the name without a StatefulSet ordinal (`db-0`), a ReplicaSet suffix
 * (`web-7d9f8b6c5d-x2x4q`) or a generated suffix (`job-x2x4q`).
 */
export function ownerPrefix(name: string): string {
  const withoutOrdinal = name.replace(/-\d+$/, '');
  if (withoutOrdinal !== name) return withoutOrdinal;
  const withoutSuffix = name.replace(/-[a-z0-9]{5}$/, '');
  return withoutSuffix.replace(/-[a-z0-9]{9,10}$/, '') || name;
}

/** Returns restarts summed per owner prefix, largest first, at most `limit` owners. */
export function restartsByOwner(pods: Iterable<Pod>, limit: number): { owner: string; restarts: number }[] {
  const totals = new Map<string, number>();
  for (const pod of pods) {
    const owner = ownerPrefix(pod.metadata.name ?? '');
    totals.set(owner, (totals.get(owner) ?? 0) + podRestarts(pod));
  }
  return [...totals]
    .map(([owner, restarts]) => ({ owner, restarts }))
    .sort((a, b) => b.restarts - a.restarts || (a.owner < b.owner ? -1 : 1))
    .slice(0, limit);
}

/** Returns the pods with the most restarts, at most `limit`, skipping pods that never restarted. */
export function topRestartingPods(pods: Iterable<Pod>, limit: number): { pod: Pod; restarts: number }[] {
  const rows: { pod: Pod; restarts: number }[] = [];
  for (const pod of pods) {
    const restarts = podRestarts(pod);
    if (restarts > 0) rows.push({ pod, restarts });
  }
  return rows.sort((a, b) => b.restarts - a.restarts).slice(0, limit);
}

/** Returns the number of pods whose Ready condition is True and the total. */
export function readyCounts(pods: Iterable<Pod>): { ready: number; total: number } {
  let ready = 0;
  let total = 0;
  for (const pod of pods) {
    total++;
    if (pod.status?.conditions?.some((condition) => condition.type === 'Ready' && condition.status === 'True')) ready++;
  }
  return { ready, total };
}
