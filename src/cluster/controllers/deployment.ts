/**
 * The Deployment controller (pkg/controller/deployment, v1.31): one
 * ReplicaSet per distinct pod template, named `<deployment>-<pod-template-hash>`,
 * with RollingUpdate (maxSurge rounds up, maxUnavailable rounds down, both
 * 25% by default) or Recreate, revision annotations, history cleanup and the
 * Available and Progressing conditions.
 */
import type { Deployment, DeploymentStatus, ReplicaSet } from '../../api/apps.js';
import type { WorkloadCondition } from '../../api/meta.js';
import type { Pod } from '../../api/v1.js';
import { fromLabelSelector } from '../store/label-selector.js';
import { controllerOf, controllerRef, type ControllerContext } from './context.js';
import { findCondition, scaledValue, setCondition } from './conditions.js';
import { isTerminal as isPodTerminal } from './pod-state.js';
import { computePodTemplateHash, equalIgnoringHash } from './pod-template-hash.js';
import { matchesSelector } from '../labels.js';
import { parseIntAnnotation, proportionalSizes, type ScaleTarget } from './deployment-proportion.js';

export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';
export const REVISION_HISTORY_ANNOTATION = 'deployment.kubernetes.io/revision-history';
export const DESIRED_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/desired-replicas';
export const MAX_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/max-replicas';
const COMPONENT = 'deployment-controller';

/** Default `spec.progressDeadlineSeconds`. */
export const DEFAULT_PROGRESS_DEADLINE_SECONDS = 600;

export function revisionOf(object: { metadata: { annotations?: Record<string, string> } }): number {
  const value = Number(object.metadata.annotations?.[REVISION_ANNOTATION] ?? '0');
  return Number.isInteger(value) ? value : 0;
}

/** maxSurge and maxUnavailable resolved against spec.replicas (ResolveFenceposts). */
export function resolveFenceposts(deployment: Deployment): { maxSurge: number; maxUnavailable: number } {
  const replicas = deployment.spec.replicas ?? 1;
  if (deployment.spec.strategy?.type === 'Recreate') return { maxSurge: 0, maxUnavailable: 0 };
  const rolling = deployment.spec.strategy?.rollingUpdate;
  const maxSurge = scaledValue(rolling?.maxSurge, replicas, true, '25%');
  let maxUnavailable = scaledValue(rolling?.maxUnavailable, replicas, false, '25%');
  if (maxSurge === 0 && maxUnavailable === 0) maxUnavailable = 1;
  return { maxSurge, maxUnavailable };
}

/** MaxUnavailable as the status calculation uses it: never more than replicas. */
function maxUnavailableOf(deployment: Deployment): number {
  const replicas = deployment.spec.replicas ?? 1;
  if (deployment.spec.strategy?.type === 'Recreate' || replicas === 0) return 0;
  return Math.min(resolveFenceposts(deployment).maxUnavailable, replicas);
}

const specReplicas = (rs: ReplicaSet): number => rs.spec.replicas ?? 0;
const sum = (sets: ReplicaSet[], pick: (rs: ReplicaSet) => number): number => sets.reduce((total, rs) => total + pick(rs), 0);

function createdMs(context: ControllerContext, rs: ReplicaSet): number {
  return context.store.simMsOf(rs.metadata.creationTimestamp) ?? 0;
}

