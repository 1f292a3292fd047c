/**
 * The stored objects other than Pods, kept current from the control plane's
 * store watch, grouped by kind. A view of one kind reads its small map
 * instead of listing the store, which scans every object (100k pods in a
 * large fleet) on each call.
 */
import type { KubeObject } from '../../api/v1.js';
import { compareObjects } from '../../cluster/store/object-store.js';
import type { ControlPlaneSource, StoreChange } from '../simulationSource.js';

/** `namespace/name` of a namespaced object, or the name of a cluster-scoped one. */
export function objectKeyOf(object: KubeObject): string {
  const name = object.metadata.name ?? '';
  return object.metadata.namespace ? `${object.metadata.namespace}/${name}` : name;
}

interface KindEntries {
  objects: Map<string, KubeObject>;
  /** Increments on every change of an object of this kind. */
  version: number;
  /** The sorted list as of `sortedVersion`. */
  sorted: KubeObject[];
  sortedVersion: number;
}

export class ResourceIndex {
  private readonly kinds = new Map<string, KindEntries>();
  private readonly unsubscribe: () => void;

  constructor(controlPlane: ControlPlaneSource) {
    for (const kind of INDEXED_KINDS) for (const object of controlPlane.store.list(kind)) this.record({ type: 'ADDED', object });
    this.unsubscribe = controlPlane.store.watch((change) => this.record(change));
  }

  stop(): void {
    this.unsubscribe();
  }

  /** Returns the version of a kind's list: it changes whenever an object of that kind does. */
  version(kind: string): number {
    return this.kinds.get(kind)?.version ?? 0;
  }

  /** Returns the objects of a kind, sorted by namespace then name, in `namespace` when given. */
  list(kind: string, namespace?: string): KubeObject[] {
    const entries = this.kinds.get(kind);
    if (!entries) return [];
    if (entries.sortedVersion !== entries.version) {
      entries.sorted = [...entries.objects.values()].sort(compareObjects);
      entries.sortedVersion = entries.version;
    }
    if (namespace === undefined) return entries.sorted;
    return entries.sorted.filter((object) => object.metadata.namespace === undefined || object.metadata.namespace === namespace);
  }

  /** Looks an object up by kind and `namespace/name` (or name, for cluster-scoped kinds). */
  get(kind: string, key: string): KubeObject | undefined {
    return this.kinds.get(kind)?.objects.get(key);
  }

  private record(change: StoreChange): void {
    const kind = change.object.kind;
    if (!INDEXED_KINDS.has(kind)) return;
    let entries = this.kinds.get(kind);
    if (!entries) {
      entries = { objects: new Map(), version: 0, sorted: [], sortedVersion: -1 };
      this.kinds.set(kind, entries);
    }
    const key = objectKeyOf(change.object);
    if (change.type === 'DELETED') entries.objects.delete(key);
    else entries.objects.set(key, change.object);
    entries.version++;
  }
}

/** The kinds the UI lists; Pods have their own index (podIndex.ts). */
const INDEXED_KINDS = new Set(['Deployment', 'ReplicaSet', 'ReplicationController', 'Job', 'DaemonSet', 'StatefulSet', 'Service', 'Endpoints', 'Node', 'Namespace']);
