/**
 * Node objects for a scenario without Node manifests, and the defaults a
 * Node manifest gets. Addresses and CIDRs are labels in the simulated API;
 * nothing is ever sent to them.
 */
import type { Node } from '../../api/core.js';
import type { ClusterSettingsSpec } from '../../api/podsim.js';
import { formatIPv4, type SimulatedNode } from '../node.js';

/** The kubelet version the nodes report (the release podsim follows). */
export const KUBELET_VERSION = 'v1.31.14';
export const DEFAULT_NODE_COUNT = 3;
export const DEFAULT_NODE_CPU = '4';
export const DEFAULT_NODE_MEMORY = '8Gi';
/** The kubelet's default `--max-pods`. */
export const DEFAULT_MAX_PODS = 110;

/** Builds node `index` (0-based) of the default pool: `node-1`, InternalIP 10.0.0.11, pod CIDR 10.244.0.0/24, and so on. */
export function makeNode(name: string, index: number, settings: ClusterSettingsSpec['nodes'] = {}): Node {
  const node: Node = {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: {} },
    spec: {},
  };
  completeNode(node, index, settings);
  return node;
}

/** The default worker pool (3 nodes unless ClusterSettings says otherwise). */
export function defaultNodes(settings: ClusterSettingsSpec = {}): Node[] {
  const count = settings.nodes?.count ?? DEFAULT_NODE_COUNT;
  const prefix = settings.nodes?.namePrefix ?? 'node-';
  return Array.from({ length: count }, (_, index) => makeNode(`${prefix}${index + 1}`, index, settings.nodes));
}

/**
 * Fills in what the kubelet registers for a node: well-known labels,
 * pod CIDR, capacity, allocatable, addresses, node info and a Ready condition.
 * Values set in a manifest are kept.
 */
export function completeNode(node: Node, index: number, settings: ClusterSettingsSpec['nodes'] = {}): void {
  const name = node.metadata.name ?? `node-${index + 1}`;
  node.metadata.labels = {
    'beta.kubernetes.io/arch': 'amd64',
    'beta.kubernetes.io/os': 'linux',
    'kubernetes.io/arch': 'amd64',
    'kubernetes.io/hostname': name,
    'kubernetes.io/os': 'linux',
    ...(node.metadata.labels ?? {}),
  };
  node.spec ??= {};
  node.spec.podCIDR ??= podCIDRFor(index, Number(settings?.pods ?? DEFAULT_MAX_PODS));
  const status = (node.status ??= {});
  const capacity = {
    cpu: settings?.cpu ?? DEFAULT_NODE_CPU,
    'ephemeral-storage': '100Gi',
    memory: settings?.memory ?? DEFAULT_NODE_MEMORY,
    pods: String(settings?.pods ?? DEFAULT_MAX_PODS),
    ...(status.capacity ?? {}),
  };
  status.capacity = capacity;
  status.allocatable = { ...capacity, ...(status.allocatable ?? {}) };
  status.addresses ??= [
    { type: 'InternalIP', address: `10.0.0.${11 + index}` },
    { type: 'Hostname', address: name },
  ];
  status.nodeInfo = {
    architecture: 'amd64',
    containerRuntimeVersion: 'containerd://1.7.22',
    kernelVersion: '6.1.0-podsim',
    kubeletVersion: KUBELET_VERSION,
    operatingSystem: 'linux',
    osImage: 'Debian GNU/Linux 12 (bookworm)',
    ...(status.nodeInfo ?? {}),
  };
}

/** The node as the Simulation's pod IP allocator and status builder want it. */
export function simulatedNodeOf(node: Node): SimulatedNode {
  const internalIP = node.status?.addresses?.find((address) => address.type === 'InternalIP')?.address ?? '10.0.0.11';
  return { name: node.metadata.name ?? '', internalIP, podCIDR: node.spec.podCIDR ?? '10.244.0.0/24' };
}

/**
 * Returns node `index`'s pod CIDR within 10.244.0.0 and up: a /24 (254
 * addresses, kube-controller-manager's --node-cidr-mask-size default) while
 * the node's pods fit in it, else the smallest larger block that holds them.
 */
export function podCIDRFor(index: number, maxPods: number): string {
  let bits = 24;
  while (bits > 16 && 2 ** (32 - bits) - 3 < maxPods) bits -= 1;
  return `${formatIPv4(10 * 2 ** 24 + 244 * 2 ** 16 + index * 2 ** (32 - bits))}/${bits}`;
}

/** The Ready condition a healthy kubelet posts, and the other pressure conditions. */
export function healthyConditions(timestamp: string): NonNullable<NonNullable<Node['status']>['conditions']> {
  const condition = (type: string, status: string, reason: string, message: string) => ({
    type,
    status,
    lastHeartbeatTime: timestamp,
    lastTransitionTime: timestamp,
    reason,
    message,
  });
  return [
    condition('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
    condition('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
    condition('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
    condition('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'),
  ];
}
