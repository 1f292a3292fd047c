/**
 * `kubectl get podpresets`. PodPreset (settings.k8s.io/v1alpha1) was removed
 * in Kubernetes 1.20 and had no server-side printer, so kubectl printed the
 * default table of NAME and AGE.
 */
import type { PodPreset } from '../../api/settings.js';
import { timestampSince } from '../humanDuration.js';
import type { ResourceTable } from './table.js';

export const podPresetTable: ResourceTable<PodPreset> = {
  kind: 'PodPreset',
  columns: ['NAME', 'AGE'],
  wideColumns: [],
  cells(preset, nowMs) {
    return [preset.metadata.name ?? '', timestampSince(preset.metadata.creationTimestamp, nowMs)];
  },
};
