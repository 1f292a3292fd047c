/**
 * The node every pod is bound to until the control plane (scheduler, Node
 * objects) models more than one. Its name and addresses are plain strings in
 * the simulated API; nothing is ever sent to them.
 */
export interface SimulatedNode {
  name: string;
  /** status.hostIP of the pods bound to it. */
  internalIP: string;
  /** The first three octets of the pod network on this node; pods get .2, .3, ... */
  podCidrPrefix: string;
}

export const DEFAULT_NODE: SimulatedNode = {
  name: 'node-1',
  internalIP: '10.0.0.11',
  podCidrPrefix: '10.244.0',
};

/** Hands out pod IPs on one node in creation order: .2 to .254, then wraps. */
export class PodIPAllocator {
  private next = 0;

  constructor(private readonly node: SimulatedNode) {}

  allocate(): string {
    const host = 2 + (this.next % 253);
    this.next += 1;
    return `${this.node.podCidrPrefix}.${host}`;
  }
}
