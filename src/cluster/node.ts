/**
 * The node every pod is bound to until the control plane (scheduler, Node
 * objects) models more than one. Its name and addresses are plain strings in
 * the simulated API; nothing is ever sent to them.
 */
export interface SimulatedNode {
  name: string;
  /** status.hostIP of the pods bound to it. */
  internalIP: string;
  /** spec.podCIDR, the range the node's pods get their IPs from. */
  podCIDR: string;
}

export const DEFAULT_NODE: SimulatedNode = {
  name: 'node-1',
  internalIP: '10.0.0.11',
  podCIDR: '10.244.0.0/24',
};

/**
 * Hands out pod IPs from a node's pod CIDR as the host-local IPAM plugin
 * does. Each pod gets the next address after the last one given. The network
 * address, the gateway (.1), the broadcast address and addresses that running
 * pods hold are skipped. After the last address it starts over.
 */
export class PodIPAllocator {
  private readonly base: number;
  private readonly size: number;
  private next = 2;
  private readonly inUse = new Set<number>();

  constructor(node: SimulatedNode) {
    const [address, bits] = node.podCIDR.split('/');
    const octets = address.split('.').map(Number);
    const prefix = Math.min(30, Math.max(8, Number(bits) || 24));
    this.size = 2 ** (32 - prefix);
    const value = octets[0] * 2 ** 24 + octets[1] * 2 ** 16 + octets[2] * 2 ** 8 + octets[3];
    this.base = value - (value % this.size);
  }

  /** Returns a free address, or the next one round the range when every address is held. */
  allocate(): string {
    const usable = this.size - 3;
    for (let tried = 0; tried < usable && this.inUse.has(this.next); tried++) this.advance();
    const offset = this.next;
    this.inUse.add(offset);
    this.advance();
    return formatIPv4(this.base + offset);
  }

  /** Gives an address back once its pod is gone. */
  release(ip: string): void {
    const parts = ip.split('.').map(Number);
    this.inUse.delete(parts[0] * 2 ** 24 + parts[1] * 2 ** 16 + parts[2] * 2 ** 8 + parts[3] - this.base);
  }

  private advance(): void {
    this.next = this.next + 1 >= this.size - 1 ? 2 : this.next + 1;
  }
}

/** Formats an IPv4 address held as a number. */
export function formatIPv4(value: number): string {
  return [Math.floor(value / 2 ** 24) & 255, Math.floor(value / 2 ** 16) & 255, Math.floor(value / 2 ** 8) & 255, value & 255].join('.');
}
