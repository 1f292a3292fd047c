/**
 * Drill-down with `enter`: a Deployment lists its ReplicaSets, and a
 * ReplicaSet, ReplicationController, Job, DaemonSet, StatefulSet, Service or
 * Node lists its pods. The list is scoped to the
 * object it was opened from, which is looked up again by kind and key on
 * every frame, so it follows the object as it changes.
 */
import type { Service } from '../../api/core.js';
import type { KubeObject } from '../../api/v1.js';
import { controllerOf } from '../../cluster/controllers/context.js';
import type { PodScopePredicate } from './podList.js';
import type { ResourceIndex } from './resourceIndex.js';

/** The object a drilled-down list is limited to. */
export interface ObjectScope {
  kind: string;
  /** `namespace/name` of the object (its name for a Node). */
  key: string;
}

/** The kind of list that `enter` opens on an object of each kind. Kinds missing here have no drill-down. */
export const DRILL_TARGETS: Readonly<Record<string, 'ReplicaSet' | 'Pod'>> = {
  Deployment: 'ReplicaSet',
  ReplicaSet: 'Pod',
  ReplicationController: 'Pod',
  Job: 'Pod',
  DaemonSet: 'Pod',
  StatefulSet: 'Pod',
  Service: 'Pod',
  Node: 'Pod',
};

/**
 * Returns which pods a scoped pod list shows, or undefined when the scope's
 * object is gone: the pods a Service selects, the pods bound to a Node, or
 * the pods whose controller ownerReference is the object.
 */
export function podScopePredicate(scope: ObjectScope, resources: ResourceIndex): PodScopePredicate | undefined {
  const object = resources.get(scope.kind, scope.key);
  if (!object) return undefined;
  const uid = object.metadata.uid;
  const namespace = object.metadata.namespace;
  switch (scope.kind) {
    case 'Service': {
      const selector = Object.entries((object as Service).spec.selector ?? {});
      const fingerprint = `Service ${namespace} ${JSON.stringify(selector)}`;
      // A Service without a selector picks no pods; its Endpoints are managed by hand.
      if (selector.length === 0) return { fingerprint, matches: () => false };
      return { fingerprint, matches: (pod) => pod.metadata.namespace === namespace && selector.every(([key, value]) => pod.metadata.labels?.[key] === value) };
    }
    case 'Node':
      return { fingerprint: `Node ${object.metadata.name}`, matches: (pod) => pod.spec.nodeName === object.metadata.name };
    default:
      return { fingerprint: `${scope.kind} ${uid}`, matches: (pod) => pod.metadata.namespace === namespace && controllerOf(pod)?.uid === uid };
  }
}

/** Returns which objects a scoped resource list shows (those the scope's object controls), or undefined when the object is gone. */
export function resourceScopePredicate(scope: ObjectScope, resources: ResourceIndex): ((object: KubeObject) => boolean) | undefined {
  const owner = resources.get(scope.kind, scope.key);
  if (!owner) return undefined;
  const uid = owner.metadata.uid;
  const namespace = owner.metadata.namespace;
  return (object) => object.metadata.namespace === namespace && controllerOf(object)?.uid === uid;
}

/** Names the scope's object as kubectl does: `deployment/web`. */
export function scopeTitle(scope: ObjectScope): string {
  return `${scope.kind.toLowerCase()}/${scope.key.split('/').pop()}`;
}
