/**
 * `kubectl get` tables and `kubectl describe` texts for the kinds the
 * control plane keeps besides Pods and Events, looked up by kind.
 */
import type { Pod } from '../../api/v1.js';
import { printPodRow } from '../podRow.js';
import { daemonSetTable } from './daemonSets.js';
import { deploymentTable } from './deployments.js';
import { endpointSliceTable } from './endpointSlices.js';
import { endpointsTable } from './endpoints.js';
import { jobTable } from './jobs.js';
import { namespaceTable } from './namespaces.js';
import { nodeTable } from './nodes.js';
import { podPresetTable } from './podPresets.js';
import { replicaSetTable, replicationControllerTable } from './replicaSets.js';
import { serviceTable } from './services.js';
import { statefulSetTable } from './statefulSets.js';
import type { ResourceTable } from './table.js';

export { describeDeployment } from './describeDeployment.js';
export { describeJob } from './describeJob.js';
export { describeNode } from './describeNode.js';
export { describeReplicaSet } from './describeReplicaSet.js';
export { describeService } from './describeService.js';
export { formatLabelSelector, formatLabels, formatSelector } from './cells.js';
export { formatEndpoints } from './endpoints.js';
export { jobCompletions, jobDuration, jobStatus } from './jobs.js';
export { nodeRoles, nodeStatus } from './nodes.js';
export { printResourceTable, type ResourceTable, type ResourceTableOptions } from './table.js';

/** `kubectl get pods` as a ResourceTable, for listings that mix kinds (`get all`). */
export const podTable: ResourceTable<Pod> = {
  kind: 'Pod',
  columns: ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'],
  wideColumns: ['IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES'],
  cells: (pod, nowMs, wide) => printPodRow(pod, nowMs, { wide }),
};

const TABLES: ResourceTable[] = [
  podTable,
  deploymentTable,
  replicaSetTable,
  replicationControllerTable,
  jobTable,
  daemonSetTable,
  statefulSetTable,
  serviceTable,
  endpointsTable,
  endpointSliceTable,
  nodeTable,
  namespaceTable,
  podPresetTable,
] as ResourceTable[];

const TABLES_BY_KIND = new Map(TABLES.map((table) => [table.kind, table]));

/** Returns the table printer of a kind, or undefined when podsim has none. */
export function resourceTable(kind: string): ResourceTable | undefined {
  return TABLES_BY_KIND.get(kind);
}
