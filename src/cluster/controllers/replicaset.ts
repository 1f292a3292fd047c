/**
 * The ReplicaSet and ReplicationController controller
 * (pkg/controller/replicaset, v1.31): keeps `spec.replicas` active pods that
 * match the selector, adopting matching orphans and releasing owned pods
 * that stop matching, and writes the replica counts into status.
 */
import type { ReplicaSet, ReplicaSetStatus, ReplicationController } from '../../api/apps.js';
import type { Pod } from '../../api/v1.js';
import type { Selector } from '../labels.js';
import { matchesSelector } from '../labels.js';
import { fromLabelMap, fromLabelSelector } from '../store/label-selector.js';
import { controllerOf, controllerRef, type ControllerContext } from './context.js';
import { availableAtMs, compareForDeletion, isPodActive, isPodAvailable, isPodReady } from './pod-state.js';
import { podFromTemplate } from './template.js';

/** The controller's burstReplicas: at most this many creations or deletions per sync. */
const BURST_REPLICAS = 500;

type ReplicaOwner = ReplicaSet | ReplicationController;

function selectorOf(owner: ReplicaOwner): Selector | null {
  if (owner.kind === 'ReplicationController') return fromLabelMap(owner.spec.selector);
  return fromLabelSelector(owner.spec.selector);
}

function componentOf(owner: ReplicaOwner): string {
  return owner.kind === 'ReplicationController' ? 'replication-controller' : 'replicaset-controller';
}

/**
 * Claims pods for `owner` as the ControllerRefManager does: adopts orphans
 * that match, releases owned pods that no longer match. Returns the pods the
 * owner controls afterwards.
 */
export function claimPods(context: ControllerContext, owner: ReplicaOwner | { kind: string; apiVersion: string; metadata: ReplicaOwner['metadata'] }, selector: Selector | null): Pod[] {
  const { store } = context;
  const uid = owner.metadata.uid;
  const claimed: Pod[] = [];
  for (const pod of store.list<Pod>('Pod', { namespace: owner.metadata.namespace })) {
    const ref = controllerOf(pod);
    const matches = selector !== null && selector.length > 0 && matchesSelector(selector, pod.metadata.labels);
    if (ref?.uid === uid) {
      if (matches) {
        claimed.push(pod);
      } else if (!pod.metadata.deletionTimestamp) {
        pod.metadata.ownerReferences = (pod.metadata.ownerReferences ?? []).filter((reference) => reference.uid !== uid);
        store.update(pod);
      }
      continue;
    }
    if (ref === undefined && matches && !pod.metadata.deletionTimestamp && owner.metadata.deletionTimestamp === undefined) {
      pod.metadata.ownerReferences = [...(pod.metadata.ownerReferences ?? []), controllerRef(owner as ReplicaOwner)];
      store.update(pod);
      claimed.push(pod);
    }
  }
  return claimed;
}

export function reconcileReplicaSet(context: ControllerContext, owner: ReplicaOwner): void {
  const { store, nowMs } = context;
  const selector = selectorOf(owner);
  const pods = claimPods(context, owner, selector);
  const active = pods.filter(isPodActive);
  const desired = owner.spec.replicas ?? 1;
  const component = componentOf(owner);

  if (owner.metadata.deletionTimestamp === undefined) {
    const diff = active.length - desired;
    if (diff < 0 && owner.spec.template) {
      const count = Math.min(-diff, BURST_REPLICAS);
      for (let i = 0; i < count; i++) {
        const pod = context.createPod(podFromTemplate(owner.spec.template, owner), owner);
        if (pod === undefined) break;
        context.recordEvent(owner, 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata.name}`, component);
        active.push(pod);
      }
    } else if (diff > 0) {
      const victims = [...active].sort(compareForDeletion(store)).slice(0, Math.min(diff, BURST_REPLICAS));
      for (const pod of victims) {
        context.deletePod(pod);
        context.recordEvent(owner, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`, component);
      }
      const removed = new Set(victims);
      active.splice(0, active.length, ...active.filter((pod) => !removed.has(pod)));
    }
  }

  const minReadySeconds = owner.spec.minReadySeconds ?? 0;
  const templateLabels = owner.spec.template?.metadata?.labels ?? {};
  const status: ReplicaSetStatus = {
    replicas: active.length,
    fullyLabeledReplicas: active.filter((pod) => Object.entries(templateLabels).every(([key, value]) => pod.metadata.labels?.[key] === value)).length,
    readyReplicas: active.filter(isPodReady).length,
    availableReplicas: active.filter((pod) => isPodAvailable(pod, minReadySeconds, nowMs, store)).length,
    observedGeneration: owner.metadata.generation,
  };
  for (const pod of active) {
    const at = availableAtMs(pod, minReadySeconds, store);
    if (at !== undefined && at > nowMs) context.wakeAt(at);
  }
  if (owner.status?.conditions) status.conditions = owner.status.conditions;
  store.updateStatus(owner, status);
}
