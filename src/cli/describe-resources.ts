/**
 * `podsim describe KIND [NAME...]` for deployments, replicasets, jobs, nodes
 * and services: `kubectl describe` at `--at`, Events included. Pods go
 * through describe-pod.ts.
 */
import type { Deployment, ReplicaSet } from '../api/apps.js';
import type { Job } from '../api/batch.js';
import type { Endpoints, Node, Service } from '../api/core.js';
import type { Event, KubeObject, Pod } from '../api/v1.js';
import type { Simulation } from '../cluster/simulation.js';
import { pluralOf } from '../cluster/store/object-store.js';
import { noResourcesFoundMessage } from '../printers/index.js';
import { describeDeployment, describeJob, describeNode, describeReplicaSet, describeService } from '../printers/resources/index.js';
import type { NodeLease } from '../printers/resources/describeNode.js';
import { resolveResourceList, selectObjects } from './get-resources.js';
import type { CommandIO } from './io.js';
import { UsageError, type CommonOptions } from './options.js';
import { loadObjects, simulate } from './scenario.js';

/** Kinds `podsim describe` prints besides Pods. */
export const DESCRIBE_KINDS = ['Deployment', 'ReplicaSet', 'Job', 'Node', 'Service'];

/** Returns the events kubectl describe finds for an object. It matches them by uid, which for a Node is the node's name. */
function eventsOf(simulation: Simulation, object: KubeObject): Event[] {
  const uid = object.kind === 'Node' ? object.metadata.name : object.metadata.uid;
  return simulation.events().filter((event) => event.involvedObject.kind === object.kind && event.involvedObject.uid === uid);
}

/**
 * Builds the node's kube-node-lease Lease, which podsim does not store. A
 * running kubelet renews it every 10 s, so RenewTime is the simulated time.
 * NOTE: a failed node's lease stops renewing at the failure; this prints the
 * Ready condition's last heartbeat for it instead.
 */
function leaseOf(node: Node, nowMs: number): NodeLease {
  const ready = node.status?.conditions?.find((condition) => condition.type === 'Ready');
  const renewTime = ready?.status === 'True' ? new Date(Math.floor(nowMs / 1000) * 1000).toISOString().replace('.000Z', 'Z') : ready?.lastHeartbeatTime;
  return { holderIdentity: node.metadata.name, renewTime };
}

/** Returns the `kubectl describe` text of one object of a DESCRIBE_KINDS kind, with ages measured at `nowMs` (Unix ms). */
export function describeObject(simulation: Simulation, object: KubeObject, nowMs: number): string {
  const events = eventsOf(simulation, object);
  const namespace = object.metadata.namespace;
  switch (object.kind) {
    case 'Deployment':
      return describeDeployment(object as Deployment, simulation.controlPlane.store.list<ReplicaSet>('ReplicaSet', { namespace }), events, nowMs);
    case 'ReplicaSet':
      return describeReplicaSet(object as ReplicaSet, simulation.controlPlane.store.list<Pod>('Pod', { namespace }), events, nowMs);
    case 'Job':
      return describeJob(object as Job, events, nowMs);
    case 'Service':
      return describeService(object as Service, simulation.controlPlane.store.get<Endpoints>('Endpoints', namespace, object.metadata.name ?? ''), events, nowMs);
    case 'Node': {
      const pods = simulation.pods().filter((pod) => pod.spec.nodeName === object.metadata.name && pod.status?.phase !== 'Succeeded' && pod.status?.phase !== 'Failed');
      return describeNode(object as Node, leaseOf(object as Node, simulation.epochMs + simulation.nowMs), pods, events, nowMs);
    }
    default:
      throw new Error(`no describe printer for kind ${object.kind}`);
  }
}

/** `podsim describe RESOURCE [NAME...]`; with no NAME, every object of the kind in the namespace. */
export async function describeResources(resourceText: string, names: string[], options: CommonOptions, io: CommandIO): Promise<number> {
  const infos = resolveResourceList(resourceText, DESCRIBE_KINDS, 'describe');
  if (infos.length !== 1) throw new UsageError('podsim describe takes one resource type, such as "podsim describe deployment NAME"');
  const [info] = infos;
  const objects = await loadObjects(options, io);
  const simulation = await simulate(objects, options, io);
  const nowMs = simulation.epochMs + simulation.nowMs;

  const selected = selectObjects(simulation, info, names, options);
  let status = 0;
  for (const name of names) {
    if (selected.some((object) => object.metadata.name === name)) continue;
    io.stderr(`Error from server (NotFound): ${pluralOf(info.kind)} "${name}" not found\n`);
    status = 1;
  }
  if (names.length === 0 && selected.length === 0) {
    io.stderr(noResourcesFoundMessage(info.namespaced && !options.allNamespaces ? options.namespace : undefined));
    return status;
  }
  // kubectl separates the objects it describes with one blank line.
  io.stdout(selected.map((object) => describeObject(simulation, object, nowMs)).join('\n\n'));
  return status;
}
