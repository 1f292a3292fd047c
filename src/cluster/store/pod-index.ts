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

interface Indexed {
  pod: Pod;
  namespace: string;
  /** uid of the controlling owner, or '' for an orphan. */
  controller: string;
  /** spec.nodeName, or '' while unbound. */
  boundTo: string;
  /** The node whose resources the pod uses (bound and not terminal), or ''. */
  holds: string;
}

export class PodIndex implements NodeUsageLookup {
  private readonly entries = new Map<string, Indexed>();
  private readonly byController = new Map<string, Map<string, Pod>>();
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
    const holds = boundTo !== '' && !isTerminal(pod) ? boundTo : '';
    if (previous && previous.controller !== controller) this.unlink(uid, previous);
    this.link(uid, pod, namespace, controller);
    if (previous?.holds !== holds) {
      if (previous && previous.holds !== '') this.release(previous.holds, previous.pod);
      if (holds !== '') addToUsage(this.usageOf(holds), pod, 1);
    }
    if (boundTo !== '' && (previous?.boundTo ?? '') === '') this.newlyBound.set(uid, pod);
    if (boundTo === '' && pod.metadata.deletionTimestamp === undefined) this.unbound.set(uid, pod);
    else this.unbound.delete(uid);
    this.entries.set(uid, { pod, namespace, controller, boundTo, holds });
  }

  private forget(uid: string, entry: Indexed): void {
    this.unlink(uid, entry);
    if (entry.holds !== '') this.release(entry.holds, entry.pod);
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
