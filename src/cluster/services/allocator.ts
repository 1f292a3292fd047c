/**
 * ClusterIP and NodePort allocation. The service CIDR is 10.96.0.0/12 (the
 * kubeadm default); 10.96.0.1 belongs to the `kubernetes` Service and 10.96.0.10
 * to kube-dns, so podsim hands out 10.96.0.11 upwards in creation order.
 * NodePorts come from 30000-32767 in order, where the real allocator picks at random.
 */
import type { Service } from '../../api/core.js';

export class ServiceIPAllocator {
  private nextHost = 11;
  private nextNodePort = 30000;

  /** Fills in spec.clusterIP(s) and node ports the Service does not set. */
  assign(service: Service): void {
    const spec = service.spec;
    if (spec.type === 'ExternalName') return;
    if (spec.clusterIP === undefined || spec.clusterIP === '') {
      const host = this.nextHost++;
      spec.clusterIP = `10.96.${Math.floor(host / 256)}.${host % 256}`;
    }
    spec.clusterIPs ??= [spec.clusterIP];
    if (spec.type === 'NodePort' || spec.type === 'LoadBalancer') {
      for (const port of spec.ports ?? []) port.nodePort ??= this.nextNodePort++;
    }
  }
}
