/** `kubectl get nodes` (printNode, v1.31). */
import type { Node } from '../../api/core.js';
import { timestampSince } from '../humanDuration.js';
import type { ResourceTable } from './table.js';

const ROLE_LABEL_PREFIX = 'node-role.kubernetes.io/';
const LEGACY_ROLE_LABEL = 'kubernetes.io/role';

/** The STATUS cell: Ready, NotReady or Unknown from the Ready condition, plus `,SchedulingDisabled` when cordoned. */
export function nodeStatus(node: Node): string {
  const ready = (node.status?.conditions ?? []).find((condition) => condition.type === 'Ready');
  const status = [ready === undefined ? 'Unknown' : ready.status === 'True' ? 'Ready' : 'NotReady'];
  if (node.spec.unschedulable) status.push('SchedulingDisabled');
  return status.join(',');
}

/** The ROLES cell: the suffixes of `node-role.kubernetes.io/ROLE` labels and the `kubernetes.io/role` value, sorted, or `<none>`. */
export function nodeRoles(node: Node): string {
  const roles = new Set<string>();
  for (const [key, value] of Object.entries(node.metadata.labels ?? {})) {
    if (key.startsWith(ROLE_LABEL_PREFIX) && key.length > ROLE_LABEL_PREFIX.length) roles.add(key.slice(ROLE_LABEL_PREFIX.length));
    else if (key === LEGACY_ROLE_LABEL && value !== '') roles.add(value);
  }
  return roles.size === 0 ? '<none>' : [...roles].sort().join(',');
}

function address(node: Node, type: string): string {
  return node.status?.addresses?.find((entry) => entry.type === type)?.address ?? '<none>';
}

export const nodeTable: ResourceTable<Node> = {
  kind: 'Node',
  columns: ['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION'],
  wideColumns: ['INTERNAL-IP', 'EXTERNAL-IP', 'OS-IMAGE', 'KERNEL-VERSION', 'CONTAINER-RUNTIME'],
  cells(node, nowMs, wide) {
    const info = node.status?.nodeInfo ?? {};
    const cells = [node.metadata.name ?? '', nodeStatus(node), nodeRoles(node), timestampSince(node.metadata.creationTimestamp, nowMs), info.kubeletVersion ?? ''];
    if (wide) {
      cells.push(
        address(node, 'InternalIP'),
        address(node, 'ExternalIP'),
        info.osImage || '<unknown>',
        info.kernelVersion || '<unknown>',
        info.containerRuntimeVersion || '<unknown>',
      );
    }
    return cells;
  },
};