/** Oldest first, ties by name (controller.ReplicaSetsByCreationTimestamp). */
function byCreation(context: ControllerContext) {
  return (a: ReplicaSet, b: ReplicaSet): number => createdMs(context, a) - createdMs(context, b) || ((a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1);
}

/** Lists the ReplicaSets the deployment controls, adopting matching orphans. */
function claimReplicaSets(context: ControllerContext, deployment: Deployment): ReplicaSet[] {
  const selector = fromLabelSelector(deployment.spec.selector);
  const result: ReplicaSet[] = [];
  for (const rs of context.store.list<ReplicaSet>('ReplicaSet', { namespace: deployment.metadata.namespace })) {
    const ref = controllerOf(rs);
    if (ref?.uid === deployment.metadata.uid) {
      result.push(rs);
    } else if (ref === undefined && selector && selector.length > 0 && matchesSelector(selector, rs.metadata.labels) && !deployment.metadata.deletionTimestamp) {
      rs.metadata.ownerReferences = [...(rs.metadata.ownerReferences ?? []), controllerRef(deployment)];
      context.store.update(rs);
      result.push(rs);
    }
  }
  return result;
}

/**
 * Sets the ReplicaSet's size and its desired-replicas and max-replicas
 * annotations. The ScalingReplicaSet event names `direction` when it is given,
 * which scale() uses for the direction of the whole scaling event, and
 * otherwise the direction of this size change.
 */
function scaleReplicaSet(context: ControllerContext, deployment: Deployment, rs: ReplicaSet, newScale: number, direction?: 'up' | 'down'): void {
  const oldScale = specReplicas(rs);
  const { maxSurge } = resolveFenceposts(deployment);
  const replicas = deployment.spec.replicas ?? 1;
  const annotations = { ...(rs.metadata.annotations ?? {}) };
  annotations[DESIRED_REPLICAS_ANNOTATION] = String(replicas);
  annotations[MAX_REPLICAS_ANNOTATION] = String(replicas + maxSurge);
  const annotationsChanged = JSON.stringify(annotations) !== JSON.stringify(rs.metadata.annotations ?? {});
  if (oldScale === newScale && !annotationsChanged) return;
  rs.metadata.annotations = annotations;
  rs.spec.replicas = newScale;
  context.store.update(rs);
  if (oldScale !== newScale) {
    const word = direction ?? (newScale > oldScale ? 'up' : 'down');
    context.recordEvent(deployment, 'Normal', 'ScalingReplicaSet', `Scaled ${word} replica set ${rs.metadata.name} to ${newScale} from ${oldScale}`, COMPONENT);
  }
}

/** NewRSNewReplicas for RollingUpdate: how far the new ReplicaSet may grow now. */
function newReplicasForRolling(deployment: Deployment, all: ReplicaSet[], newRS: ReplicaSet | undefined): number {
  const replicas = deployment.spec.replicas ?? 1;
  const current = newRS ? specReplicas(newRS) : 0;
  const { maxSurge } = resolveFenceposts(deployment);
  const total = sum(all, specReplicas);
  const maxTotal = replicas + maxSurge;
  if (total >= maxTotal) return current;
  const scaleUp = Math.min(maxTotal - total, replicas - current);
  return current + Math.max(0, scaleUp);
}

/**
 * Finds the ReplicaSet whose template matches the deployment's, updating its
 * revision; creates it when `create` is true and none exists.
 */
function getNewReplicaSet(context: ControllerContext, deployment: Deployment, all: ReplicaSet[], old: ReplicaSet[], create: boolean): ReplicaSet | undefined {
  const { store } = context;
  const existing = all.filter((rs) => equalIgnoringHash(rs.spec.template, deployment.spec.template)).sort(byCreation(context))[0];
  const maxOldRevision = Math.max(0, ...old.map(revisionOf));
  const newRevision = String(maxOldRevision + 1);
  const replicas = deployment.spec.replicas ?? 1;
  const { maxSurge } = resolveFenceposts(deployment);

  if (existing) {
    const annotations = { ...(existing.metadata.annotations ?? {}) };
    const previous = annotations[REVISION_ANNOTATION];
    if (previous !== newRevision && Number(previous ?? '0') < Number(newRevision)) {
      if (previous) annotations[REVISION_HISTORY_ANNOTATION] = annotations[REVISION_HISTORY_ANNOTATION] ? `${annotations[REVISION_HISTORY_ANNOTATION]},${previous}` : previous;
      annotations[REVISION_ANNOTATION] = newRevision;
      existing.metadata.annotations = annotations;
      store.update(existing);
    }
    setDeploymentRevision(context, deployment, existing.metadata.annotations?.[REVISION_ANNOTATION] ?? newRevision);
    const conditions = deployment.status?.conditions ?? [];
    if (deployment.spec.progressDeadlineSeconds !== undefined && !findCondition(conditions, 'Progressing')) {
      const condition = progressingCondition(context, 'True', 'FoundNewReplicaSet', `Found new replica set "${existing.metadata.name}"`);
      store.updateStatus(deployment, { ...(deployment.status ?? {}), conditions: setCondition(conditions, condition) });
    }
    return existing;
  }
  if (!create) return undefined;

  const collisionCount = deployment.status?.collisionCount ?? 0;
  const hash = computePodTemplateHash(deployment.spec.template, collisionCount);
  const template = structuredClone(deployment.spec.template);
  template.metadata = { ...(template.metadata ?? {}), labels: { ...(template.metadata?.labels ?? {}), 'pod-template-hash': hash } };
  const selector = structuredClone(deployment.spec.selector);
  selector.matchLabels = { ...(selector.matchLabels ?? {}), 'pod-template-hash': hash };
  const newReplicas = deployment.spec.strategy?.type === 'Recreate' ? replicas : newReplicasForRolling(deployment, all, undefined);
  const rs: ReplicaSet = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: `${deployment.metadata.name}-${hash}`,
      namespace: deployment.metadata.namespace,
      labels: { ...(template.metadata.labels ?? {}) },
      annotations: {
        ...(deployment.metadata.annotations ?? {}),
        [DESIRED_REPLICAS_ANNOTATION]: String(replicas),
        [MAX_REPLICAS_ANNOTATION]: String(replicas + maxSurge),
        [REVISION_ANNOTATION]: newRevision,
      },
      ownerReferences: [controllerRef(deployment)],
    },
    spec: { replicas: newReplicas, minReadySeconds: deployment.spec.minReadySeconds ?? 0, selector, template },
  };
  delete rs.metadata.annotations!['kubectl.kubernetes.io/last-applied-configuration'];
  store.create(rs);
  if (newReplicas > 0) {
    context.recordEvent(deployment, 'Normal', 'ScalingReplicaSet', `Scaled up replica set ${rs.metadata.name} to ${newReplicas}`, COMPONENT);
  }
  setDeploymentRevision(context, deployment, newRevision);
  if (deployment.spec.progressDeadlineSeconds !== undefined) {
    const condition = progressingCondition(context, 'True', 'NewReplicaSetCreated', `Created new replica set "${rs.metadata.name}"`);
    store.updateStatus(deployment, { ...(deployment.status ?? {}), conditions: setCondition(deployment.status?.conditions ?? [], condition) });
  }
  all.push(rs);
  return rs;
}

