/**
 * The StatefulSet controller (pkg/controller/statefulset, v1.31): pods
 * `<name>-0` .. `<name>-(n-1)` with stable hostnames. OrderedReady creates
 * one pod at a time and waits for it to be Running and Ready before the
 * next, and scales down from the highest ordinal one at a time; Parallel
 * does both at once. RollingUpdate replaces outdated pods from the highest
 * ordinal down to `partition`, one at a time.
 * NOTE: volumeClaimTemplates create no PersistentVolumeClaims in podsim.
 */
import type { StatefulSet, StatefulSetStatus } from '../../api/apps.js';
import type { Pod } from '../../api/v1.js';
import { fromLabelSelector } from '../store/label-selector.js';
import type { ControllerContext } from './context.js';
import { isPodAvailable, isPodReady, isTerminal } from './pod-state.js';
import { computePodTemplateHash } from './pod-template-hash.js';
import { claimPods } from './replicaset.js';
import { podFromTemplate } from './template.js';

const COMPONENT = 'statefulset-controller';
const REVISION_LABEL = 'controller-revision-hash';
const POD_NAME_LABEL = 'statefulset.kubernetes.io/pod-name';
const POD_INDEX_LABEL = 'apps.kubernetes.io/pod-index';

function ordinalOf(set: StatefulSet, pod: Pod): number {
  const name = pod.metadata.name ?? '';
  const prefix = `${set.metadata.name}-`;
  const value = Number(name.slice(prefix.length));
  return name.startsWith(prefix) && Number.isInteger(value) ? value : -1;
}

function healthy(pod: Pod): boolean {
  return pod.status?.phase === 'Running' && isPodReady(pod) && !pod.metadata.deletionTimestamp;
}

export function reconcileStatefulSet(context: ControllerContext, set: StatefulSet): void {
  const { store, nowMs } = context;
  const name = set.metadata.name ?? '';
  const replicas = set.spec.replicas ?? 1;
  const start = set.spec.ordinals?.start ?? 0;
  const parallel = set.spec.podManagementPolicy === 'Parallel';
  const revision = `${name}-${computePodTemplateHash(set.spec.template)}`;
  const pods = claimPods(context, set, fromLabelSelector(set.spec.selector));
  const byOrdinal = new Map(pods.map((pod) => [ordinalOf(set, pod), pod]));

  if (!set.metadata.deletionTimestamp) {
    let blocked = false;
    // Failed pods are deleted and recreated with the same name.
    for (const pod of pods) {
      if (pod.status?.phase === 'Failed' && !pod.metadata.deletionTimestamp) {
        context.deletePod(pod);
        context.recordEvent(set, 'Normal', 'SuccessfulDelete', `delete Pod ${pod.metadata.name} in StatefulSet ${name} successful`, COMPONENT);
      }
    }
    for (let ordinal = start; ordinal < start + replicas; ordinal++) {
      const pod = byOrdinal.get(ordinal);
      if (!pod || !store.getByUid(pod.metadata.uid ?? '')) {
        if (blocked) break;
        createMember(context, set, ordinal, revision);
        if (!parallel) blocked = true;
        continue;
      }
      if (!parallel && !healthy(pod)) blocked = true;
    }
    // Scale down from the highest ordinal; OrderedReady waits for all lower pods to be healthy.
    const condemned = pods.filter((pod) => {
      const ordinal = ordinalOf(set, pod);
      return (ordinal < start || ordinal >= start + replicas) && !pod.metadata.deletionTimestamp;
    });
    condemned.sort((a, b) => ordinalOf(set, b) - ordinalOf(set, a));
    const anyTerminating = pods.some((pod) => pod.metadata.deletionTimestamp && !isTerminal(pod));
    for (const pod of condemned) {
      if (!parallel && (anyTerminating || blocked)) break;
      context.deletePod(pod);
      context.recordEvent(set, 'Normal', 'SuccessfulDelete', `delete Pod ${pod.metadata.name} in StatefulSet ${name} successful`, COMPONENT);
      if (!parallel) break;
    }
    // RollingUpdate: the highest outdated ordinal at or above the partition, once everything is healthy.
    if (set.spec.updateStrategy?.type !== 'OnDelete') {
      const partition = set.spec.updateStrategy?.rollingUpdate?.partition ?? 0;
      const members = pods.filter((pod) => ordinalOf(set, pod) >= start && ordinalOf(set, pod) < start + replicas);
      const allHealthy = members.length === replicas && members.every(healthy);
      const outdated = members.filter((pod) => pod.metadata.labels?.[REVISION_LABEL] !== revision && ordinalOf(set, pod) - start >= partition).sort((a, b) => ordinalOf(set, b) - ordinalOf(set, a));
      if (allHealthy && outdated.length > 0) {
        context.deletePod(outdated[0]);
        context.recordEvent(set, 'Normal', 'SuccessfulDelete', `delete Pod ${outdated[0].metadata.name} in StatefulSet ${name} successful`, COMPONENT);
      }
    }
  }

  const current = claimPods(context, set, fromLabelSelector(set.spec.selector)).filter((pod) => !isTerminal(pod) && !pod.metadata.deletionTimestamp);
  const status: StatefulSetStatus = {
    observedGeneration: set.metadata.generation,
    replicas: current.length,
    readyReplicas: current.filter(isPodReady).length,
    currentReplicas: current.filter((pod) => pod.metadata.labels?.[REVISION_LABEL] === revision).length,
    updatedReplicas: current.filter((pod) => pod.metadata.labels?.[REVISION_LABEL] === revision).length,
    availableReplicas: current.filter((pod) => isPodAvailable(pod, set.spec.minReadySeconds ?? 0, nowMs, store)).length,
    currentRevision: revision,
    updateRevision: revision,
    collisionCount: 0,
  };
  store.updateStatus(set, status);
}

function createMember(context: ControllerContext, set: StatefulSet, ordinal: number, revision: string): void {
  const podName = `${set.metadata.name}-${ordinal}`;
  if (context.store.get('Pod', set.metadata.namespace, podName)) return;
  const pod = podFromTemplate(set.spec.template, set, podName);
  pod.metadata.labels = { ...(pod.metadata.labels ?? {}), [REVISION_LABEL]: revision, [POD_NAME_LABEL]: podName, [POD_INDEX_LABEL]: String(ordinal) };
  pod.spec.hostname = podName;
  if (set.spec.serviceName) pod.spec.subdomain = set.spec.serviceName;
  const created = context.createPod(pod, set);
  if (created) context.recordEvent(set, 'Normal', 'SuccessfulCreate', `create Pod ${podName} in StatefulSet ${set.metadata.name} successful`, 'statefulset-controller');
}
