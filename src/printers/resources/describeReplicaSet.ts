/** `kubectl describe replicaset` (kubectl v1.31 `describeReplicaSet`). */
import type { ReplicaSet } from '../../api/apps.js';
import type { Event, Pod } from '../../api/v1.js';
import { describeEvents } from '../describeEvents.js';
import { describeAnnotations, describeLabels } from '../describeMetadata.js';
import { DescribeWriter, LEVEL_0 } from '../describeWriter.js';
import { formatLabelSelector } from './cells.js';
import { describeWorkloadConditions } from './describeConditions.js';
import { describePodTemplate } from './podTemplate.js';

/** `N Running / N Waiting / N Succeeded / N Failed` over the pods the controller owns; Pending counts as Waiting. */
export function podsStatusLine(ownerUid: string | undefined, pods: readonly Pod[]): string {
  const counts = { Running: 0, Pending: 0, Succeeded: 0, Failed: 0 };
  for (const pod of pods) {
    if (!pod.metadata.ownerReferences?.some((ref) => ref.controller && ref.uid === ownerUid)) continue;
    const phase = pod.status?.phase as keyof typeof counts | undefined;
    if (phase && phase in counts) counts[phase] += 1;
  }
  return `${counts.Running} Running / ${counts.Pending} Waiting / ${counts.Succeeded} Succeeded / ${counts.Failed} Failed`;
}

/**
 * Returns the stdout of `kubectl describe replicaset`. `pods` are the pods
 * in its namespace (those it controls are counted), `events` those whose
 * involved object is the ReplicaSet.
 */
export function describeReplicaSet(replicaSet: ReplicaSet, pods: readonly Pod[], events: Event[] | undefined, nowMs: number): string {
  const w = new DescribeWriter();
  const { metadata, spec } = replicaSet;
  w.write(LEVEL_0, `Name:\t${metadata.name ?? ''}\n`);
  w.write(LEVEL_0, `Namespace:\t${metadata.namespace ?? ''}\n`);
  w.write(LEVEL_0, `Selector:\t${formatLabelSelector(spec.selector)}\n`);
  describeLabels(w, 'Labels', metadata.labels);
  describeAnnotations(w, 'Annotations', metadata.annotations);
  const controller = metadata.ownerReferences?.find((ref) => ref.controller === true);
  if (controller) w.write(LEVEL_0, `Controlled By:\t${controller.kind}/${controller.name}\n`);
  w.write(LEVEL_0, `Replicas:\t${replicaSet.status?.replicas ?? 0} current / ${spec.replicas ?? 0} desired\n`);
  w.write(LEVEL_0, `Pods Status:\t${podsStatusLine(metadata.uid, pods)}\n`);
  describePodTemplate(spec.template, w);
  describeWorkloadConditions(replicaSet.status?.conditions, w);
  if (events) describeEvents(events, nowMs, w);
  return w.text();
}
