/** `kubectl get deployments` (printDeployment, v1.31). */
import type { Deployment } from '../../api/apps.js';
import { timestampSince } from '../humanDuration.js';
import { containerCells, formatSelector } from './cells.js';
import type { ResourceTable } from './table.js';

export const deploymentTable: ResourceTable<Deployment> = {
  kind: 'Deployment',
  columns: ['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE'],
  wideColumns: ['CONTAINERS', 'IMAGES', 'SELECTOR'],
  cells(deployment, nowMs, wide) {
    const status = deployment.status ?? {};
    const cells = [
      deployment.metadata.name ?? '',
      `${status.readyReplicas ?? 0}/${deployment.spec.replicas ?? 0}`,
      String(status.updatedReplicas ?? 0),
      String(status.availableReplicas ?? 0),
      timestampSince(deployment.metadata.creationTimestamp, nowMs),
    ];
    if (wide) cells.push(...containerCells(deployment.spec.template), formatSelector(deployment.spec.selector));
    return cells;
  },
};
