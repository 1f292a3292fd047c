/** `kubectl describe deployment` (kubectl v1.31 `describeDeployment`). */
import type { Deployment, ReplicaSet } from '../../api/apps.js';
import type { Event } from '../../api/v1.js';
import { equalIgnoringHash } from '../../cluster/controllers/pod-template-hash.js';
import { describeEvents } from '../describeEvents.js';
import { describeAnnotations, describeLabels } from '../describeMetadata.js';
import { DescribeWriter, LEVEL_0 } from '../describeWriter.js';
import { formatRFC1123Z } from '../rfc1123z.js';
import { formatSelector } from './cells.js';
import { describeWorkloadConditions } from './describeConditions.js';
import { describePodTemplate } from './podTemplate.js';

/** `name (current/desired replicas created)` for each ReplicaSet, or `<none>`. */
function replicaSetList(replicaSets: readonly ReplicaSet[]): string {
  const list = replicaSets.map((rs) => `${rs.metadata.name} (${rs.status?.replicas ?? 0}/${rs.spec.replicas ?? 0} replicas created)`).join(', ');
  return list || '<none>';
}

/**
 * Splits the Deployment's ReplicaSets as kubectl's GetAllReplicaSets does:
 * the new one has the Deployment's template (ignoring pod-template-hash),
 * and every other one it controls is old, scaled to 0 or not (kubectl 1.31
 * lists them all).
 */
function splitReplicaSets(deployment: Deployment, replicaSets: readonly ReplicaSet[]): { oldSets: ReplicaSet[]; newSet: ReplicaSet | undefined } {
  const owned = replicaSets.filter((rs) => rs.metadata.ownerReferences?.some((ref) => ref.controller && ref.uid === deployment.metadata.uid));
  const newSet = owned
    .filter((rs) => equalIgnoringHash(rs.spec.template, deployment.spec.template))
    .sort((a, b) => (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? ''))[0];
  const oldSets = owned.filter((rs) => rs !== newSet);
  return { oldSets, newSet };
}

/**
 * Returns the stdout of `kubectl describe deployment`. `replicaSets` are the
 * ReplicaSets in the Deployment's namespace (the ones it controls are
 * picked out), `events` those whose involved object is the Deployment.
 */
export function describeDeployment(deployment: Deployment, replicaSets: readonly ReplicaSet[], events: Event[] | undefined, nowMs: number): string {
  const w = new DescribeWriter();
  const { metadata, spec } = deployment;
  const status = deployment.status ?? {};
  w.write(LEVEL_0, `Name:\t${metadata.name ?? ''}\n`);
  w.write(LEVEL_0, `Namespace:\t${metadata.namespace ?? ''}\n`);
  w.write(LEVEL_0, `CreationTimestamp:\t${formatRFC1123Z(metadata.creationTimestamp)}\n`);
  describeLabels(w, 'Labels', metadata.labels);
  describeAnnotations(w, 'Annotations', metadata.annotations);
  w.write(LEVEL_0, `Selector:\t${formatSelector(spec.selector)}\n`);
  w.write(
    LEVEL_0,
    `Replicas:\t${spec.replicas ?? 0} desired | ${status.updatedReplicas ?? 0} updated | ${status.replicas ?? 0} total | ${status.availableReplicas ?? 0} available | ${status.unavailableReplicas ?? 0} unavailable\n`,
  );
  w.write(LEVEL_0, `StrategyType:\t${spec.strategy?.type ?? ''}\n`);
  w.write(LEVEL_0, `MinReadySeconds:\t${spec.minReadySeconds ?? 0}\n`);
  const rollingUpdate = spec.strategy?.rollingUpdate;
  if (rollingUpdate) {
    w.write(LEVEL_0, `RollingUpdateStrategy:\t${String(rollingUpdate.maxUnavailable ?? 0)} max unavailable, ${String(rollingUpdate.maxSurge ?? 0)} max surge\n`);
  }
  describePodTemplate(spec.template, w);
  describeWorkloadConditions(status.conditions, w);
  const { oldSets, newSet } = splitReplicaSets(deployment, replicaSets);
  w.write(LEVEL_0, `OldReplicaSets:\t${replicaSetList(oldSets)}\n`);
  w.write(LEVEL_0, `NewReplicaSet:\t${replicaSetList(newSet ? [newSet] : [])}\n`);
  if (events) describeEvents(events, nowMs, w);
  return w.text();
}