function setDeploymentRevision(context: ControllerContext, deployment: Deployment, revision: string): void {
  if (deployment.metadata.annotations?.[REVISION_ANNOTATION] === revision) return;
  deployment.metadata.annotations = { ...(deployment.metadata.annotations ?? {}), [REVISION_ANNOTATION]: revision };
  context.store.update(deployment);
}

function progressingCondition(context: ControllerContext, status: 'True' | 'False', reason: string, message: string): WorkloadCondition {
  const now = context.store.timestamp(context.nowMs);
  return { type: 'Progressing', status, lastUpdateTime: now, lastTransitionTime: now, reason, message };
}

function rolloutRolling(context: ControllerContext, deployment: Deployment, all: ReplicaSet[], old: ReplicaSet[]): ReplicaSet | undefined {
  const newRS = getNewReplicaSet(context, deployment, all, old, true)!;
  const replicas = deployment.spec.replicas ?? 1;

  // reconcileNewReplicaSet
  if (specReplicas(newRS) > replicas) scaleReplicaSet(context, deployment, newRS, replicas);
  else if (specReplicas(newRS) < replicas) scaleReplicaSet(context, deployment, newRS, newReplicasForRolling(deployment, all, newRS));

  // reconcileOldReplicaSets
  const oldPods = sum(old, specReplicas);
  if (oldPods === 0) return newRS;
  const { maxUnavailable } = resolveFenceposts(deployment);
  const minAvailable = replicas - maxUnavailable;
  const newUnavailable = specReplicas(newRS) - (newRS.status?.availableReplicas ?? 0);
  const maxScaledDown = sum(all, specReplicas) - minAvailable - newUnavailable;
  if (maxScaledDown <= 0) return newRS;

  // cleanupUnhealthyReplicas: old pods that are not available go first.
  const sorted = [...old].sort(byCreation(context));
  let cleaned = 0;
  for (const rs of sorted) {
    if (cleaned >= maxScaledDown) break;
    const unhealthy = specReplicas(rs) - (rs.status?.availableReplicas ?? 0);
    if (specReplicas(rs) === 0 || unhealthy <= 0) continue;
    const scaledDown = Math.min(maxScaledDown - cleaned, unhealthy);
    scaleReplicaSet(context, deployment, rs, specReplicas(rs) - scaledDown);
    cleaned += scaledDown;
  }

  // scaleDownOldReplicaSetsForRollingUpdate: then available old pods, never below minAvailable.
  const available = sum(all, (rs) => rs.status?.availableReplicas ?? 0);
  const totalScaleDown = available - minAvailable;
  if (totalScaleDown <= 0) return newRS;
  let scaled = 0;
  for (const rs of sorted) {
    if (scaled >= totalScaleDown) break;
    if (specReplicas(rs) === 0) continue;
    const scaleDown = Math.min(specReplicas(rs), totalScaleDown - scaled);
    scaleReplicaSet(context, deployment, rs, specReplicas(rs) - scaleDown);
    scaled += scaleDown;
  }
  return newRS;
}

