/**
 * Indexes of the stored pods that controllers and the scheduler read on every
 * pass: pods by controller, orphans by namespace, pods waiting for a node,
 * and the summed requests of the pods on each node. The store's watch keeps
 * them current, so a pass reads what it needs instead of walking every pod,
 * as informer indexers do in the real controllers.
 */
import type { Pod } from '../../api/v1.js';
import { controllerOf } from '../controllers/context.js';
import { isTerminal } from '../controllers/pod-state.js';
import { addToUsage, emptyUsage, type NodeUsage, type NodeUsageLookup } from '../scheduler/scheduler.js';
import type { ObjectStore, WatchEvent } from './object-store.js';

/** Counts over the pods one controller owns, kept as pods change. */
export interface OwnedPodCounts {
  /** Pods neither finished nor being deleted (controller.IsPodActive). */
  active: number;
  /** Active pods whose Ready condition is True. */
  ready: number;
  /** Active pods by their label set (JSON), with one copy of the labels. */
  labelSets: Map<string, { labels: Record<string, string>; active: number; all: number }>;
}

interface Indexed {
  pod: Pod;
  /** Counted as active, ready, and under which label set, for OwnedPodCounts. */
  active: boolean;
  ready: boolean;
  labelsKey: string;
  namespace: string;
  /** uid of the controlling owner, or '' for an orphan. */
  controller: string;
  /** spec.nodeName, or '' while unbound. */
  boundTo: string;
  /** The node whose resources the pod uses (bound and not terminal), or ''. */
  usesNode: string;
}

export class PodIndex implements NodeUsageLookup {
  private readonly entries = new Map<string, Indexed>();
  private readonly byController = new Map<string, Map<string, Pod>>();
  private readonly countsByController = new Map<string, OwnedPodCounts>();
  private readonly orphansByNamespace = new Map<string, Map<string, Pod>>();
  private readonly usageByNode = new Map<string, NodeUsage>();
  /** Pods with no node and no deletionTimestamp, in creation order. */
  readonly unbound = new Map<string, Pod>();
  /** Pods that were created with, or gained, a node since the control plane last took them. */
  private newlyBound = new Map<string, Pod>();
  private generation = 0;

  constructor(store: ObjectStore) {
    store.watch((event) => this.observe(event));
  }

  /**
   * Grows whenever a pending pod could newly fit somewhere: a node was added,
   * changed or removed, or a pod gave its node's resources back (removed or
   * finished). A pod that did not fit at one value still does not fit while
   * the value stays the same, as the scheduler's queueing hints assume.
   */
  get capacityGeneration(): number {
    return this.generation;
  }

  /** Returns the pods whose controlling ownerReference names `ownerUid`, in the order they were first indexed. */
  controlledBy(ownerUid: string): Pod[] {
    const pods = this.byController.get(ownerUid);
    return pods ? [...pods.values()] : [];
  }

  /** Returns the counts over the pods `ownerUid` controls. */
  countsFor(ownerUid: string): OwnedPodCounts {
    return this.countsByController.get(ownerUid) ?? { active: 0, ready: 0, labelSets: new Map() };
  }

  /** Returns the pods in `namespace` that no controller owns. */
  orphansIn(namespace: string): Pod[] {
    const pods = this.orphansByNamespace.get(namespace);
    return pods ? [...pods.values()] : [];
  }

  /** Returns the summed requests of the pods that use `nodeName`'s resources. */
  get(nodeName: string): NodeUsage | undefined {
    return this.usageByNode.get(nodeName);
  }

  /** Returns the pods bound since the last call and clears the list. */
  takeNewlyBound(): Pod[] {
    const pods = [...this.newlyBound.values()];
    this.newlyBound = new Map();
    return pods;
  }

