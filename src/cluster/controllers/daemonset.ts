/**
 * The DaemonSet controller (pkg/controller/daemon, v1.31): one pod per node
 * that passes the pod's nodeSelector, node affinity and NoSchedule/NoExecute
 * taints, bound to that node directly through required node affinity on
 * `metadata.name`. The pods get the DaemonSet tolerations (not-ready,
 * unreachable, disk-pressure, memory-pressure, pid-pressure, unschedulable).
 * RollingUpdate replaces at most maxUnavailable outdated pods at a time.
 */
import type { DaemonSet, DaemonSetStatus } from '../../api/apps.js';
import type { Node } from '../../api/core.js';
import type { Pod, Toleration } from '../../api/v1.js';
import { matchesNodeAffinity, untoleratedTaint } from '../scheduler/scheduler.js';
import { fromLabelSelector } from '../store/label-selector.js';
import { compareObjects } from '../store/object-store.js';
import { controllerOf, type ControllerContext } from './context.js';
import { scaledValue } from './conditions.js';
import { isPodActive, isPodAvailable, isPodReady } from './pod-state.js';
import { canonicalJson, computePodTemplateHash } from './pod-template-hash.js';
import { claimPods } from './replicaset.js';
import { podFromTemplate } from './template.js';

const COMPONENT = 'daemonset-controller';
const TEMPLATE_GENERATION_LABEL = 'pod-template-generation';
const REVISION_HASH_LABEL = 'controller-revision-hash';