function rolloutRecreate(context: ControllerContext, deployment: Deployment, all: ReplicaSet[], old: ReplicaSet[]): ReplicaSet | undefined {
  let newRS = getNewReplicaSet(context, deployment, all, old, false);
  for (const rs of old) if (specReplicas(rs) !== 0) scaleReplicaSet(context, deployment, rs, 0);
  // Wait until every pod of the old ReplicaSets has stopped running.
  const oldUids = new Set(old.map((rs) => rs.metadata.uid));
  const oldPodsRunning = [...oldUids].some((uid) => context.podsControlledBy(uid ?? '').some((pod) => !isPodTerminal(pod)));
  if (oldPodsRunning) return newRS;
  if (!newRS) newRS = getNewReplicaSet(context, deployment, all, old, true)!;
  else if (specReplicas(newRS) !== (deployment.spec.replicas ?? 1)) scaleReplicaSet(context, deployment, newRS, deployment.spec.replicas ?? 1);
  return newRS;
}

/** Orders ReplicaSets largest first, and the newer first among equal sizes (controller.ReplicaSetsBySizeNewer). */
function bySizeNewer(context: ControllerContext) {
  const creation = byCreation(context);
  return (a: ReplicaSet, b: ReplicaSet): number => specReplicas(b) - specReplicas(a) || creation(b, a);
}

/** Orders ReplicaSets largest first, and the older first among equal sizes (controller.ReplicaSetsBySizeOlder). */
function bySizeOlder(context: ControllerContext) {
  const creation = byCreation(context);
  return (a: ReplicaSet, b: ReplicaSet): number => specReplicas(b) - specReplicas(a) || creation(a, b);
}

/**
 * Returns the only active ReplicaSet, or the newest one when none is active,
 * or undefined when several are active (FindActiveOrLatest).
 */
function findActiveOrLatest(context: ControllerContext, newRS: ReplicaSet | undefined, old: ReplicaSet[]): ReplicaSet | undefined {
  const newestFirst = [...old].sort(byCreation(context)).reverse();
  const active = [...newestFirst, ...(newRS ? [newRS] : [])].filter((rs) => specReplicas(rs) > 0);
  if (active.length === 0) return newRS ?? newestFirst[0];
  return active.length === 1 ? active[0] : undefined;
}

/** Reports whether the new ReplicaSet already runs every replica, all of them available (IsSaturated). */
function isSaturated(deployment: Deployment, newRS: ReplicaSet | undefined): boolean {
  if (!newRS) return false;
  const replicas = deployment.spec.replicas ?? 1;
  const desired = parseIntAnnotation(newRS.metadata.annotations?.[DESIRED_REPLICAS_ANNOTATION]);
  return specReplicas(newRS) === replicas && desired === replicas && (newRS.status?.availableReplicas ?? 0) === replicas;
}

/**
 * Reports whether spec.replicas changed since the active ReplicaSets were last
 * sized (isScalingEvent), which is when an active ReplicaSet's desired-replicas
 * annotation differs from it. A ReplicaSet without the annotation does not count.
 */
function isScalingEvent(deployment: Deployment, all: ReplicaSet[], newRS: ReplicaSet | undefined): boolean {
  if (!newRS) return false;
  const replicas = deployment.spec.replicas ?? 1;
  return all.some((rs) => {
    const desired = parseIntAnnotation(rs.metadata.annotations?.[DESIRED_REPLICAS_ANNOTATION]);
    return specReplicas(rs) > 0 && desired !== undefined && desired !== replicas;
  });
}

