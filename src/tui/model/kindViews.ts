/**
 * The resource views of the `:` command line besides pods: which kinds they
 * list, and what `d` describes with the printers `podsim describe` uses.
 * Where `enter` drills to is in scopes.ts.
 */
import type { Deployment, ReplicaSet } from '../../api/apps.js';
import type { Job } from '../../api/batch.js';
import type { Endpoints, Node, Service } from '../../api/core.js';
import type { Event, KubeObject } from '../../api/v1.js';
import { isNamespaced } from '../../cluster/store/resources.js';
import { describeDeployment, describeJob, describeNode, describeReplicaSet, describeService } from '../../printers/resources/index.js';
import type { NodeLease } from '../../printers/resources/describeNode.js';
import type { SimulationSource } from '../simulationSource.js';
import { objectKeyOf, type ResourceIndex } from './resourceIndex.js';

/** One `:` resource view. */
export interface KindView {
  kind: string;
  /** Command words; the first is the one the help screen shows. */
  aliases: readonly string[];
  /** Lower-case plural, for the title line (`deployments(default)[2]`). */
  plural: string;
}

export const KIND_VIEWS: readonly KindView[] = [
  { kind: 'Deployment', aliases: ['deploy', 'deployments', 'deployment'], plural: 'deployments' },
  { kind: 'ReplicaSet', aliases: ['rs', 'replicasets', 'replicaset'], plural: 'replicasets' },
  { kind: 'ReplicationController', aliases: ['rc', 'replicationcontrollers', 'replicationcontroller'], plural: 'replicationcontrollers' },
  { kind: 'Job', aliases: ['jobs', 'job'], plural: 'jobs' },
  { kind: 'DaemonSet', aliases: ['ds', 'daemonsets', 'daemonset'], plural: 'daemonsets' },
  { kind: 'StatefulSet', aliases: ['sts', 'statefulsets', 'statefulset'], plural: 'statefulsets' },
  { kind: 'Service', aliases: ['svc', 'services', 'service'], plural: 'services' },
  { kind: 'Endpoints', aliases: ['ep', 'endpoints'], plural: 'endpoints' },
  { kind: 'Node', aliases: ['nodes', 'node', 'no'], plural: 'nodes' },
  { kind: 'Namespace', aliases: ['namespaces'], plural: 'namespaces' },
];

export function kindView(kind: string): KindView | undefined {
  return KIND_VIEWS.find((view) => view.kind === kind);
}

/** Kinds with a `kubectl describe` printer (the same set as `podsim describe`). */
export const DESCRIBED_KINDS: ReadonlySet<string> = new Set(['Deployment', 'ReplicaSet', 'Job', 'Node', 'Service']);

/** Kinds `kubectl scale` accepts, and thus the `s` key. */
export const SCALABLE_KINDS: ReadonlySet<string> = new Set(['Deployment', 'ReplicaSet', 'ReplicationController', 'StatefulSet']);

/** Whether a kind's objects live in a namespace. */
export function kindIsNamespaced(kind: string): boolean {
  return isNamespaced(kind);
}

/** Returns the events kubectl describe finds for an object. It matches them by uid, which for a Node is the node's name. */
function eventsOf(simulation: SimulationSource, object: KubeObject): Event[] {
  const uid = object.kind === 'Node' ? object.metadata.name : object.metadata.uid;
  return simulation.events().filter((event) => event.involvedObject.kind === object.kind && event.involvedObject.uid === uid);
}

/**
 * Builds the node's kube-node-lease Lease, as cli/describe-resources.ts does:
 * podsim stores no Lease, and a running kubelet renews it every 10 s.
 * NOTE: a failed node shows its Ready condition's last heartbeat as RenewTime.
 */
function leaseOf(node: Node, nowMs: number): NodeLease {
  const ready = node.status?.conditions?.find((condition) => condition.type === 'Ready');
  const renewTime = ready?.status === 'True' ? new Date(Math.floor(nowMs / 1000) * 1000).toISOString().replace('.000Z', 'Z') : ready?.lastHeartbeatTime;
  return { holderIdentity: node.metadata.name, renewTime };
}

/**
 * Returns the `kubectl describe` text of an object of a DESCRIBED_KINDS kind,
 * with ages measured at `nowMs` (Unix ms). Mirrors `describeObject` of
 * cli/describe-resources.ts, which takes the full Simulation.
 */
export function describeResource(simulation: SimulationSource, resources: ResourceIndex, object: KubeObject, nowMs: number): string {
  const events = eventsOf(simulation, object);
  const namespace = object.metadata.namespace;
  switch (object.kind) {
    case 'Deployment':
      return describeDeployment(object as Deployment, resources.list('ReplicaSet', namespace) as ReplicaSet[], events, nowMs);
    case 'ReplicaSet': {
      const pods = simulation.pods().filter((pod) => pod.metadata.namespace === namespace);
      return describeReplicaSet(object as ReplicaSet, pods, events, nowMs);
    }
    case 'Job':
      return describeJob(object as Job, events, nowMs);
    case 'Service':
      return describeService(object as Service, resources.get('Endpoints', objectKeyOf(object)) as Endpoints | undefined, events, nowMs);
    case 'Node': {
      const pods = simulation.pods().filter((pod) => pod.spec.nodeName === object.metadata.name && pod.status?.phase !== 'Succeeded' && pod.status?.phase !== 'Failed');
      return describeNode(object as Node, leaseOf(object as Node, simulation.epochMs + simulation.nowMs), pods, events, nowMs);
    }
    default:
      throw new Error(`no describe printer for kind ${object.kind}`);
  }
}
