/** `kubectl get daemonsets` (printDaemonSet, v1.31). */
import type { DaemonSet } from '../../api/apps.js';
import { timestampSince } from '../humanDuration.js';
import { containerCells, formatLabels, formatSelector } from './cells.js';
import type { ResourceTable } from './table.js';

export const daemonSetTable: ResourceTable<DaemonSet> = {
  kind: 'DaemonSet',
  columns: ['NAME', 'DESIRED', 'CURRENT', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'NODE SELECTOR', 'AGE'],
  wideColumns: ['CONTAINERS', 'IMAGES', 'SELECTOR'],
  cells(daemonSet, nowMs, wide) {
    const status = daemonSet.status;
    const cells = [
      daemonSet.metadata.name ?? '',
      String(status?.desiredNumberScheduled ?? 0),
      String(status?.currentNumberScheduled ?? 0),
      String(status?.numberReady ?? 0),
      String(status?.updatedNumberScheduled ?? 0),
      String(status?.numberAvailable ?? 0),
      formatLabels(daemonSet.spec.template.spec.nodeSelector),
      timestampSince(daemonSet.metadata.creationTimestamp, nowMs),
    ];
    if (wide) cells.push(...containerCells(daemonSet.spec.template), formatSelector(daemonSet.spec.selector));
    return cells;
  },
};