/**
 * Scales the ReplicaSets to a new spec.replicas on a scaling event or while
 * the deployment is paused (DeploymentController.scale in sync.go). A single
 * active ReplicaSet, or the newest one when none is active, takes the whole
 * count. A saturated new ReplicaSet sends the old ones to 0. Otherwise, for
 * RollingUpdate, the total goes to replicas + maxSurge and the difference is
 * split in proportion to each ReplicaSet's size (see deployment-proportion.ts),
 * so a scale-down during a stuck rollout keeps old available pods.
 */
function scale(context: ControllerContext, deployment: Deployment, all: ReplicaSet[], newRS: ReplicaSet | undefined): void {
  const replicas = deployment.spec.replicas ?? 1;
  const old = all.filter((rs) => rs !== newRS);

  const activeOrLatest = findActiveOrLatest(context, newRS, old);
  if (activeOrLatest) {
    if (specReplicas(activeOrLatest) !== replicas) scaleReplicaSet(context, deployment, activeOrLatest, replicas);
    return;
  }

  if (isSaturated(deployment, newRS)) {
    for (const rs of old) if (specReplicas(rs) > 0) scaleReplicaSet(context, deployment, rs, 0);
    return;
  }

  if (deployment.spec.strategy?.type === 'Recreate') return;

  const { maxSurge } = resolveFenceposts(deployment);
  const active = all.filter((rs) => specReplicas(rs) > 0);
  const allowedSize = replicas > 0 ? replicas + maxSurge : 0;
  const toAdd = allowedSize - sum(active, specReplicas);
  if (toAdd > 0) active.sort(bySizeNewer(context));
  else if (toAdd < 0) active.sort(bySizeOlder(context));

  const target: ScaleTarget = { replicas, maxSurge, statusReplicas: deployment.status?.replicas ?? 0 };
  const sets = active.map((rs) => ({ replicas: specReplicas(rs), maxReplicasBeforeScale: parseIntAnnotation(rs.metadata.annotations?.[MAX_REPLICAS_ANNOTATION]) }));
  const sizes = proportionalSizes(sets, target, toAdd);
  // Every active ReplicaSet is written, so each gets the new desired-replicas and max-replicas annotations.
  const direction = toAdd > 0 ? 'up' : 'down';
  active.forEach((rs, index) => scaleReplicaSet(context, deployment, rs, sizes[index], direction));
}

/** Deletes old ReplicaSets with no replicas beyond revisionHistoryLimit, oldest first. */
function cleanupHistory(context: ControllerContext, deployment: Deployment, old: ReplicaSet[]): void {
  const limit = deployment.spec.revisionHistoryLimit ?? 10;
  const removable = old.filter((rs) => specReplicas(rs) === 0 && (rs.status?.replicas ?? 0) === 0 && !rs.metadata.deletionTimestamp).sort(byCreation(context));
  const excess = removable.length - limit;
  for (let i = 0; i < excess; i++) context.store.remove('ReplicaSet', removable[i].metadata.namespace, removable[i].metadata.name ?? '');
}

function calculateStatus(deployment: Deployment, all: ReplicaSet[], newRS: ReplicaSet | undefined): DeploymentStatus {
  const replicas = deployment.spec.replicas ?? 1;
  const available = sum(all, (rs) => rs.status?.availableReplicas ?? 0);
  const total = sum(all, specReplicas);
  const status: DeploymentStatus = {
    observedGeneration: deployment.metadata.generation,
    replicas: sum(all, (rs) => rs.status?.replicas ?? 0),
    updatedReplicas: newRS?.status?.replicas ?? 0,
    readyReplicas: sum(all, (rs) => rs.status?.readyReplicas ?? 0),
    availableReplicas: available,
    unavailableReplicas: Math.max(0, total - available),
  };
  if (deployment.status?.collisionCount !== undefined) status.collisionCount = deployment.status.collisionCount;
  return status;
}

