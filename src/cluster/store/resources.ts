/**
 * The REST resources the simulated API server serves: plural name, group,
 * scope and kubectl's short names (from `kubectl api-resources`, v1.31).
 */

export interface ResourceInfo {
  kind: string;
  /** Lower-case plural, as in URLs and `kubectl get`. */
  plural: string;
  /** Lower-case singular, as in `deployment.apps/web created`. */
  singular: string;
  /** API group; empty for the core group. */
  group: string;
  namespaced: boolean;
  shortNames: string[];
}

const resources: ResourceInfo[] = [
  { kind: 'Pod', plural: 'pods', singular: 'pod', group: '', namespaced: true, shortNames: ['po'] },
  { kind: 'Service', plural: 'services', singular: 'service', group: '', namespaced: true, shortNames: ['svc'] },
  { kind: 'Endpoints', plural: 'endpoints', singular: 'endpoints', group: '', namespaced: true, shortNames: ['ep'] },
  { kind: 'Node', plural: 'nodes', singular: 'node', group: '', namespaced: false, shortNames: ['no'] },
  { kind: 'Namespace', plural: 'namespaces', singular: 'namespace', group: '', namespaced: false, shortNames: ['ns'] },
  { kind: 'ReplicationController', plural: 'replicationcontrollers', singular: 'replicationcontroller', group: '', namespaced: true, shortNames: ['rc'] },
  { kind: 'ConfigMap', plural: 'configmaps', singular: 'configmap', group: '', namespaced: true, shortNames: ['cm'] },
  { kind: 'Secret', plural: 'secrets', singular: 'secret', group: '', namespaced: true, shortNames: [] },
  { kind: 'ServiceAccount', plural: 'serviceaccounts', singular: 'serviceaccount', group: '', namespaced: true, shortNames: ['sa'] },
  { kind: 'PersistentVolumeClaim', plural: 'persistentvolumeclaims', singular: 'persistentvolumeclaim', group: '', namespaced: true, shortNames: ['pvc'] },
  { kind: 'PersistentVolume', plural: 'persistentvolumes', singular: 'persistentvolume', group: '', namespaced: false, shortNames: ['pv'] },
  { kind: 'PodTemplate', plural: 'podtemplates', singular: 'podtemplate', group: '', namespaced: true, shortNames: [] },
  { kind: 'LimitRange', plural: 'limitranges', singular: 'limitrange', group: '', namespaced: true, shortNames: ['limits'] },
  { kind: 'ResourceQuota', plural: 'resourcequotas', singular: 'resourcequota', group: '', namespaced: true, shortNames: ['quota'] },
  { kind: 'Deployment', plural: 'deployments', singular: 'deployment', group: 'apps', namespaced: true, shortNames: ['deploy'] },
  { kind: 'ReplicaSet', plural: 'replicasets', singular: 'replicaset', group: 'apps', namespaced: true, shortNames: ['rs'] },
  { kind: 'DaemonSet', plural: 'daemonsets', singular: 'daemonset', group: 'apps', namespaced: true, shortNames: ['ds'] },
  { kind: 'StatefulSet', plural: 'statefulsets', singular: 'statefulset', group: 'apps', namespaced: true, shortNames: ['sts'] },
  { kind: 'ControllerRevision', plural: 'controllerrevisions', singular: 'controllerrevision', group: 'apps', namespaced: true, shortNames: [] },
  { kind: 'Job', plural: 'jobs', singular: 'job', group: 'batch', namespaced: true, shortNames: [] },
  { kind: 'CronJob', plural: 'cronjobs', singular: 'cronjob', group: 'batch', namespaced: true, shortNames: ['cj'] },
  { kind: 'EndpointSlice', plural: 'endpointslices', singular: 'endpointslice', group: 'discovery.k8s.io', namespaced: true, shortNames: [] },
  { kind: 'PodDisruptionBudget', plural: 'poddisruptionbudgets', singular: 'poddisruptionbudget', group: 'policy', namespaced: true, shortNames: ['pdb'] },
  { kind: 'PriorityClass', plural: 'priorityclasses', singular: 'priorityclass', group: 'scheduling.k8s.io', namespaced: false, shortNames: ['pc'] },
  { kind: 'StorageClass', plural: 'storageclasses', singular: 'storageclass', group: 'storage.k8s.io', namespaced: false, shortNames: ['sc'] },
  { kind: 'Ingress', plural: 'ingresses', singular: 'ingress', group: 'networking.k8s.io', namespaced: true, shortNames: ['ing'] },
  { kind: 'NetworkPolicy', plural: 'networkpolicies', singular: 'networkpolicy', group: 'networking.k8s.io', namespaced: true, shortNames: ['netpol'] },
  { kind: 'PodPreset', plural: 'podpresets', singular: 'podpreset', group: 'settings.k8s.io', namespaced: true, shortNames: [] },
  { kind: 'ClusterSettings', plural: 'clustersettings', singular: 'clustersettings', group: 'podsim.io', namespaced: false, shortNames: [] },
  { kind: 'Timeline', plural: 'timelines', singular: 'timeline', group: 'podsim.io', namespaced: true, shortNames: [] },
];

const byKind = new Map(resources.map((info) => [info.kind, info]));
const byName = new Map<string, ResourceInfo>();
for (const info of resources) {
  for (const name of [info.plural, info.singular, info.kind.toLowerCase(), ...info.shortNames]) {
    byName.set(name, info);
    if (info.group) byName.set(`${name}.${info.group}`, info);
  }
}

/** Looks up a resource by kind (`Deployment`). */
export function resourceForKind(kind: string): ResourceInfo | undefined {
  return byKind.get(kind);
}

/**
 * Resolves what a user types after `kubectl get` or `kubectl delete`: a
 * plural, singular, short name or `name.group` (`deploy`, `jobs.batch`).
 */
export function resolveResource(name: string): ResourceInfo | undefined {
  return byName.get(name.toLowerCase());
}

/** Whether objects of this kind live in a namespace; unknown kinds are treated as namespaced. */
export function isNamespaced(kind: string): boolean {
  return byKind.get(kind)?.namespaced ?? true;
}

/** `deployment.apps` or `pod`: the qualified singular that kubectl prints before `/name`. */
export function qualifiedSingular(kind: string): string {
  const info = byKind.get(kind);
  if (!info) return kind.toLowerCase();
  return info.group ? `${info.singular}.${info.group}` : info.singular;
}

export const servedResources: readonly ResourceInfo[] = resources;
