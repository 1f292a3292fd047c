/**
 * The controllers' work queue. The real controllers learn of changes through
 * informers whose event handlers queue the key of the object to sync. A pod
 * queues its controller and a ReplicaSet its Deployment. An orphan queues
 * every controller of its namespace that might adopt it, a Node every
 * DaemonSet.
 * This queue does the same from the store's watch. A pass syncs an object
 * when it reaches it with work queued, so a change made earlier in the same
 * pass is seen, as it would be by a pass that synced every object.
 */
import type { KubeObject } from '../../api/v1.js';
import type { ObjectStore, WatchEvent } from '../store/object-store.js';
import { controllerOf } from './context.js';

/** The kinds whose controllers sync through this queue. */
const CONTROLLER_KINDS = ['Deployment', 'ReplicaSet', 'ReplicationController', 'Job', 'DaemonSet', 'StatefulSet'];
const CONTROLLER_KIND_SET = new Set(CONTROLLER_KINDS);

export class WorkQueue {
  private readonly queued = new Set<string>();
  /** Labels and deletion state of each orphan, to tell a change that could lead to adoption from a status update. */
  private readonly orphanState = new Map<string, string>();

  constructor(private readonly store: ObjectStore) {
    store.watch((event) => this.observe(event));
  }

  /** Reports whether `object` has work queued, and takes that work off the queue. */
  claim(object: KubeObject): boolean {
    return this.queued.delete(object.metadata.uid ?? '');
  }

  private observe(event: WatchEvent): void {
    const object = event.object;
    const uid = object.metadata.uid ?? '';
    const namespace = object.metadata.namespace;
    if (object.kind === 'Node') for (const daemonSet of this.store.list('DaemonSet')) this.queued.add(daemonSet.metadata.uid ?? '');
    if (CONTROLLER_KIND_SET.has(object.kind) && event.type !== 'DELETED') this.queued.add(uid);
    const owner = controllerOf(object);
    if (owner) {
      this.orphanState.delete(uid);
      this.queued.add(owner.uid);
      // A Deployment waits for the pods of its old ReplicaSets (Recreate), so a pod also queues its owner's owner.
      const ownerObject = object.kind === 'Pod' ? this.store.getByUid(owner.uid) : undefined;
      const above = ownerObject && controllerOf(ownerObject);
      if (above) this.queued.add(above.uid);
      return;
    }
    if (namespace === undefined || (object.kind !== 'Pod' && !CONTROLLER_KIND_SET.has(object.kind))) return;
    if (event.type === 'DELETED') {
      this.orphanState.delete(uid);
      return;
    }
    const state = `${JSON.stringify(object.metadata.labels ?? {})}${object.metadata.deletionTimestamp ? ' deleting' : ''}`;
    if (this.orphanState.get(uid) === state) return;
    this.orphanState.set(uid, state);
    for (const kind of CONTROLLER_KINDS) for (const controller of this.store.list(kind, { namespace })) this.queued.add(controller.metadata.uid ?? '');
  }
}