function syncStatus(context: ControllerContext, deployment: Deployment, all: ReplicaSet[], newRS: ReplicaSet | undefined, rolloutStatus: boolean): void {
  const { store, nowMs } = context;
  const replicas = deployment.spec.replicas ?? 1;
  const status = calculateStatus(deployment, all, newRS);
  const now = store.timestamp(nowMs);
  let conditions = [...(deployment.status?.conditions ?? [])];
  const availableCondition: WorkloadCondition =
    (status.availableReplicas ?? 0) >= replicas - maxUnavailableOf(deployment)
      ? { type: 'Available', status: 'True', lastUpdateTime: now, lastTransitionTime: now, reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.' }
      : { type: 'Available', status: 'False', lastUpdateTime: now, lastTransitionTime: now, reason: 'MinimumReplicasUnavailable', message: 'Deployment does not have minimum availability.' };
  conditions = setCondition(conditions, availableCondition);

  const deadline = deployment.spec.progressDeadlineSeconds;
  if (rolloutStatus && deadline !== undefined && newRS && !deployment.spec.paused) {
    const current = findCondition(conditions, 'Progressing');
    const complete =
      status.updatedReplicas === replicas && status.replicas === replicas && status.availableReplicas === replicas && (status.observedGeneration ?? 0) >= (deployment.metadata.generation ?? 0);
    const old = deployment.status ?? {};
    const progressing =
      (status.updatedReplicas ?? 0) > (old.updatedReplicas ?? 0) ||
      (status.replicas ?? 0) - (status.updatedReplicas ?? 0) < (old.replicas ?? 0) - (old.updatedReplicas ?? 0) ||
      (status.readyReplicas ?? 0) > (old.readyReplicas ?? 0) ||
      (status.availableReplicas ?? 0) > (old.availableReplicas ?? 0);
    const name = newRS.metadata.name;
    if (complete) {
      const condition = progressingCondition(context, 'True', 'NewReplicaSetAvailable', `ReplicaSet "${name}" has successfully progressed.`);
      if (current?.status === 'True') condition.lastTransitionTime = current.lastTransitionTime;
      conditions = setCondition(conditions, condition);
    } else if (progressing) {
      const condition = progressingCondition(context, 'True', 'ReplicaSetUpdated', `ReplicaSet "${name}" is progressing.`);
      if (current?.status === 'True') condition.lastTransitionTime = current.lastTransitionTime;
      // The update time moves on every progress, even when status and reason stay the same.
      conditions = [...conditions.filter((entry) => entry.type !== 'Progressing'), condition];
    } else if (current && current.reason !== 'NewReplicaSetAvailable') {
      const since = store.simMsOf(current.lastUpdateTime) ?? nowMs;
      const timeoutMs = since + deadline * 1000;
      if (current.reason === 'ProgressDeadlineExceeded' || nowMs > timeoutMs) {
        conditions = setCondition(conditions, progressingCondition(context, 'False', 'ProgressDeadlineExceeded', `ReplicaSet "${name}" has timed out progressing.`));
      } else {
        // The controller requeues itself for the moment the deadline passes.
        context.wakeAt(timeoutMs + 1);
      }
    }
  }
  status.conditions = conditions;
  store.updateStatus(deployment, status);
}

export function reconcileDeployment(context: ControllerContext, deployment: Deployment): void {
  const all = claimReplicaSets(context, deployment);
  const findNew = (): ReplicaSet | undefined => all.filter((rs) => equalIgnoringHash(rs.spec.template, deployment.spec.template)).sort(byCreation(context))[0];
  if (deployment.metadata.deletionTimestamp) {
    syncStatus(context, deployment, all, findNew(), false);
    return;
  }
  let newRS = findNew();
  let old = all.filter((rs) => rs !== newRS);

  // sync() in sync.go: a paused deployment or a scaling event only scales and
  // updates the status. The ReplicaSet updates queue the deployment again, and
  // that sync runs the rollout.
  if (deployment.spec.paused || isScalingEvent(deployment, all, newRS)) {
    scale(context, deployment, all, newRS);
    syncStatus(context, deployment, all, newRS, false);
    return;
  }

  const replicas = deployment.spec.replicas ?? 1;

  newRS = deployment.spec.strategy?.type === 'Recreate' ? rolloutRecreate(context, deployment, all, old) : rolloutRolling(context, deployment, all, old);
  old = all.filter((rs) => rs !== newRS);
  const complete = newRS !== undefined && specReplicas(newRS) === replicas && old.every((rs) => specReplicas(rs) === 0);
  if (complete) cleanupHistory(context, deployment, old);
  syncStatus(context, deployment, all.filter((rs) => context.store.getByUid(rs.metadata.uid ?? '')), newRS, true);
}
