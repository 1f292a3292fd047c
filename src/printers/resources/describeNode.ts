/** `kubectl describe node` (kubectl v1.31 `describeNode`). */
import type { Node } from '../../api/core.js';
import type { Event, Pod } from '../../api/v1.js';
import { describeEvents } from '../describeEvents.js';
import { describeAnnotations, describeLabels } from '../describeMetadata.js';
import { DescribeWriter, LEVEL_0, LEVEL_1 } from '../describeWriter.js';
import { timestampSince } from '../humanDuration.js';
import { parseQuantity } from '../quantity.js';
import { formatRFC1123Z } from '../rfc1123z.js';
import { nodeRoles } from './nodes.js';
import { formatBytes, formatCpu, percentOf, podRequestsAndLimits, sumTotals } from './nodeResources.js';

/** The node's Lease in kube-node-lease, as far as describe prints it. */
export interface NodeLease {
  holderIdentity?: string;
  acquireTime?: string;
  renewTime?: string;
}

function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

function describeTaints(node: Node, w: DescribeWriter): void {
  w.write(LEVEL_0, 'Taints:\t');
  const taints = node.spec.taints ?? [];
  if (taints.length === 0) {
    w.write(LEVEL_0, '<none>\n');
    return;
  }
  // kubectl sorts taints by the text "effect,key", so NoExecute comes before NoSchedule.
  const sortKey = (taint: (typeof taints)[number]) => `${taint.effect},${taint.key}`;
  const ordered = [...taints].sort((a, b) => compareStrings(sortKey(a), sortKey(b)));
  ordered.forEach((taint, index) => {
    if (index !== 0) w.write(LEVEL_0, '\t');
    w.write(LEVEL_0, `${taint.key}${taint.value ? `=${taint.value}` : ''}:${taint.effect}\n`);
  });
}

function describeResourceList(title: string, resources: Record<string, string> | undefined, w: DescribeWriter): void {
  const names = Object.keys(resources ?? {}).sort(compareStrings);
  if (names.length === 0) return;
  w.write(LEVEL_0, `${title}:\n`);
  for (const name of names) w.write(LEVEL_0, `  ${name}:\t${resources?.[name] ?? ''}\n`);
}

function describePods(node: Node, pods: readonly Pod[], nowMs: number, w: DescribeWriter): void {
  const allocatable = Object.keys(node.status?.allocatable ?? {}).length > 0 ? node.status?.allocatable : node.status?.capacity;
  const cpuMilli = Math.round((parseQuantity(allocatable?.cpu) ?? 0) * 1000);
  const memoryBytes = parseQuantity(allocatable?.memory) ?? 0;
  const ephemeralBytes = parseQuantity(allocatable?.['ephemeral-storage']) ?? 0;

  w.write(LEVEL_0, `Non-terminated Pods:\t(${pods.length} in total)\n`);
  w.write(LEVEL_1, 'Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n');
  w.write(LEVEL_1, '---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n');
  const perPod = pods.map((pod) => podRequestsAndLimits(pod));
  pods.forEach((pod, index) => {
    const { requests, limits } = perPod[index];
    w.write(
      LEVEL_1,
      `${pod.metadata.namespace ?? ''}\t${pod.metadata.name ?? ''}\t\t` +
        `${formatCpu(requests.cpuMilli)} (${percentOf(requests.cpuMilli, cpuMilli)}%)\t${formatCpu(limits.cpuMilli)} (${percentOf(limits.cpuMilli, cpuMilli)}%)\t` +
        `${formatBytes(requests.memoryBytes)} (${percentOf(requests.memoryBytes, memoryBytes)}%)\t${formatBytes(limits.memoryBytes)} (${percentOf(limits.memoryBytes, memoryBytes)}%)\t` +
        `${timestampSince(pod.metadata.creationTimestamp, nowMs)}\n`,
    );
  });

  const requests = sumTotals(perPod.map((entry) => entry.requests));
  const limits = sumTotals(perPod.map((entry) => entry.limits));
  w.write(LEVEL_0, 'Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n');
  w.write(LEVEL_1, 'Resource\tRequests\tLimits\n');
  w.write(LEVEL_1, '--------\t--------\t------\n');
  w.write(LEVEL_1, `cpu\t${formatCpu(requests.cpuMilli)} (${percentOf(requests.cpuMilli, cpuMilli)}%)\t${formatCpu(limits.cpuMilli)} (${percentOf(limits.cpuMilli, cpuMilli)}%)\n`);
  w.write(LEVEL_1, `memory\t${formatBytes(requests.memoryBytes)} (${percentOf(requests.memoryBytes, memoryBytes)}%)\t${formatBytes(limits.memoryBytes)} (${percentOf(limits.memoryBytes, memoryBytes)}%)\n`);
  w.write(
    LEVEL_1,
    `ephemeral-storage\t${formatBytes(requests.ephemeralBytes)} (${percentOf(requests.ephemeralBytes, ephemeralBytes)}%)\t${formatBytes(limits.ephemeralBytes)} (${percentOf(limits.ephemeralBytes, ephemeralBytes)}%)\n`,
  );
}

