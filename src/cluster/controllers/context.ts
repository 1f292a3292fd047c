/**
 * What a controller may do: read and write the store, create and delete pods
 * through the API rules, record events and ask to be woken at a later
 * simulated time. The ControlPlane implements it.
 */
import type { KubeObject, OwnerReference, Pod } from '../../api/v1.js';
import type { ObjectStore } from '../store/object-store.js';
import type { OwnedPodCounts } from '../store/pod-index.js';

export type EventType = 'Normal' | 'Warning';

/** An event about any object, as a controller, the scheduler or the API server records it. */
export interface ClusterEvent {
  type: EventType;
  reason: string;
  message: string;
  /** Reporting component, e.g. `deployment-controller`, `default-scheduler`. */
  component: string;
  involvedObject: { apiVersion: string; kind: string; namespace?: string; name: string; uid: string };
  /** Simulated time in ms. */
  timeMs: number;
}

export interface ControllerContext {
  readonly store: ObjectStore;
  /** Current simulated time in ms. */
  readonly nowMs: number;
  /**
   * Creates a pod from a template through admission and defaulting. Returns
   * the stored pod, or undefined when admission rejected it (the reason is
   * recorded as a FailedCreate event on the owner).
   */
  createPod(pod: Pod, owner: KubeObject): Pod | undefined;
  /** Deletes a pod gracefully, as the API server does for a controller's delete call. */
  deletePod(pod: Pod, gracePeriodSeconds?: number): void;
  /** Records an event about `object`. */
  recordEvent(object: KubeObject, type: EventType, reason: string, message: string, component: string): void;
  /** Returns a 5-character name suffix from the seeded generator (apimachinery `rand.String(5)`). */
  randomSuffix(): string;
  /** Asks for a reconcile at or after `timeMs` (minReadySeconds, deadlines, backoff). */
  wakeAt(timeMs: number): void;
  /** Returns the pods whose controlling ownerReference names `ownerUid`. */
  podsControlledBy(ownerUid: string): Pod[];
  /** Returns the pods in `namespace` that no controller owns. */
  orphanPods(namespace: string): Pod[];
  /**
   * Takes one request from the rate limit of `client` (a controller's or the
   * scheduler's API client). When none is left, returns false and sets a
   * wake-up for the time the next one is available.
   */
  takeApiToken(client: 'controller-manager' | 'scheduler', component: string): boolean;
  /**
   * Returns the simulated time until which a controller that used its whole
   * burst on `ownerUid` waits before creating or deleting more: the real
   * controller waits until its informer has seen every pod it created or
   * deleted (its expectations). Returns 0 when it may act now.
   */
  burstEndsMs(ownerUid: string): number;
  /** Records that a controller used its whole burst on `ownerUid` now. */
  burstUsed(ownerUid: string): void;
  /** Returns counts over the pods `ownerUid` controls, kept current as pods change. */
  podCounts(ownerUid: string): OwnedPodCounts;
}

/** An ownerReference with controller=true and blockOwnerDeletion=true, as controllers set it. */
export function controllerRef(owner: KubeObject): OwnerReference {
  return {
    apiVersion: owner.apiVersion,
    kind: owner.kind,
    name: owner.metadata.name ?? '',
    uid: owner.metadata.uid ?? '',
    controller: true,
    blockOwnerDeletion: true,
  };
}

/** The ownerReference marked controller=true, if any. */
export function controllerOf(object: KubeObject): OwnerReference | undefined {
  return (object.metadata.ownerReferences ?? []).find((ref) => ref.controller === true);
}
