/** `kubectl get replicasets` and `kubectl get replicationcontrollers` (printReplicaSet, printReplicationController, v1.31). */
import type { ReplicaSet, ReplicationController } from '../../api/apps.js';
import { timestampSince } from '../humanDuration.js';
import { containerCells, formatLabelSet, formatSelector } from './cells.js';
import type { ResourceTable } from './table.js';

const COLUMNS = ['NAME', 'DESIRED', 'CURRENT', 'READY', 'AGE'];
const WIDE_COLUMNS = ['CONTAINERS', 'IMAGES', 'SELECTOR'];

function countCells(object: ReplicaSet | ReplicationController, nowMs: number): string[] {
  return [
    object.metadata.name ?? '',
    String(object.spec.replicas ?? 0),
    String(object.status?.replicas ?? 0),
    String(object.status?.readyReplicas ?? 0),
    timestampSince(object.metadata.creationTimestamp, nowMs),
  ];
}

export const replicaSetTable: ResourceTable<ReplicaSet> = {
  kind: 'ReplicaSet',
  columns: COLUMNS,
  wideColumns: WIDE_COLUMNS,
  cells(replicaSet, nowMs, wide) {
    const cells = countCells(replicaSet, nowMs);
    if (wide) cells.push(...containerCells(replicaSet.spec.template), formatSelector(replicaSet.spec.selector));
    return cells;
  },
};

export const replicationControllerTable: ResourceTable<ReplicationController> = {
  kind: 'ReplicationController',
  columns: COLUMNS,
  wideColumns: WIDE_COLUMNS,
  cells(controller, nowMs, wide) {
    const cells = countCells(controller, nowMs);
    // A ReplicationController's selector is a plain label map.
    if (wide) cells.push(...containerCells(controller.spec.template), formatLabelSet(controller.spec.selector));
    return cells;
  },
};