/**
 * Returns the stdout of `kubectl describe node`. `pods` are the pods bound
 * to the node that are neither Succeeded nor Failed, in the API server's
 * list order. `events` are those whose involved object is the node.
 */
export function describeNode(node: Node, lease: NodeLease | undefined, pods: readonly Pod[], events: Event[] | undefined, nowMs: number): string {
  const w = new DescribeWriter();
  const { metadata, spec } = node;
  const status = node.status ?? {};
  w.write(LEVEL_0, `Name:\t${metadata.name ?? ''}\n`);
  w.write(LEVEL_0, `Roles:\t${nodeRoles(node)}\n`);
  describeLabels(w, 'Labels', metadata.labels);
  describeAnnotations(w, 'Annotations', metadata.annotations);
  w.write(LEVEL_0, `CreationTimestamp:\t${formatRFC1123Z(metadata.creationTimestamp)}\n`);
  describeTaints(node, w);
  w.write(LEVEL_0, `Unschedulable:\t${spec.unschedulable === true}\n`);

  if (lease) {
    w.write(LEVEL_0, 'Lease:\n');
    w.write(LEVEL_1, `HolderIdentity:\t${lease.holderIdentity ?? '<unset>'}\n`);
    w.write(LEVEL_1, `AcquireTime:\t${lease.acquireTime ? formatRFC1123Z(lease.acquireTime) : '<unset>'}\n`);
    w.write(LEVEL_1, `RenewTime:\t${lease.renewTime ? formatRFC1123Z(lease.renewTime) : '<unset>'}\n`);
  }

  const conditions = status.conditions ?? [];
  if (conditions.length > 0) {
    w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n');
    w.write(LEVEL_1, '----\t------\t-----------------\t------------------\t------\t-------\n');
    for (const condition of conditions) {
      w.write(
        LEVEL_1,
        `${condition.type} \t${condition.status} \t${formatRFC1123Z(condition.lastHeartbeatTime)} \t${formatRFC1123Z(condition.lastTransitionTime)} \t${condition.reason ?? ''} \t${condition.message ?? ''}\n`,
      );
    }
  }

  w.write(LEVEL_0, 'Addresses:\n');
  for (const address of status.addresses ?? []) w.write(LEVEL_1, `${address.type}:\t${address.address}\n`);
  describeResourceList('Capacity', status.capacity, w);
  describeResourceList('Allocatable', status.allocatable, w);

  const info = status.nodeInfo ?? {};
  const infoExtra = info as Record<string, string | undefined>;
  w.write(LEVEL_0, 'System Info:\n');
  w.write(LEVEL_0, `  Machine ID:\t${infoExtra.machineID ?? ''}\n`);
  w.write(LEVEL_0, `  System UUID:\t${infoExtra.systemUUID ?? ''}\n`);
  w.write(LEVEL_0, `  Boot ID:\t${infoExtra.bootID ?? ''}\n`);
  w.write(LEVEL_0, `  Kernel Version:\t${info.kernelVersion ?? ''}\n`);
  w.write(LEVEL_0, `  OS Image:\t${info.osImage ?? ''}\n`);
  w.write(LEVEL_0, `  Operating System:\t${info.operatingSystem ?? ''}\n`);
  w.write(LEVEL_0, `  Architecture:\t${info.architecture ?? ''}\n`);
  w.write(LEVEL_0, `  Container Runtime Version:\t${info.containerRuntimeVersion ?? ''}\n`);
  w.write(LEVEL_0, `  Kubelet Version:\t${info.kubeletVersion ?? ''}\n`);
  w.write(LEVEL_0, `  Kube-Proxy Version:\t${infoExtra.kubeProxyVersion ?? ''}\n`);

  if (spec.podCIDR) w.write(LEVEL_0, `PodCIDR:\t${spec.podCIDR}\n`);
  const podCIDRs = (spec as { podCIDRs?: string[] }).podCIDRs ?? [];
  if (podCIDRs.length > 0) w.write(LEVEL_0, `PodCIDRs:\t${podCIDRs.join(',')}\n`);
  if (spec.providerID) w.write(LEVEL_0, `ProviderID:\t${spec.providerID}\n`);
  describePods(node, pods, nowMs, w);
  if (events) describeEvents(events, nowMs, w);
  return w.text();
}
