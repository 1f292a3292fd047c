/** `kubectl get namespaces` (printNamespace, v1.31). */
import type { Namespace } from '../../api/core.js';
import { timestampSince } from '../humanDuration.js';
import type { ResourceTable } from './table.js';

export const namespaceTable: ResourceTable<Namespace> = {
  kind: 'Namespace',
  columns: ['NAME', 'STATUS', 'AGE'],
  wideColumns: [],
  cells(namespace, nowMs) {
    return [namespace.metadata.name ?? '', namespace.status?.phase ?? '', timestampSince(namespace.metadata.creationTimestamp, nowMs)];
  },
};
