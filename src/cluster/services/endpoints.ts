/**
 * The Endpoints and EndpointSlice controllers (pkg/controller/endpoint and
 * endpointslice, v1.31) for Services with a selector. Endpoints list ready
 * pods under `addresses` and unready ones under `notReadyAddresses`; a
 * terminating pod leaves Endpoints at once. EndpointSlices keep terminating
 * pods with ready=false, serving=<pod Ready>, terminating=true.
 */
import type { EndpointAddress, EndpointPort, Endpoints, Service, ServicePort } from '../../api/core.js';
import type { EndpointSlice, SliceEndpoint } from '../../api/discovery.js';
import type { Pod } from '../../api/v1.js';
import type { ObjectStore } from '../store/object-store.js';
import { isPodReady, isTerminal } from '../controllers/pod-state.js';
import { controllerRef } from '../controllers/context.js';
import { matchesSelector } from '../labels.js';

const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';
const MANAGED_BY_LABEL = 'endpointslice.kubernetes.io/managed-by';
const ENDPOINTSLICE_CONTROLLER = 'endpointslice-controller.k8s.io';

/** Resolves a service port's targetPort on a pod: a number, or a named container port. */
function resolveTargetPort(servicePort: ServicePort, pod: Pod): number | undefined {
  const target = servicePort.targetPort ?? servicePort.port;
  if (typeof target === 'number') return target;
  if (/^\d+$/.test(target)) return Number(target);
  for (const container of pod.spec.containers) {
    const port = (container.ports ?? []).find((entry) => entry.name === target && (entry.protocol ?? 'TCP') === (servicePort.protocol ?? 'TCP'));
    if (port) return port.containerPort;
  }
  return undefined;
}

function addressOf(pod: Pod): EndpointAddress {
  const address: EndpointAddress = {
    ip: pod.status?.podIP ?? '',
    targetRef: { kind: 'Pod', namespace: pod.metadata.namespace ?? 'default', name: pod.metadata.name ?? '', uid: pod.metadata.uid ?? '' },
  };
  if (pod.spec.nodeName) address.nodeName = pod.spec.nodeName;
  if (pod.spec.hostname) address.hostname = pod.spec.hostname;
  return address;
}

function selectedPods(store: ObjectStore, service: Service): Pod[] {
  const selector = Object.entries(service.spec.selector ?? {}).map(([key, value]) => ({ key, operator: 'in' as const, values: [value] }));
  return store
    .list<Pod>('Pod', { namespace: service.metadata.namespace })
    .filter((pod) => matchesSelector(selector, pod.metadata.labels) && pod.status?.podIP && !isTerminal(pod));
}

/** Brings the Endpoints and EndpointSlice of every selector Service in line with its pods. */
export function reconcileServiceEndpoints(store: ObjectStore): void {
  const services = store.list<Service>('Service');
  const wanted = new Set<string>();
  for (const service of services) {
    if (!service.spec.selector || service.spec.type === 'ExternalName') continue;
    wanted.add(`${service.metadata.namespace}/${service.metadata.name}`);
    const pods = selectedPods(store, service);
    reconcileEndpoints(store, service, pods);
    reconcileSlice(store, service, pods);
  }
  // Endpoints and slices whose Service is gone are removed with it.
  for (const endpoints of store.list<Endpoints>('Endpoints')) {
    const managed = endpoints.metadata.labels?.['endpoints.kubernetes.io/managed-by'] === 'endpoint-controller';
    if (managed && !wanted.has(`${endpoints.metadata.namespace}/${endpoints.metadata.name}`)) store.remove('Endpoints', endpoints.metadata.namespace, endpoints.metadata.name ?? '');
  }
}

