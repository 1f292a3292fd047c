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
import { compareForDeletion, isPodActive, podCondition } from './pod-state.js';
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
 * owner controls afterwards, sorted by name unless `sorted` is false (a
 * caller that only counts or re-sorts them skips the sort).
 */
export function claimPods(context: ControllerContext, owner: ReplicaOwner | { kind: string; apiVersion: string; metadata: ReplicaOwner['metadata'] }, selector: Selector | null, sorted = true): Pod[] {
  const { store } = context;
  const uid = owner.metadata.uid ?? '';
  const namespace = owner.metadata.namespace ?? 'default';
  const claimed: Pod[] = [];
  const selects = (pod: Pod): boolean => selector !== null && selector.length > 0 && matchesSelector(selector, pod.metadata.labels);
  for (const pod of context.podsControlledBy(uid)) {
    if (pod.metadata.namespace !== namespace) continue;
    if (selects(pod)) {
      claimed.push(pod);
    } else if (!pod.metadata.deletionTimestamp) {
      pod.metadata.ownerReferences = (pod.metadata.ownerReferences ?? []).filter((reference) => reference.uid !== uid);
      store.update(pod);
    }
  }
  if (owner.metadata.deletionTimestamp === undefined) {
    for (const pod of sortByName(context.orphanPods(namespace))) {
      if (pod.metadata.deletionTimestamp || !selects(pod)) continue;
      pod.metadata.ownerReferences = [...(pod.metadata.ownerReferences ?? []), controllerRef(owner as ReplicaOwner)];
      store.update(pod);
      claimed.push(pod);
    }
  }
  return sorted ? sortByName(claimed) : claimed;
}

function sortByName(pods: Pod[]): Pod[] {
  return pods.sort((a, b) => ((a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : (a.metadata.name ?? '') > (b.metadata.name ?? '') ? 1 : 0));
}

/**
 * Claims pods as claimPods does, for a ReplicaSet, from the owner's pod
 * counts. Owned pods are walked only when a label set among them no longer
 * matches the selector. A sync of a large ReplicaSet then costs its orphans
 * and label sets, not its pods.
 */
function claimReplicaPods(context: ControllerContext, owner: ReplicaOwner, selector: Selector | null): void {
  const { store } = context;
  const uid = owner.metadata.uid ?? '';
  const selects = (labels: Record<string, string> | undefined): boolean => selector !== null && selector.length > 0 && matchesSelector(selector, labels);
  const counts = context.podCounts(uid);
  if ([...counts.labelSets.values()].some((set) => !selects(set.labels))) {
    for (const pod of context.podsControlledBy(uid)) {
      if (selects(pod.metadata.labels) || pod.metadata.deletionTimestamp) continue;
      pod.metadata.ownerReferences = (pod.metadata.ownerReferences ?? []).filter((reference) => reference.uid !== uid);
      store.update(pod);
    }
  }
  if (owner.metadata.deletionTimestamp !== undefined) return;
  for (const pod of sortByName(context.orphanPods(owner.metadata.namespace ?? 'default'))) {
    if (pod.metadata.deletionTimestamp || !selects(pod.metadata.labels)) continue;
    pod.metadata.ownerReferences = [...(pod.metadata.ownerReferences ?? []), controllerRef(owner)];
    store.update(pod);
  }
}

export function reconcileReplicaSet(context: ControllerContext, owner: ReplicaOwner): void {
  const { store } = context;
  const uid = owner.metadata.uid ?? '';
  claimReplicaPods(context, owner, selectorOf(owner));
  const desired = owner.spec.replicas ?? 1;
  const component = componentOf(owner);

  // After a full burst the controller waits for its informer to see those pods before the next one.
  if (owner.metadata.deletionTimestamp === undefined && context.burstEndsMs(uid) === 0) {
    const diff = context.podCounts(uid).active - desired;
    if (diff < 0 && owner.spec.template) {
      const count = Math.min(-diff, BURST_REPLICAS);
      if (count === BURST_REPLICAS) context.burstUsed(uid);
      for (let i = 0; i < count; i++) {
        // Each create is an API call, paced by the controller's client rate limit.
        if (!context.takeApiToken('controller-manager', component)) break;
        const pod = context.createPod(podFromTemplate(owner.spec.template, owner), owner);
        if (pod === undefined) break;
        context.recordEvent(owner, 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata.name}`, component);
      }
    } else if (diff > 0) {
      const active = context.podsControlledBy(uid).filter(isPodActive);
      const victims = active.sort(compareForDeletion(store)).slice(0, Math.min(diff, BURST_REPLICAS));
      if (victims.length === BURST_REPLICAS) context.burstUsed(uid);
      for (const pod of victims) {
        if (!context.takeApiToken('controller-manager', component)) break;
        context.deletePod(pod);
        context.recordEvent(owner, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`, component);
      }
    }
  }

  // The counts follow every create, delete and claim above through the store's watch.
  const counts = context.podCounts(uid);
  const templateLabels = Object.entries(owner.spec.template?.metadata?.labels ?? {});
  let fullyLabeled = 0;
  for (const set of counts.labelSets.values()) {
    if (templateLabels.every(([key, value]) => set.labels[key] === value)) fullyLabeled += set.active;
  }
  const minReadySeconds = owner.spec.minReadySeconds ?? 0;
  const status: ReplicaSetStatus = {
    replicas: counts.active,
    fullyLabeledReplicas: fullyLabeled,
    readyReplicas: counts.ready,
    availableReplicas: minReadySeconds <= 0 ? counts.ready : countAvailable(context, uid, minReadySeconds),
    observedGeneration: owner.metadata.generation,
  };
  if (owner.status?.conditions) status.conditions = owner.status.conditions;
  store.updateStatus(owner, status);
}

/** Counts the active pods ready for minReadySeconds, and sets a wake-up for the next one to become available. */
function countAvailable(context: ControllerContext, uid: string, minReadySeconds: number): number {
  let available = 0;
  for (const pod of context.podsControlledBy(uid)) {
    if (!isPodActive(pod)) continue;
    const condition = podCondition(pod, 'Ready');
    if (condition?.status !== 'True') continue;
    const since = context.store.simMsOf(condition.lastTransitionTime);
    if (since === undefined) continue;
    const availableAt = since + minReadySeconds * 1000;
    if (availableAt <= context.nowMs) available += 1;
    else context.wakeAt(availableAt);
  }
  return available;
}
