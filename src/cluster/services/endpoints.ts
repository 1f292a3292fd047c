/**
 * The Endpoints and EndpointSlice controllers (pkg/controller/endpoint and
 * endpointslice, v1.31) for Services with a selector. Endpoints list ready
 * pods under `addresses` and unready ones under `notReadyAddresses`; a
 * terminating pod leaves Endpoints at once, and an Endpoints object stops
 * at 1000 addresses with the over-capacity annotation. EndpointSlices keep
 * terminating pods with ready=false, serving=<pod Ready>, terminating=true.
 */
import type { EndpointAddress, EndpointPort, Endpoints, EndpointSubset, Service, ServicePort } from '../../api/core.js';
import type { EndpointSlice, SliceEndpoint } from '../../api/discovery.js';
import type { Pod } from '../../api/v1.js';
import type { ObjectStore } from '../store/object-store.js';
import { isPodReady, isTerminal } from '../controllers/pod-state.js';
import { controllerRef } from '../controllers/context.js';

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

/** The Endpoints controller's maxCapacity: an Endpoints object lists at most this many addresses. */
export const ENDPOINTS_MAX_CAPACITY = 1000;
export const OVER_CAPACITY_ANNOTATION = 'endpoints.kubernetes.io/over-capacity';

/** Reports whether a pod belongs to a Service's endpoints at all: selected, given an IP, not finished. */
export function selectsPod(service: Service, pod: Pod): boolean {
  if (!pod.status?.podIP || isTerminal(pod)) return false;
  const labels = pod.metadata.labels ?? {};
  for (const [key, value] of Object.entries(service.spec.selector ?? {})) if (labels[key] !== value) return false;
  return true;
}

/** One address of an Endpoints object, with the keys it is sorted by. */
export interface ListedAddress {
  ip: string;
  uid: string;
  address: EndpointAddress;
}

/** The addresses of one subset (one set of resolved ports), each list sorted by IP then uid. */
export interface SubsetLists {
  ports: EndpointPort[];
  ready: ListedAddress[];
  notReady: ListedAddress[];
}

/** LessEndpointAddress: by IP, then by the pod's uid. */
export function compareListed(a: ListedAddress, b: ListedAddress): number {
  if (a.ip !== b.ip) return a.ip < b.ip ? -1 : 1;
  if (a.uid === b.uid) return 0;
  return a.uid < b.uid ? -1 : 1;
}

/** Returns the ports a pod serves for a Service, each target port resolved on the pod. */
export function endpointPorts(service: Service, pod: Pod): EndpointPort[] {
  const ports: EndpointPort[] = [];
  for (const servicePort of service.spec.ports ?? []) {
    const port = resolveTargetPort(servicePort, pod);
    if (port === undefined) continue;
    const entry: EndpointPort = { port, protocol: servicePort.protocol ?? 'TCP' };
    if (servicePort.name) entry.name = servicePort.name;
    ports.push(entry);
  }
  return ports;
}

/** Returns the address a pod gets in a Service's Endpoints, and whether it is listed as ready; undefined when it is left out. */
export function listedAddressOf(service: Service, pod: Pod): { listed: ListedAddress; ready: boolean } | undefined {
  const publishNotReady = service.spec.publishNotReadyAddresses === true;
  if (pod.metadata.deletionTimestamp && !publishNotReady) return undefined;
  // The controller adds a pod once per service port it can resolve (FindPort); with none resolved it adds nothing.
  if ((service.spec.ports ?? []).length > 0 && endpointPorts(service, pod).length === 0) return undefined;
  return { listed: { ip: pod.status?.podIP ?? '', uid: pod.metadata.uid ?? '', address: addressOf(pod) }, ready: publishNotReady || isPodReady(pod) };
}

/**
 * Returns the subsets the Endpoints controller writes, already repacked and
 * sorted, truncated to ENDPOINTS_MAX_CAPACITY as truncateEndpoints does:
 * ready addresses first, each subset keeping its proportion rounded up, and
 * within a subset the lowest IPs.
 */
export function endpointSubsets(groups: readonly SubsetLists[]): { subsets: EndpointSubset[]; truncated: boolean } {
  let totalReady = 0;
  let totalNotReady = 0;
  for (const group of groups) {
    totalReady += group.ready.length;
    totalNotReady += group.notReady.length;
  }
  const truncated = totalReady + totalNotReady > ENDPOINTS_MAX_CAPACITY;
  const truncateReady = totalReady > ENDPOINTS_MAX_CAPACITY;
  const max = truncateReady ? ENDPOINTS_MAX_CAPACITY : ENDPOINTS_MAX_CAPACITY - totalReady;
  const numTotal = truncateReady ? totalReady : totalNotReady;
  let canBeAdded = max;
  const subsets: EndpointSubset[] = [];
  for (const group of groups) {
    if (group.ready.length === 0 && group.notReady.length === 0) continue;
    let ready = group.ready;
    let notReady = group.notReady;
    if (truncated) {
      const inSubset = truncateReady ? ready.length : notReady.length;
      const toBeAdded = Math.min(Math.ceil((inSubset / numTotal) * max), canBeAdded);
      if (truncateReady) {
        ready = ready.slice(0, toBeAdded);
        notReady = [];
        canBeAdded -= ready.length;
      } else {
        notReady = notReady.slice(0, toBeAdded);
        canBeAdded -= notReady.length;
      }
    }
    const entry: EndpointSubset = {};
    if (ready.length > 0) entry.addresses = ready.map((listed) => listed.address);
    if (notReady.length > 0) entry.notReadyAddresses = notReady.map((listed) => listed.address);
    if (group.ports.length > 0) entry.ports = group.ports;
    subsets.push(entry);
  }
  return { subsets, truncated };
}

