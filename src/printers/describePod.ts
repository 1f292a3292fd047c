/**
 * The full text of `kubectl describe pod` (kubectl v1.31 `describePod`) for
 * one pod and its events.
 */
import type { Event, Pod } from '../api/v1.js';
import { describeContainers } from './describeContainers.js';
import { describeEvents } from './describeEvents.js';
import { describeAnnotations, describeLabels, describeTolerations } from './describeMetadata.js';
import { describeVolumes } from './describeVolumes.js';
import { DescribeWriter, LEVEL_0, LEVEL_1 } from './describeWriter.js';
import { timestampSince } from './humanDuration.js';
import { podQOSClass } from './qosClass.js';
import { formatRFC1123Z } from './rfc1123z.js';

/** Returns the value of the `Status:` line: the phase, or `Terminating (lasts …)` while a non-terminal pod is deleted. */
export function describeStatusValue(pod: Pod, nowMs: number): string {
  const phase = pod.status?.phase ?? '';
  if (pod.metadata.deletionTimestamp && phase !== 'Failed' && phase !== 'Succeeded') {
    // deletionTimestamp is the end of the grace period, so this reads <invalid> until the grace period is over.
    return `Terminating (lasts ${timestampSince(pod.metadata.deletionTimestamp, nowMs)})`;
  }
  return phase;
}

function describeHeader(pod: Pod, nowMs: number, w: DescribeWriter): void {
  const { metadata, spec } = pod;
  const status = pod.status ?? {};
  w.write(LEVEL_0, `Name:\t${metadata.name ?? ''}\n`);
  w.write(LEVEL_0, `Namespace:\t${metadata.namespace ?? ''}\n`);
  if (spec.priority !== undefined && spec.priority !== null) w.write(LEVEL_0, `Priority:\t${spec.priority}\n`);
  if (spec.priorityClassName) w.write(LEVEL_0, `Priority Class Name:\t${spec.priorityClassName}\n`);
  if (spec.runtimeClassName) w.write(LEVEL_0, `Runtime Class Name:\t${spec.runtimeClassName}\n`);
  if (spec.serviceAccountName) w.write(LEVEL_0, `Service Account:\t${spec.serviceAccountName}\n`);
  w.write(LEVEL_0, spec.nodeName ? `Node:\t${spec.nodeName}/${status.hostIP ?? ''}\n` : 'Node:\t<none>\n');
  if (status.startTime) w.write(LEVEL_0, `Start Time:\t${formatRFC1123Z(status.startTime)}\n`);
  describeLabels(w, 'Labels', metadata.labels);
  describeAnnotations(w, 'Annotations', metadata.annotations);

  w.write(LEVEL_0, `Status:\t${describeStatusValue(pod, nowMs)}\n`);
  const phase = status.phase ?? '';
  if (metadata.deletionTimestamp && phase !== 'Failed' && phase !== 'Succeeded') {
    w.write(LEVEL_0, `Termination Grace Period:\t${metadata.deletionGracePeriodSeconds ?? 0}s\n`);
  }
  if (status.reason) w.write(LEVEL_0, `Reason:\t${status.reason}\n`);
  if (status.message) w.write(LEVEL_0, `Message:\t${status.message}\n`);

  const seccomp = spec.securityContext?.seccompProfile as { type?: string; localhostProfile?: string } | undefined;
  if (seccomp) {
    w.write(LEVEL_0, `SeccompProfile:\t${seccomp.type ?? ''}\n`);
    if (seccomp.type === 'Localhost') w.write(LEVEL_0, `LocalhostProfile:\t${seccomp.localhostProfile ?? ''}\n`);
  }

  w.write(LEVEL_0, `IP:\t${status.podIP ?? ''}\n`);
  const podIPs = status.podIPs ?? [];
  if (podIPs.length === 0) {
    w.write(LEVEL_0, 'IPs:\t<none>\n');
  } else {
    w.write(LEVEL_0, 'IPs:\n');
    for (const podIP of podIPs) w.write(LEVEL_1, `IP:\t${podIP.ip}\n`);
  }

  const controller = metadata.ownerReferences?.find((owner) => owner.controller === true);
  if (controller) w.write(LEVEL_0, `Controlled By:\t${controller.kind}/${controller.name}\n`);
  if (status.nominatedNodeName) w.write(LEVEL_0, `NominatedNodeName:\t${status.nominatedNodeName}\n`);
}

function describeConditions(pod: Pod, w: DescribeWriter): void {
  const conditions = pod.status?.conditions ?? [];
  const gates = pod.spec.readinessGates ?? [];

  // kubectl writes a space before each tab and newline of these two tables.
  if (gates.length > 0) {
    w.write(LEVEL_0, 'Readiness Gates:\n  Type\tStatus\n');
    for (const gate of gates) {
      const status = conditions.find((condition) => condition.type === gate.conditionType)?.status ?? '<none>';
      w.write(LEVEL_1, `${gate.conditionType} \t${status} \n`);
    }
  }
  if (conditions.length > 0) {
    w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\n');
    for (const condition of conditions) w.write(LEVEL_1, `${condition.type} \t${condition.status} \n`);
  }
}

/**
 * Returns the stdout of `kubectl describe pod`. `events` are the events whose
 * involvedObject is this pod, in any order; pass undefined to leave the Events
 * section out, as `--show-events=false` does. Ages are measured from `nowMs`.
 */
export function describePod(pod: Pod, events: Event[] | undefined, nowMs: number): string {
  const w = new DescribeWriter();
  describeHeader(pod, nowMs, w);

  const initContainers = pod.spec.initContainers ?? [];
  if (initContainers.length > 0) {
    describeContainers(pod, 'Init Containers', initContainers, pod.status?.initContainerStatuses, w);
  }
  describeContainers(pod, 'Containers', pod.spec.containers, pod.status?.containerStatuses, w);

  describeConditions(pod, w);
  describeVolumes(pod.spec.volumes, w);
  w.write(LEVEL_0, `QoS Class:\t${podQOSClass(pod)}\n`);
  describeLabels(w, 'Node-Selectors', pod.spec.nodeSelector);
  describeTolerations(w, 'Tolerations', pod.spec.tolerations);
  if (events) describeEvents(events, nowMs, w);
  return w.text();
}
