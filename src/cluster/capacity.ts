/**
 * Sizes the engine for a scenario. The engine allocates its pod slots once,
 * so the simulation reserves enough for every pod the nodes can hold at
 * once, with room for pods that are still terminating beside their
 * replacements.
 */
import type { ClusterSettings } from '../api/podsim.js';
import type { KubeObject } from '../api/v1.js';

/** The kubelet's default `--max-pods`, which the default nodes use. */
const DEFAULT_PODS_PER_NODE = 110;
/** Nodes a scenario gets when it has neither Node objects nor ClusterSettings nodes. */
const DEFAULT_NODE_COUNT = 3;
/** Slots per schedulable pod: a replacement can start while the pod it replaces terminates. */
const TERMINATING_HEADROOM = 2;
const MIN_POD_SLOTS = 1024;
/** The engine's timer ids are 32-bit; far below that, memory is the real limit. */
const MAX_POD_SLOTS = 4_000_000;
/**
 * Container slots the engine may allocate in all: about 1.4 GB at some 235
 * bytes a slot, below the 2 GiB that offsets into one WASM memory reach.
 * Pods past it are left Pending with a PodsimEngineFull Warning event.
 */
const MAX_TOTAL_CONTAINER_SLOTS = 6_000_000;

/** Returns how many pods the scenario's nodes can run at once. */
export function nodePodCapacity(objects: readonly KubeObject[]): number {
  const nodes = objects.filter((object) => object.kind === 'Node');
  if (nodes.length > 0) {
    return nodes.reduce((sum, node) => sum + podsOf(node), 0);
  }
  const settings = objects.find((object): object is ClusterSettings => object.kind === 'ClusterSettings');
  const count = settings?.spec?.nodes?.count ?? DEFAULT_NODE_COUNT;
  return count * (settings?.spec?.nodes?.pods ?? DEFAULT_PODS_PER_NODE);
}

/** Returns the engine pod slots to allocate for a scenario. */
export function enginePodSlots(objects: readonly KubeObject[]): number {
  const pods = objects.filter((object) => object.kind === 'Pod').length;
  const wanted = TERMINATING_HEADROOM * Math.max(nodePodCapacity(objects), pods);
  const byMemory = Math.floor(MAX_TOTAL_CONTAINER_SLOTS / engineContainerSlots(objects));
  return Math.min(MAX_POD_SLOTS, byMemory, Math.max(MIN_POD_SLOTS, wanted));
}

/** Containers per pod the engine reserves at least, so a later live edit can add a few. */
const MIN_CONTAINER_SLOTS = 16;
/** The engine stores a container's index in one byte. */
const MAX_CONTAINER_SLOTS = 255;

/**
 * Returns the engine's containers per pod for a scenario: the most init plus
 * app containers of any Pod or pod template in it. A pod with more than the
 * engine's 255 is left Pending with a Warning event when it starts.
 */
export function engineContainerSlots(objects: readonly KubeObject[]): number {
  let most = 0;
  for (const object of objects) {
    const spec = podSpecOf(object);
    if (!spec) continue;
    const count = (spec.initContainers?.length ?? 0) + (spec.containers?.length ?? 0);
    most = Math.max(most, count);
  }
  return Math.min(MAX_CONTAINER_SLOTS, Math.max(MIN_CONTAINER_SLOTS, most));
}

function podSpecOf(object: KubeObject): { initContainers?: unknown[]; containers?: unknown[] } | undefined {
  if (object.kind === 'Pod') return object.spec as { containers?: unknown[] } | undefined;
  const spec = object.spec as { template?: { spec?: { initContainers?: unknown[]; containers?: unknown[] } } } | undefined;
  return spec?.template?.spec;
}

function podsOf(node: KubeObject): number {
  const status = node.status as { capacity?: Record<string, string | number> } | undefined;
  const pods = Number(status?.capacity?.pods ?? DEFAULT_PODS_PER_NODE);
  return Number.isFinite(pods) && pods > 0 ? pods : DEFAULT_PODS_PER_NODE;
}
