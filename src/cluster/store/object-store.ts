/**
 * The simulated API server's storage: every object of every kind, keyed by
 * kind, namespace and name, with the metadata the API server maintains
 * (uid, resourceVersion, generation, creationTimestamp). Reads return the
 * stored object itself; a caller changes a copy or the object and writes it
 * back with `update` or `updateStatus`, which bump resourceVersion and notify
 * watchers synchronously.
 */
import type { KubeObject } from '../../api/v1.js';
import { formatRfc3339 } from '../../kubelet/time.js';
import { matchesSelector, type Selector } from '../labels.js';
import { deterministicUid } from '../uid.js';
import { alreadyExists, notFound } from './errors.js';
import { isNamespaced, resourceForKind } from './resources.js';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface WatchEvent {
  type: WatchEventType;
  /** The object after the change; for DELETED, its last state. */
  object: KubeObject;
}

export interface ListOptions {
  /** Only objects in this namespace; undefined lists every namespace. */
  namespace?: string;
  /** Only objects whose labels match. */
  selector?: Selector;
  /** Only objects with an ownerReference to this uid. */
  ownerUid?: string;
}

export interface ObjectStoreOptions {
  /** Seed mixed into every uid. */
  seed: number;
  /** Wall-clock time of simulated time 0, in Unix ms. */
  epochMs: number;
  /** Current simulated time in ms. */
  now: () => number;
}

/** Kinds whose metadata.generation counts spec changes. Pods have none in v1.31. */
const GENERATION_KINDS = new Set([
  'Deployment',
  'ReplicaSet',
  'ReplicationController',
  'DaemonSet',
  'StatefulSet',
  'Job',
  'CronJob',
  'EndpointSlice',
  'PodDisruptionBudget',
]);

interface Entry {
  object: KubeObject;
  /** JSON of the spec at the last write, to detect spec changes ('' for kinds without a generation). */
  specJson: string;
}

export function objectKey(kind: string, namespace: string | undefined, name: string): string {
  return `${kind}/${namespace ?? ''}/${name}`;
}

/** JSON of everything outside metadata and status, for the kinds whose generation counts spec changes. */
function specOf(object: KubeObject): string {
  if (!GENERATION_KINDS.has(object.kind)) return '';
  const { apiVersion: _a, kind: _k, metadata: _m, status: _s, ...rest } = object;
  return JSON.stringify(rest);
}

/** Orders by namespace then name, by code unit, as etcd keys are ordered. */
export function compareObjects(a: KubeObject, b: KubeObject): number {
  const left = `${a.metadata.namespace ?? ''}/${a.metadata.name ?? ''}`;
  const right = `${b.metadata.namespace ?? ''}/${b.metadata.name ?? ''}`;
  return left < right ? -1 : left > right ? 1 : 0;
}

export class ObjectStore {
  private readonly entries = new Map<string, Entry>();
  /** Each kind's objects sorted as list() returns them; dropped when an object of the kind is added, replaced or removed. */
  private readonly sortedByKind = new Map<string, KubeObject[]>();
  private readonly keysByUid = new Map<string, string>();
  private readonly listeners = new Set<(event: WatchEvent) => void>();
  private resourceVersion = 1;
  private serial = 0;

  constructor(private readonly options: ObjectStoreOptions) {}

  /** Current simulated time in ms. */
  get nowMs(): number {
    return this.options.now();
  }

  /** RFC 3339 wall-clock text of a simulated time. */
  timestamp(simMs: number = this.options.now()): string {
    return formatRfc3339(simMs, this.options.epochMs);
  }

  /** Simulated ms of an RFC 3339 timestamp written by this store. */
  simMsOf(timestamp: string | undefined): number | undefined {
    if (!timestamp) return undefined;
    const ms = Date.parse(timestamp);
    return Number.isNaN(ms) ? undefined : ms - this.options.epochMs;
  }

  /** The latest resourceVersion handed out, as a list's metadata.resourceVersion. */
  get currentResourceVersion(): string {
    return String(this.resourceVersion - 1);
  }

