/**
 * Pod predicates the controllers share (k8s.io/kubernetes pkg/api/v1/pod and
 * pkg/controller/controller_utils.go, v1.31).
 */
import type { Pod, PodCondition } from '../../api/v1.js';
import type { ObjectStore } from '../store/object-store.js';

export function podCondition(pod: Pod, type: string): PodCondition | undefined {
  return pod.status?.conditions?.find((condition) => condition.type === type);
}

/** IsPodReady: the Ready condition is True. */
export function isPodReady(pod: Pod): boolean {
  return podCondition(pod, 'Ready')?.status === 'True';
}

/**
 * IsPodAvailable: ready for at least minReadySeconds, counted from the Ready
 * condition's lastTransitionTime.
 */
export function isPodAvailable(pod: Pod, minReadySeconds: number, nowMs: number, store: ObjectStore): boolean {
  const ready = podCondition(pod, 'Ready');
  if (ready?.status !== 'True') return false;
  if (minReadySeconds <= 0) return true;
  const since = store.simMsOf(ready.lastTransitionTime);
  return since !== undefined && since + minReadySeconds * 1000 <= nowMs;
}

/** The time a ready pod becomes available, for scheduling a wake-up. */
export function availableAtMs(pod: Pod, minReadySeconds: number, store: ObjectStore): number | undefined {
  const ready = podCondition(pod, 'Ready');
  if (ready?.status !== 'True') return undefined;
  const since = store.simMsOf(ready.lastTransitionTime);
  return since === undefined ? undefined : since + minReadySeconds * 1000;
}

export function isTerminal(pod: Pod): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
}

/** IsPodActive: not terminal and not being deleted. */
export function isPodActive(pod: Pod): boolean {
  return !isTerminal(pod) && pod.metadata.deletionTimestamp === undefined;
}

/** IsPodTerminating: being deleted and not yet terminal. */
export function isPodTerminating(pod: Pod): boolean {
  return !isTerminal(pod) && pod.metadata.deletionTimestamp !== undefined;
}

/** Sum of restartCount over init and app containers. */
export function restartCount(pod: Pod): number {
  let total = 0;
  for (const status of [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])]) {
    total += status.restartCount;
  }
  return total;
}

/** Rank of a pod's lifecycle stage for ActivePods ordering: unassigned < Pending < Unknown < Running. */
function phaseRank(pod: Pod): number {
  if (!pod.spec.nodeName) return 0;
  switch (pod.status?.phase) {
    case 'Pending':
      return 1;
    case 'Unknown':
      return 2;
    case 'Running':
      return 3;
    default:
      return 1;
  }
}

/**
 * ActivePods ordering used to choose which pods to delete on scale-down
 * (controller.ActivePods Less, v1.31): unassigned before assigned, Pending
 * before Running, not ready before ready, ready for less time first, more
 * restarts first, newer before older. Ties are broken by name so the order
 * is deterministic.
 */
export function compareForDeletion(store: ObjectStore) {
  return (a: Pod, b: Pod): number => {
    const rank = phaseRank(a) - phaseRank(b);
    if (rank !== 0) return rank;
    const readyA = isPodReady(a) ? 1 : 0;
    const readyB = isPodReady(b) ? 1 : 0;
    if (readyA !== readyB) return readyA - readyB;
    if (readyA === 1) {
      const sinceA = store.simMsOf(podCondition(a, 'Ready')?.lastTransitionTime) ?? 0;
      const sinceB = store.simMsOf(podCondition(b, 'Ready')?.lastTransitionTime) ?? 0;
      if (sinceA !== sinceB) return sinceB - sinceA;
    }
    const restarts = restartCount(b) - restartCount(a);
    if (restarts !== 0) return restarts;
    const createdA = store.simMsOf(a.metadata.creationTimestamp) ?? 0;
    const createdB = store.simMsOf(b.metadata.creationTimestamp) ?? 0;
    if (createdA !== createdB) return createdB - createdA;
    return (a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1;
  };
}
