/**
 * Keeps the Endpoints and EndpointSlices of every selector Service current.
 * It remembers which pods each Service selects and which slice lists each
 * pod, so a pod change rewrites only that pod's slice. A slice lists at most
 * MAX_ENDPOINTS_PER_SLICE endpoints (the controller's
 * --max-endpoints-per-slice default); a new endpoint goes into the first
 * slice with room, and a slice left empty is deleted. A Service with no
 * endpoints keeps one empty slice.
 */
import type { EndpointAddress, Endpoints, Service } from '../../api/core.js';
import type { Pod } from '../../api/v1.js';
import type { ObjectStore, WatchEvent } from '../store/object-store.js';
import { compareListed, endpointPorts, listedAddressOf, removeSlice, selectsPod, writeEndpoints, writeSlice, type ListedAddress, type SubsetLists } from './endpoints.js';

export const MAX_ENDPOINTS_PER_SLICE = 100;

interface ServiceState {
  service: Service;
  /** Selected pods by uid. */
  members: Map<string, Pod>;
  sliceOf: Map<string, number>;
  /** Member uids of each slice, by ordinal. */
  slices: Set<string>[];
  /** Lowest ordinal that may have room. */
  firstWithRoom: number;
  dirtySlices: Set<number>;
  endpointsDirty: boolean;
  /** The Endpoints addresses, by the JSON of their resolved ports, kept sorted. */
  groups: Map<string, SubsetLists>;
  /** The group and list of each listed member's address. */
  listedOf: Map<string, { key: string; ready: boolean; listed: ListedAddress }>;
}

export class EndpointsController {
  private readonly states = new Map<string, ServiceState>();
  /** uids of pods changed since the last reconcile, by namespace. */
  private changedPods = new Map<string, Set<string>>();
  private changedServices = new Set<string>();

  constructor(private readonly store: ObjectStore) {
    store.watch((event) => this.observe(event));
  }

  private observe(event: WatchEvent): void {
    const object = event.object;
    const namespace = object.metadata.namespace ?? 'default';
    if (object.kind === 'Pod') {
      let uids = this.changedPods.get(namespace);
      if (!uids) this.changedPods.set(namespace, (uids = new Set()));
      uids.add(object.metadata.uid ?? '');
    } else if (object.kind === 'Service') {
      this.changedServices.add(`${namespace}/${object.metadata.name}`);
    }
  }

  /** Brings every selector Service's Endpoints and slices in line with the pods changed since the last call. */
  reconcile(): void {
    const changedPods = this.changedPods;
    const changedServices = this.changedServices;
    this.changedPods = new Map();
    this.changedServices = new Set();
    const selectorServices = new Set<string>();
    for (const service of this.store.list<Service>('Service')) {
      if (!service.spec.selector || service.spec.type === 'ExternalName') continue;
      const namespace = service.metadata.namespace ?? 'default';
      const key = `${namespace}/${service.metadata.name}`;
      selectorServices.add(key);
      let state = this.states.get(key);
      if (!state || changedServices.has(key) || state.service.metadata.uid !== service.metadata.uid) {
        state = this.rebuild(service, state);
        this.states.set(key, state);
      } else {
        for (const uid of changedPods.get(namespace) ?? []) this.refresh(state, uid);
      }
      this.flush(state);
    }
    for (const key of [...this.states.keys()]) if (!selectorServices.has(key)) this.states.delete(key);
    // Endpoints whose Service is gone are removed with it; slices go through their ownerReference.
    for (const endpoints of this.store.list<Endpoints>('Endpoints')) {
      const managed = endpoints.metadata.labels?.['endpoints.kubernetes.io/managed-by'] === 'endpoint-controller';
      if (managed && !selectorServices.has(`${endpoints.metadata.namespace}/${endpoints.metadata.name}`)) this.store.remove('Endpoints', endpoints.metadata.namespace, endpoints.metadata.name ?? '');
    }
  }

  /** Recomputes which pods a new or changed Service selects; every slice is rewritten. */
  private rebuild(service: Service, previous: ServiceState | undefined): ServiceState {
    const sameService = previous !== undefined && previous.service.metadata.uid === service.metadata.uid;
    const state: ServiceState = sameService
      ? { ...previous, service }
      : { service, members: new Map(), sliceOf: new Map(), slices: [new Set()], firstWithRoom: 0, dirtySlices: new Set(), endpointsDirty: true, groups: new Map(), listedOf: new Map() };
    // Ports and publishNotReadyAddresses may have changed: every address is listed again.
    state.groups = new Map();
    state.listedOf = new Map();
    const selected = new Set<string>();
    for (const pod of this.store.list<Pod>('Pod', { namespace: service.metadata.namespace })) {
      if (!selectsPod(service, pod)) continue;
      const uid = pod.metadata.uid ?? '';
      selected.add(uid);
      if (state.members.has(uid)) state.members.set(uid, pod);
      else this.add(state, uid, pod);
    }
    for (const uid of [...state.members.keys()]) if (!selected.has(uid)) this.remove(state, uid);
    for (const [uid, pod] of state.members) this.relist(state, uid, pod);
    for (let ordinal = 0; ordinal < state.slices.length; ordinal++) state.dirtySlices.add(ordinal);
    state.endpointsDirty = true;
    return state;
  }