  /** Registers a watcher of every change; returns the function that removes it. */
  watch(listener: (event: WatchEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Stores a new object and fills in uid, resourceVersion, generation,
   * creationTimestamp and (for namespaced kinds) the namespace `default`;
   * `prepare` runs once the uid is set and before the object is stored.
   * @throws ApiError AlreadyExists when an object with that name exists.
   */
  create<T extends KubeObject>(object: T, prepare?: (object: T) => void): T {
    const meta = object.metadata;
    const name = meta.name ?? '';
    if (isNamespaced(object.kind)) meta.namespace ||= 'default';
    else delete meta.namespace;
    const key = objectKey(object.kind, meta.namespace, name);
    if (this.entries.has(key)) throw alreadyExists(pluralOf(object.kind), name);

    meta.uid = deterministicUid(this.options.seed, meta.namespace ?? '', `${object.kind}/${name}`, this.serial++);
    meta.resourceVersion = String(this.resourceVersion++);
    meta.creationTimestamp = this.timestamp();
    if (GENERATION_KINDS.has(object.kind)) meta.generation = 1;
    // Strategy hooks that need the uid (a Job's generated selector) run before the object is stored.
    prepare?.(object);

    this.entries.set(key, { object, specJson: specOf(object) });
    this.sortedByKind.delete(object.kind);
    this.keysByUid.set(meta.uid, key);
    this.emit({ type: 'ADDED', object });
    return object;
  }

  get<T extends KubeObject = KubeObject>(kind: string, namespace: string | undefined, name: string): T | undefined {
    const scoped = isNamespaced(kind) ? (namespace ?? 'default') : undefined;
    return this.entries.get(objectKey(kind, scoped, name))?.object as T | undefined;
  }

  getByUid<T extends KubeObject = KubeObject>(uid: string): T | undefined {
    const key = this.keysByUid.get(uid);
    return key === undefined ? undefined : (this.entries.get(key)?.object as T | undefined);
  }

  /** Lists objects of one kind, sorted by namespace then name. */
  list<T extends KubeObject = KubeObject>(kind: string, options: ListOptions = {}): T[] {
    const result: T[] = [];
    for (const object of this.sortedOfKind(kind)) {
      if (options.namespace !== undefined && object.metadata.namespace !== options.namespace) continue;
      if (options.selector && !matchesSelector(options.selector, object.metadata.labels)) continue;
      if (options.ownerUid !== undefined && !(object.metadata.ownerReferences ?? []).some((ref) => ref.uid === options.ownerUid)) continue;
      result.push(object as T);
    }
    return result;
  }

  private sortedOfKind(kind: string): KubeObject[] {
    let sorted = this.sortedByKind.get(kind);
    if (sorted) return sorted;
    const keyed: [string, KubeObject][] = [];
    for (const { object } of this.entries.values()) {
      if (object.kind === kind) keyed.push([`${object.metadata.namespace ?? ''}/${object.metadata.name ?? ''}`, object]);
    }
    keyed.sort(([left], [right]) => (left < right ? -1 : left > right ? 1 : 0));
    sorted = keyed.map(([, object]) => object);
    this.sortedByKind.set(kind, sorted);
    return sorted;
  }

  /** Returns every stored object of every kind. */
  all(): KubeObject[] {
    return [...this.entries.values()].map((entry) => entry.object);
  }

  /**
   * Writes a changed object back: a new resourceVersion, and generation + 1
   * when anything outside metadata and status changed. Returns false (and
   * writes nothing) when nothing changed at all.
   * @throws ApiError NotFound when the object is not stored.
   */
  update<T extends KubeObject>(object: T): boolean {
    const entry = this.requireEntry(object);
    const specJson = specOf(object);
    const before = JSON.stringify(entry.object === object ? undefined : entry.object);
    if (entry.object !== object) {
      // A replacement object keeps the server-owned metadata of the stored one.
      object.metadata.uid = entry.object.metadata.uid;
      object.metadata.creationTimestamp = entry.object.metadata.creationTimestamp;
      object.metadata.generation = entry.object.metadata.generation;
      object.metadata.resourceVersion = entry.object.metadata.resourceVersion;
      if (before === JSON.stringify(object)) return false;
    }
    if (specJson !== entry.specJson && object.metadata.generation !== undefined) {
      object.metadata.generation += 1;
    }
    if (entry.object !== object) this.sortedByKind.delete(object.kind);
    entry.object = object;
    entry.specJson = specJson;
    object.metadata.resourceVersion = String(this.resourceVersion++);
    this.emit({ type: 'MODIFIED', object });
    return true;
  }

  /**
   * Replaces only the status of the stored object (the `/status`
   * subresource); returns false when the status is unchanged.
   */
  updateStatus<T extends KubeObject>(object: T, status: unknown): boolean {
    const entry = this.requireEntry(object);
    if (entry.object.status === status) return false;
    if (JSON.stringify(entry.object.status ?? null) === JSON.stringify(status ?? null)) return false;
    entry.object.status = status;
    entry.object.metadata.resourceVersion = String(this.resourceVersion++);
    this.emit({ type: 'MODIFIED', object: entry.object });
    return true;
  }

  /** Removes an object at once; returns it, or undefined when it was not stored. */
  remove(kind: string, namespace: string | undefined, name: string): KubeObject | undefined {
    const scoped = isNamespaced(kind) ? (namespace ?? 'default') : undefined;
    const key = objectKey(kind, scoped, name);
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    this.sortedByKind.delete(kind);
    this.keysByUid.delete(entry.object.metadata.uid ?? '');
    entry.object.metadata.resourceVersion = String(this.resourceVersion++);
    this.emit({ type: 'DELETED', object: entry.object });
    return entry.object;
  }

  private requireEntry(object: KubeObject): Entry {
    const entry = this.entries.get(objectKey(object.kind, isNamespaced(object.kind) ? (object.metadata.namespace ?? 'default') : undefined, object.metadata.name ?? ''));
    if (!entry) throw notFound(pluralOf(object.kind), object.metadata.name ?? '');
    return entry;
  }

  private emit(event: WatchEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}

/** Returns the plural resource name used in API error messages (`pods "x" not found`). */
export function pluralOf(kind: string): string {
  const info = resourceForKind(kind);
  if (!info) return `${kind.toLowerCase()}s`;
  return info.group ? `${info.plural}.${info.group}` : info.plural;
}
