/**
 * The API kinds podsim accepts, keyed by `apiVersion` and `kind` as a client
 * would send them. Any other pair is reported the way kubectl reports a kind
 * the server has no mapping for.
 */

export interface KindInfo {
  apiVersion: string;
  kind: string;
  /** Whether objects of this kind live in a namespace. */
  namespaced: boolean;
  /** Field path of the embedded pod template, if the kind has one. */
  podTemplatePath?: string[];
  /** Name format checked on metadata.name. */
  nameFormat: 'subdomain' | 'dns1035' | 'label';
}

const kinds: KindInfo[] = [
  { apiVersion: 'v1', kind: 'Pod', namespaced: true, nameFormat: 'subdomain' },
  { apiVersion: 'v1', kind: 'PodTemplate', namespaced: true, nameFormat: 'subdomain', podTemplatePath: ['template'] },
  { apiVersion: 'v1', kind: 'ReplicationController', namespaced: true, nameFormat: 'subdomain', podTemplatePath: ['spec', 'template'] },
  { apiVersion: 'v1', kind: 'Service', namespaced: true, nameFormat: 'dns1035' },
  { apiVersion: 'v1', kind: 'Node', namespaced: false, nameFormat: 'subdomain' },
  { apiVersion: 'v1', kind: 'Namespace', namespaced: false, nameFormat: 'label' },
  { apiVersion: 'v1', kind: 'ConfigMap', namespaced: true, nameFormat: 'subdomain' },
  { apiVersion: 'v1', kind: 'Secret', namespaced: true, nameFormat: 'subdomain' },
  { apiVersion: 'v1', kind: 'ServiceAccount', namespaced: true, nameFormat: 'subdomain' },
  { apiVersion: 'v1', kind: 'PersistentVolumeClaim', namespaced: true, nameFormat: 'subdomain' },
  { apiVersion: 'v1', kind: 'PersistentVolume', namespaced: false, nameFormat: 'subdomain' },
  { apiVersion: 'v1', kind: 'Endpoints', namespaced: true, nameFormat: 'subdomain' },
  { apiVersion: 'v1', kind: 'Event', namespaced: true, nameFormat: 'subdomain' },
  { apiVersion: 'v1', kind: 'LimitRange', namespaced: true, nameFormat: 'subdomain' },
  { apiVersion: 'v1', kind: 'ResourceQuota', namespaced: true, nameFormat: 'subdomain' },
  { apiVersion: 'apps/v1', kind: 'Deployment', namespaced: true, nameFormat: 'subdomain', podTemplatePath: ['spec', 'template'] },
  { apiVersion: 'apps/v1', kind: 'ReplicaSet', namespaced: true, nameFormat: 'subdomain', podTemplatePath: ['spec', 'template'] },
  { apiVersion: 'apps/v1', kind: 'StatefulSet', namespaced: true, nameFormat: 'subdomain', podTemplatePath: ['spec', 'template'] },
  { apiVersion: 'apps/v1', kind: 'DaemonSet', namespaced: true, nameFormat: 'subdomain', podTemplatePath: ['spec', 'template'] },
  { apiVersion: 'batch/v1', kind: 'Job', namespaced: true, nameFormat: 'subdomain', podTemplatePath: ['spec', 'template'] },
  { apiVersion: 'batch/v1', kind: 'CronJob', namespaced: true, nameFormat: 'subdomain', podTemplatePath: ['spec', 'jobTemplate', 'spec', 'template'] },
  { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', namespaced: true, nameFormat: 'subdomain' },
  { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', namespaced: false, nameFormat: 'subdomain' },
  { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', namespaced: false, nameFormat: 'subdomain' },
  { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', namespaced: true, nameFormat: 'subdomain' },
  { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', namespaced: true, nameFormat: 'subdomain' },
  // NOTE: PodPreset was alpha in 1.6–1.19 and removed in 1.20; podsim accepts it so old examples load.
  { apiVersion: 'settings.k8s.io/v1alpha1', kind: 'PodPreset', namespaced: true, nameFormat: 'subdomain' },
  // podsim's own kind for scripted timelines; it is passed through unchecked.
  { apiVersion: 'podsim.io/v1alpha1', kind: 'Timeline', namespaced: true, nameFormat: 'subdomain' },
  // podsim's own cluster-wide settings (src/api/podsim.ts), which the control plane reads on apply.
  { apiVersion: 'podsim.io/v1alpha1', kind: 'ClusterSettings', namespaced: false, nameFormat: 'subdomain' },
];

const byKey = new Map(kinds.map((info) => [`${info.apiVersion}|${info.kind}`, info]));

export function lookupKind(apiVersion: string, kind: string): KindInfo | undefined {
  return byKey.get(`${apiVersion}|${kind}`);
}

export const knownKinds: readonly KindInfo[] = kinds;