/** Tolerations every DaemonSet pod gets (util.AddOrUpdateDaemonPodTolerations). */
const DAEMON_TOLERATIONS: Toleration[] = [
  { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
];

function withDaemonTolerations(tolerations: Toleration[] | undefined): Toleration[] {
  const result = [...(tolerations ?? [])];
  for (const toleration of DAEMON_TOLERATIONS) {
    if (!result.some((entry) => entry.key === toleration.key && entry.effect === toleration.effect)) result.push({ ...toleration });
  }
  return result;
}

export class DaemonSetController {
  reconcile(context: ControllerContext, daemonSet: DaemonSet): void {
    const { store, nowMs } = context;
    const hash = computePodTemplateHash(daemonSet.spec.template);
    const pods = claimPods(context, daemonSet, fromLabelSelector(daemonSet.spec.selector));
    const nodes = store.list<Node>('Node');
    const probe: Pod = { apiVersion: 'v1', kind: 'Pod', metadata: {}, spec: { ...daemonSet.spec.template.spec, tolerations: withDaemonTolerations(daemonSet.spec.template.spec.tolerations) } };
    const eligible = nodes.filter((node) => matchesNodeAffinity(probe, node) && !untoleratedTaint(node.spec.taints, probe.spec.tolerations));
    const eligibleNames = new Set(eligible.map((node) => node.metadata.name));
    const active = pods.filter(isPodActive);
    const byNode = new Map<string, Pod[]>();
    for (const pod of active) {
      const node = nodeOf(pod);
      byNode.set(node, [...(byNode.get(node) ?? []), pod]);
    }

    if (!daemonSet.metadata.deletionTimestamp) {
      // Pods on nodes that are no longer eligible, and duplicates, go.
      for (const [nodeName, list] of byNode) {
        const extra = eligibleNames.has(nodeName) ? list.slice(1) : list;
        for (const pod of extra) this.delete(context, daemonSet, pod);
      }
      // Failed daemon pods are deleted so a new one can start.
      for (const pod of pods.filter((item) => item.status?.phase === 'Failed' && !item.metadata.deletionTimestamp)) this.delete(context, daemonSet, pod);
      for (const node of eligible) {
        const nodeName = node.metadata.name ?? '';
        const existing = (byNode.get(nodeName) ?? []).filter((pod) => eligibleNames.has(nodeName));
        const hasTerminating = pods.some((pod) => nodeOf(pod) === nodeName && pod.metadata.deletionTimestamp);
        if (existing.length === 0 && !hasTerminating) this.create(context, daemonSet, nodeName, hash);
      }
      this.rollingUpdate(context, daemonSet, hash, eligible.length);
    }

    const current = context.podsControlledBy(daemonSet.metadata.uid ?? '').filter(isPodActive);
    const scheduled = current.filter((pod) => eligibleNames.has(nodeOf(pod)));
    const minReady = daemonSet.spec.minReadySeconds ?? 0;
    const available = scheduled.filter((pod) => isPodAvailable(pod, minReady, nowMs, store)).length;
    const status: DaemonSetStatus = {
      currentNumberScheduled: scheduled.length,
      numberMisscheduled: current.length - scheduled.length,
      desiredNumberScheduled: eligible.length,
      numberReady: scheduled.filter(isPodReady).length,
      observedGeneration: daemonSet.metadata.generation,
      updatedNumberScheduled: scheduled.filter((pod) => pod.metadata.labels?.[REVISION_HASH_LABEL] === hash).length,
      numberAvailable: available,
    };
    if (eligible.length - available > 0) status.numberUnavailable = eligible.length - available;
    store.updateStatus(daemonSet, status);
  }

  private rollingUpdate(context: ControllerContext, daemonSet: DaemonSet, hash: string, desired: number): void {
    if (daemonSet.spec.updateStrategy?.type === 'OnDelete') return;
    const { store, nowMs } = context;
    const maxUnavailable = scaledValue(daemonSet.spec.updateStrategy?.rollingUpdate?.maxUnavailable, desired, true, 1);
    const pods = context.podsControlledBy(daemonSet.metadata.uid ?? '').sort(compareObjects);
    const active = pods.filter(isPodActive);
    const unavailable = desired - active.filter((pod) => isPodAvailable(pod, daemonSet.spec.minReadySeconds ?? 0, nowMs, store)).length;
    let budget = maxUnavailable - unavailable;
    const outdated = active.filter((pod) => pod.metadata.labels?.[REVISION_HASH_LABEL] !== hash);
    // Outdated pods that are not available are replaced first and cost nothing.
    for (const pod of outdated.filter((item) => !isPodReady(item))) this.delete(context, daemonSet, pod);
    for (const pod of outdated.filter(isPodReady)) {
      if (budget <= 0) break;
      this.delete(context, daemonSet, pod);
      budget -= 1;
    }
  }

  private create(context: ControllerContext, daemonSet: DaemonSet, nodeName: string, hash: string): void {
    const pod = podFromTemplate(daemonSet.spec.template, daemonSet);
    pod.metadata.labels = { ...(pod.metadata.labels ?? {}), [REVISION_HASH_LABEL]: hash, [TEMPLATE_GENERATION_LABEL]: String(daemonSet.metadata.generation ?? 1) };
    pod.spec.tolerations = withDaemonTolerations(pod.spec.tolerations);
    const affinity = (pod.spec.affinity ?? {}) as Record<string, unknown>;
    affinity.nodeAffinity = {
      requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [nodeName] }] }] },
    };
    pod.spec.affinity = affinity;
    const created = context.createPod(pod, daemonSet);
    if (created) context.recordEvent(daemonSet, 'Normal', 'SuccessfulCreate', `Created pod: ${created.metadata.name}`, COMPONENT);
  }

  private delete(context: ControllerContext, daemonSet: DaemonSet, pod: Pod): void {
    context.deletePod(pod);
    context.recordEvent(daemonSet, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`, COMPONENT);
  }
}

/** The node a daemon pod is bound to, or targets through its node affinity. */
function nodeOf(pod: Pod): string {
  if (pod.spec.nodeName) return pod.spec.nodeName;
  const text = canonicalJson(pod.spec.affinity ?? {});
  const match = /"metadata\.name","operator":"In","values":\["([^"]+)"\]/.exec(text);
  return match?.[1] ?? '';
}
