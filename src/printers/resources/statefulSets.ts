/** `kubectl get statefulsets` (printStatefulSet, v1.31). */
import type { StatefulSet } from '../../api/apps.js';
import { timestampSince } from '../humanDuration.js';
import { containerCells } from './cells.js';
import type { ResourceTable } from './table.js';

export const statefulSetTable: ResourceTable<StatefulSet> = {
  kind: 'StatefulSet',
  columns: ['NAME', 'READY', 'AGE'],
  wideColumns: ['CONTAINERS', 'IMAGES'],
  cells(statefulSet, nowMs, wide) {
    const cells = [
      statefulSet.metadata.name ?? '',
      `${statefulSet.status?.readyReplicas ?? 0}/${statefulSet.spec.replicas ?? 0}`,
      timestampSince(statefulSet.metadata.creationTimestamp, nowMs),
    ];
    if (wide) cells.push(...containerCells(statefulSet.spec.template));
    return cells;
  },
};