/** Writes a Service's Endpoints object from its address lists; creates it when missing. */
export function writeEndpoints(store: ObjectStore, service: Service, groups: readonly SubsetLists[]): void {
  const { subsets, truncated } = endpointSubsets(groups);
  const existing = store.get<Endpoints>('Endpoints', service.metadata.namespace, service.metadata.name ?? '');
  const labels = { ...(service.metadata.labels ?? {}), 'endpoints.kubernetes.io/managed-by': 'endpoint-controller' };
  if (!existing) {
    const endpoints: Endpoints = { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: service.metadata.name, namespace: service.metadata.namespace, labels } };
    if (truncated) endpoints.metadata.annotations = { [OVER_CAPACITY_ANNOTATION]: 'truncated' };
    if (subsets.length > 0) endpoints.subsets = subsets;
    store.create(endpoints);
    return;
  }
  const annotated = existing.metadata.annotations?.[OVER_CAPACITY_ANNOTATION] !== undefined;
  if (annotated === truncated && sameSubsets(existing.subsets ?? [], subsets)) return;
  const annotations = { ...(existing.metadata.annotations ?? {}) };
  if (truncated) annotations[OVER_CAPACITY_ANNOTATION] = 'truncated';
  else delete annotations[OVER_CAPACITY_ANNOTATION];
  // Written in place: the store then skips comparing a copy of up to 1000 addresses with the stored object.
  existing.metadata.labels = labels;
  if (Object.keys(annotations).length > 0) existing.metadata.annotations = annotations;
  else delete existing.metadata.annotations;
  if (subsets.length > 0) existing.subsets = subsets;
  else delete existing.subsets;
  store.update(existing);
}

/**
 * Reports whether two subset lists are equal. The controller reuses one
 * address object per listed pod until it changes, so comparing references
 * settles most calls before the JSON comparison.
 */
function sameSubsets(a: EndpointSubset[], b: EndpointSubset[]): boolean {
  if (a.length !== b.length) return false;
  const sameList = (left: EndpointAddress[] = [], right: EndpointAddress[] = []): boolean => left.length === right.length && left.every((address, index) => address === right[index]);
  if (a.every((subset, index) => sameList(subset.addresses, b[index].addresses) && sameList(subset.notReadyAddresses, b[index].notReadyAddresses) && JSON.stringify(subset.ports) === JSON.stringify(b[index].ports))) return true;
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Returns the EndpointSlice endpoint of one pod. */
export function sliceEndpointOf(pod: Pod): SliceEndpoint {
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
}

/**
 * Writes slice `ordinal` of a Service with the endpoints of `pods` (sorted
 * by name); creates it when missing. Ports come from the first pod.
 */
export function writeSlice(store: ObjectStore, service: Service, ordinal: number, pods: Pod[]): void {
  const name = sliceName(service, ordinal);
  const endpoints = pods.map(sliceEndpointOf);
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
    // A port the pods cannot resolve (a named targetPort no container declares) is left out.
    ports: pods.length > 0 ? ports.filter((port) => port.port !== undefined) : [],
  };
  if (!existing) {
    store.create(slice);
    return;
  }
  if (JSON.stringify(existing.endpoints) === JSON.stringify(slice.endpoints) && JSON.stringify(existing.ports) === JSON.stringify(slice.ports)) return;
  existing.endpoints = slice.endpoints;
  existing.ports = slice.ports;
  store.update(existing);
}

/** Removes slice `ordinal` of a Service, when it exists. */
export function removeSlice(store: ObjectStore, service: Service, ordinal: number): void {
  store.remove('EndpointSlice', service.metadata.namespace, sliceName(service, ordinal));
}

/** Returns `<service>-<suffix>`, the suffix standing in for the API server's generateName suffix. */
function sliceName(service: Service, ordinal: number): string {
  const uid = service.metadata.uid ?? '';
  return `${service.metadata.name}-${sliceSuffix(ordinal === 0 ? uid : hashedUid(`${uid}/${ordinal}`))}`;
}

/** Returns a hex digest (FNV-1a, repeated) of a text, for slice names after the first. */
function hashedUid(text: string): string {
  let out = '';
  let hash = 0x811c9dc5;
  for (let round = 0; round < 2; round++) {
    for (let i = 0; i < text.length; i++) {
      hash ^= text.charCodeAt(i);
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    out += hash.toString(16).padStart(8, '0');
  }
  return out;
}

/** A stable 5-character suffix per Service, standing in for the API server's generateName suffix. */
function sliceSuffix(uid: string): string {
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  let suffix = '';
  for (let i = 0; i < 5; i++) suffix += alphabet[parseInt(uid.replace(/-/g, '').slice(i * 2, i * 2 + 2) || '0', 16) % alphabet.length];
  return suffix;
}