  private refresh(state: ServiceState, uid: string): void {
    const pod = this.store.getByUid<Pod>(uid);
    const selected = pod !== undefined && pod.metadata.namespace === state.service.metadata.namespace && selectsPod(state.service, pod);
    const member = state.members.has(uid);
    if (selected && !member) this.add(state, uid, pod);
    else if (!selected && member) this.remove(state, uid);
    else if (selected) {
      state.members.set(uid, pod);
      state.dirtySlices.add(state.sliceOf.get(uid) ?? 0);
      state.endpointsDirty = true;
      this.relist(state, uid, pod);
    }
  }

  /** Moves a member's Endpoints address to where its pod now belongs, or takes it out. */
  private relist(state: ServiceState, uid: string, pod: Pod | undefined): void {
    const previous = state.listedOf.get(uid);
    const found = pod && listedAddressOf(state.service, pod);
    const key = pod && found ? JSON.stringify(endpointPorts(state.service, pod)) : '';
    // Most pod changes (a restart count, a probe time) leave the address as it was: keep the same entry.
    if (previous && found && previous.key === key && previous.ready === found.ready && sameAddress(previous.listed.address, found.listed.address)) return;
    if (previous) {
      const group = state.groups.get(previous.key)!;
      removeSorted(previous.ready ? group.ready : group.notReady, previous.listed);
      state.listedOf.delete(uid);
    }
    if (!pod || !found) return;
    let group = state.groups.get(key);
    if (!group) state.groups.set(key, (group = { ports: endpointPorts(state.service, pod), ready: [], notReady: [] }));
    insertSorted(found.ready ? group.ready : group.notReady, found.listed);
    state.listedOf.set(uid, { key, ready: found.ready, listed: found.listed });
  }

  private add(state: ServiceState, uid: string, pod: Pod): void {
    let ordinal = state.firstWithRoom;
    while (ordinal < state.slices.length && state.slices[ordinal].size >= MAX_ENDPOINTS_PER_SLICE) ordinal++;
    if (ordinal === state.slices.length) state.slices.push(new Set());
    state.firstWithRoom = ordinal;
    state.slices[ordinal].add(uid);
    state.sliceOf.set(uid, ordinal);
    state.members.set(uid, pod);
    state.dirtySlices.add(ordinal);
    state.endpointsDirty = true;
    this.relist(state, uid, pod);
  }

  private remove(state: ServiceState, uid: string): void {
    const ordinal = state.sliceOf.get(uid) ?? 0;
    state.slices[ordinal]?.delete(uid);
    state.sliceOf.delete(uid);
    state.members.delete(uid);
    this.relist(state, uid, undefined);
    if (ordinal < state.firstWithRoom) state.firstWithRoom = ordinal;
    state.dirtySlices.add(ordinal);
    state.endpointsDirty = true;
  }

  private flush(state: ServiceState): void {
    if (state.endpointsDirty) {
      const keys = [...state.groups.keys()].sort();
      writeEndpoints(this.store, state.service, keys.map((key) => state.groups.get(key)!));
    }
    state.endpointsDirty = false;
    // A Service without endpoints keeps one empty slice, as the controller's placeholder.
    if (state.members.size === 0) state.dirtySlices.add(0);
    for (const ordinal of [...state.dirtySlices].sort((a, b) => a - b)) {
      const pods = [...state.slices[ordinal]].map((uid) => state.members.get(uid)!);
      pods.sort((a, b) => ((a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : (a.metadata.name ?? '') > (b.metadata.name ?? '') ? 1 : 0));
      // An emptied slice is deleted; the first stays, empty, only while the Service has no endpoints at all.
      if (pods.length === 0 && (ordinal > 0 || state.members.size > 0)) removeSlice(this.store, state.service, ordinal);
      else writeSlice(this.store, state.service, ordinal, pods);
    }
    state.dirtySlices.clear();
  }
}

function sameAddress(a: EndpointAddress, b: EndpointAddress): boolean {
  return a.ip === b.ip && a.nodeName === b.nodeName && a.hostname === b.hostname && a.targetRef?.name === b.targetRef?.name && a.targetRef?.uid === b.targetRef?.uid && a.targetRef?.namespace === b.targetRef?.namespace;
}

/** Returns the index at which `entry` sits, or would be inserted, in a list sorted by compareListed. */
function lowerBound(list: ListedAddress[], entry: ListedAddress): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (compareListed(list[middle], entry) < 0) low = middle + 1;
    else high = middle;
  }
  return low;
}

function insertSorted(list: ListedAddress[], entry: ListedAddress): void {
  list.splice(lowerBound(list, entry), 0, entry);
}

function removeSorted(list: ListedAddress[], entry: ListedAddress): void {
  const index = lowerBound(list, entry);
  if (list[index]?.uid === entry.uid) list.splice(index, 1);
}