  private observe(event: WatchEvent): void {
    const object = event.object;
    if (object.kind === 'Node') {
      this.generation += 1;
      return;
    }
    if (object.kind !== 'Pod') return;
    const pod = object as Pod;
    const uid = pod.metadata.uid ?? '';
    const previous = this.entries.get(uid);
    if (event.type === 'DELETED') {
      if (previous) this.forget(uid, previous);
      return;
    }
    const namespace = pod.metadata.namespace ?? 'default';
    const controller = controllerOf(pod)?.uid ?? '';
    const boundTo = pod.spec.nodeName ?? '';
    const usesNode = boundTo !== '' && !isTerminal(pod) ? boundTo : '';
    if (previous && previous.controller !== controller) this.unlink(uid, previous);
    this.link(uid, pod, namespace, controller);

    const active = !isTerminal(pod) && pod.metadata.deletionTimestamp === undefined;
    const ready = active && pod.status?.conditions?.some((condition) => condition.type === 'Ready' && condition.status === 'True') === true;
    const labelsKey = JSON.stringify(pod.metadata.labels ?? {});
    if (previous) this.count(previous.controller, previous, -1);
    const entry: Indexed = { pod, namespace, controller, boundTo, usesNode, active, ready, labelsKey };
    this.count(controller, entry, 1);

    if (previous?.usesNode !== usesNode) {
      if (previous && previous.usesNode !== '') this.release(previous.usesNode, previous.pod);
      if (usesNode !== '') addToUsage(this.usageOf(usesNode), pod, 1);
    }

    if (boundTo !== '' && (previous?.boundTo ?? '') === '') this.newlyBound.set(uid, pod);
    if (boundTo === '' && pod.metadata.deletionTimestamp === undefined) this.unbound.set(uid, pod);
    else this.unbound.delete(uid);
    this.entries.set(uid, entry);
  }

  /** Adds an indexed pod's facts to its controller's counts (sign 1) or takes them away (sign -1). */
  private count(controller: string, entry: Indexed, sign: 1 | -1): void {
    if (controller === '') return;
    let counts = this.countsByController.get(controller);
    if (!counts) this.countsByController.set(controller, (counts = { active: 0, ready: 0, labelSets: new Map() }));
    if (entry.active) counts.active += sign;
    if (entry.ready) counts.ready += sign;
    let set = counts.labelSets.get(entry.labelsKey);
    if (!set) counts.labelSets.set(entry.labelsKey, (set = { labels: { ...(entry.pod.metadata.labels ?? {}) }, active: 0, all: 0 }));
    set.all += sign;
    if (entry.active) set.active += sign;
    if (set.all === 0) counts.labelSets.delete(entry.labelsKey);
    if (counts.labelSets.size === 0) this.countsByController.delete(controller);
  }

  private forget(uid: string, entry: Indexed): void {
    this.unlink(uid, entry);
    this.count(entry.controller, entry, -1);
    if (entry.usesNode !== '') this.release(entry.usesNode, entry.pod);
    this.unbound.delete(uid);
    this.newlyBound.delete(uid);
    this.entries.delete(uid);
  }

  private link(uid: string, pod: Pod, namespace: string, controller: string): void {
    const group = controller === '' ? this.orphansByNamespace : this.byController;
    const key = controller === '' ? namespace : controller;
    let pods = group.get(key);
    if (!pods) group.set(key, (pods = new Map()));
    // Setting an existing key keeps its place, so the order stays the order of first indexing.
    pods.set(uid, pod);
  }

  private unlink(uid: string, entry: Indexed): void {
    const group = entry.controller === '' ? this.orphansByNamespace : this.byController;
    const key = entry.controller === '' ? entry.namespace : entry.controller;
    const pods = group.get(key);
    if (!pods) return;
    pods.delete(uid);
    if (pods.size === 0) group.delete(key);
  }

  private release(nodeName: string, pod: Pod): void {
    addToUsage(this.usageOf(nodeName), pod, -1);
    this.generation += 1;
  }

  private usageOf(nodeName: string): NodeUsage {
    let usage = this.usageByNode.get(nodeName);
    if (!usage) this.usageByNode.set(nodeName, (usage = emptyUsage()));
    return usage;
  }
}