function reconcileEndpoints(store: ObjectStore, service: Service, pods: Pod[]): void {
  const publishNotReady = service.spec.publishNotReadyAddresses === true;
  const subsets = new Map<string, { ports: EndpointPort[]; ready: EndpointAddress[]; notReady: EndpointAddress[] }>();
  for (const pod of pods) {
    if (pod.metadata.deletionTimestamp && !publishNotReady) continue;
    const ports: EndpointPort[] = [];
    for (const servicePort of service.spec.ports ?? []) {
      const port = resolveTargetPort(servicePort, pod);
      if (port === undefined) continue;
      const entry: EndpointPort = { port, protocol: servicePort.protocol ?? 'TCP' };
      if (servicePort.name) entry.name = servicePort.name;
      ports.push(entry);
    }
    const key = JSON.stringify(ports);
    const subset = subsets.get(key) ?? { ports, ready: [], notReady: [] };
    subsets.set(key, subset);
    if (isPodReady(pod) || publishNotReady) subset.ready.push(addressOf(pod));
    else subset.notReady.push(addressOf(pod));
  }
  const byIp = (a: EndpointAddress, b: EndpointAddress): number => (a.ip < b.ip ? -1 : a.ip > b.ip ? 1 : 0);
  const result = [...subsets.values()].map((subset) => {
    const entry: { addresses?: EndpointAddress[]; notReadyAddresses?: EndpointAddress[]; ports?: EndpointPort[] } = {};
    if (subset.ready.length > 0) entry.addresses = subset.ready.sort(byIp);
    if (subset.notReady.length > 0) entry.notReadyAddresses = subset.notReady.sort(byIp);
    if (subset.ports.length > 0) entry.ports = subset.ports;
    return entry;
  });

  const existing = store.get<Endpoints>('Endpoints', service.metadata.namespace, service.metadata.name ?? '');
  const labels = { ...(service.metadata.labels ?? {}), 'endpoints.kubernetes.io/managed-by': 'endpoint-controller' };
  if (!existing) {
    const endpoints: Endpoints = { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: service.metadata.name, namespace: service.metadata.namespace, labels } };
    if (result.length > 0) endpoints.subsets = result;
    store.create(endpoints);
    return;
  }
  if (JSON.stringify(existing.subsets ?? []) === JSON.stringify(result)) return;
  const updated: Endpoints = { ...existing, metadata: { ...existing.metadata, labels } };
  if (result.length > 0) updated.subsets = result;
  else delete updated.subsets;
  store.update(updated);
}

function reconcileSlice(store: ObjectStore, service: Service, pods: Pod[]): void {
  const name = `${service.metadata.name}-${sliceSuffix(service.metadata.uid ?? '')}`;
  const endpoints: SliceEndpoint[] = pods.map((pod) => {
    const terminating = pod.metadata.deletionTimestamp !== undefined;
    const ready = isPodReady(pod);
    const endpoint: SliceEndpoint = {
      addresses: [pod.status?.podIP ?? ''],
      conditions: { ready: ready && !terminating, serving: ready, terminating },
      targetRef: { kind: 'Pod', namespace: pod.metadata.namespace ?? 'default', name: pod.metadata.name ?? '', uid: pod.metadata.uid ?? '' },
    };
    if (pod.spec.nodeName) endpoint.nodeName = pod.spec.nodeName;
    if (pod.spec.hostname) endpoint.hostname = pod.spec.hostname;
    return endpoint;
  });
  const ports = (service.spec.ports ?? []).map((servicePort) => {
    const pod = pods[0];
    const port = pod ? resolveTargetPort(servicePort, pod) : undefined;
    return { name: servicePort.name ?? '', port, protocol: servicePort.protocol ?? 'TCP' };
  });
  const existing = store.get<EndpointSlice>('EndpointSlice', service.metadata.namespace, name);
  const slice: EndpointSlice = {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      name,
      namespace: service.metadata.namespace,
      labels: { ...(service.metadata.labels ?? {}), [SERVICE_NAME_LABEL]: service.metadata.name ?? '', [MANAGED_BY_LABEL]: ENDPOINTSLICE_CONTROLLER },
      ownerReferences: [controllerRef(service)],
    },
    addressType: 'IPv4',
    endpoints,
    ports: pods.length > 0 ? ports.map((port) => (port.port === undefined ? { name: port.name, protocol: port.protocol } : port)) : [],
  };
  if (!existing) {
    store.create(slice);
    return;
  }
  if (JSON.stringify(existing.endpoints) === JSON.stringify(slice.endpoints) && JSON.stringify(existing.ports) === JSON.stringify(slice.ports)) return;
  store.update({ ...existing, endpoints: slice.endpoints, ports: slice.ports });
}

/** A stable 5-character suffix per Service, standing in for the API server's generateName suffix. */
function sliceSuffix(uid: string): string {
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  let suffix = '';
  for (let i = 0; i < 5; i++) suffix += alphabet[parseInt(uid.replace(/-/g, '').slice(i * 2, i * 2 + 2) || '0', 16) % alphabet.length];
  return suffix;
}
