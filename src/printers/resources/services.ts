/** `kubectl get services` (printService, v1.31). */
import type { Service, ServicePort } from '../../api/core.js';
import { timestampSince } from '../humanDuration.js';
import { formatLabels } from './cells.js';
import type { ResourceTable } from './table.js';

/** Longest load balancer address list printed without `-o wide` before it is cut to 13 characters and `...`. */
const LOAD_BALANCER_WIDTH = 16;

function loadBalancerAddresses(service: Service, wide: boolean): string {
  const addresses = new Set<string>();
  for (const ingress of service.status?.loadBalancer?.ingress ?? []) {
    if (ingress.ip) addresses.add(ingress.ip);
    else if (ingress.hostname) addresses.add(ingress.hostname);
  }
  const joined = [...addresses].sort().join(',');
  return !wide && joined.length > LOAD_BALANCER_WIDTH ? `${joined.slice(0, LOAD_BALANCER_WIDTH - 3)}...` : joined;
}

/** The EXTERNAL-IP cell (getServiceExternalIP). */
export function serviceExternalIP(service: Service, wide: boolean): string {
  const externalIPs = service.spec.externalIPs ?? [];
  switch (service.spec.type ?? 'ClusterIP') {
    case 'ClusterIP':
    case 'NodePort':
      return externalIPs.length > 0 ? externalIPs.join(',') : '<none>';
    case 'LoadBalancer': {
      const balancer = loadBalancerAddresses(service, wide);
      if (externalIPs.length > 0) return [...(balancer ? balancer.split(',') : []), ...externalIPs].join(',');
      return balancer || '<pending>';
    }
    case 'ExternalName':
      return service.spec.externalName ?? '';
    default:
      return '<unknown>';
  }
}

/** The PORT(S) cell (makePortString): `80/TCP`, or `80:30080/TCP` with a node port. */
export function servicePorts(ports: readonly ServicePort[] | undefined): string {
  return (ports ?? []).map((port) => (port.nodePort ? `${port.port}:${port.nodePort}/${port.protocol ?? ''}` : `${port.port}/${port.protocol ?? ''}`)).join(',');
}

export const serviceTable: ResourceTable<Service> = {
  kind: 'Service',
  columns: ['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE'],
  wideColumns: ['SELECTOR'],
  cells(service, nowMs, wide) {
    const cells = [
      service.metadata.name ?? '',
      service.spec.type ?? '',
      service.spec.clusterIPs?.[0] ?? '<none>',
      serviceExternalIP(service, wide),
      servicePorts(service.spec.ports) || '<none>',
      timestampSince(service.metadata.creationTimestamp, nowMs),
    ];
    if (wide) cells.push(formatLabels(service.spec.selector));
    return cells;
  },
};
