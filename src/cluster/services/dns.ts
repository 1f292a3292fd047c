/**
 * Cluster DNS lookups for the behavior interpreter, as CoreDNS answers them
 * for a pod with the default `ClusterFirst` policy and search path
 * `<ns>.svc.cluster.local svc.cluster.local cluster.local`.
 */
import type { Endpoints, Service } from '../../api/core.js';
import type { ObjectStore } from '../store/object-store.js';

export const CLUSTER_DOMAIN = 'cluster.local';

export interface DnsAnswer {
  /** The fully qualified name that matched. */
  fqdn: string;
  /** The ClusterIP, or the ready endpoint IPs of a headless Service. */
  addresses: string[];
  service: Service;
}

/**
 * Resolves `name`, `name.ns`, `name.ns.svc` or `name.ns.svc.cluster.local`
 * from a pod in `fromNamespace`. Returns undefined for NXDOMAIN. A headless
 * Service answers with its ready endpoints; `<hostname>.<service>.<ns>...`
 * names a single pod of a headless Service.
 */
export function lookupService(store: ObjectStore, name: string, fromNamespace: string): DnsAnswer | undefined {
  const trimmed = name.replace(/\.$/, '');
  const suffix = `.svc.${CLUSTER_DOMAIN}`;
  const candidates = trimmed.endsWith(suffix)
    ? [trimmed]
    : [`${trimmed}.${fromNamespace}${suffix}`, `${trimmed}${suffix}`, `${trimmed}.${CLUSTER_DOMAIN}`];
  for (const fqdn of candidates) {
    if (!fqdn.endsWith(suffix)) continue;
    const labels = fqdn.slice(0, -suffix.length).split('.');
    if (labels.length === 2) {
      const [serviceName, namespace] = labels;
      const service = store.get<Service>('Service', namespace, serviceName);
      if (!service) continue;
      return { fqdn, addresses: serviceAddresses(store, service), service };
    }
    if (labels.length === 3) {
      const [hostname, serviceName, namespace] = labels;
      const service = store.get<Service>('Service', namespace, serviceName);
      if (!service || service.spec.clusterIP !== 'None') continue;
      const endpoints = store.get<Endpoints>('Endpoints', namespace, serviceName);
      const address = (endpoints?.subsets ?? []).flatMap((subset) => subset.addresses ?? []).find((entry) => entry.hostname === hostname);
      if (address) return { fqdn, addresses: [address.ip], service };
    }
  }
  return undefined;
}

function serviceAddresses(store: ObjectStore, service: Service): string[] {
  if (service.spec.type === 'ExternalName') return [];
  if (service.spec.clusterIP && service.spec.clusterIP !== 'None') return [service.spec.clusterIP];
  const endpoints = store.get<Endpoints>('Endpoints', service.metadata.namespace, service.metadata.name ?? '');
  return (endpoints?.subsets ?? []).flatMap((subset) => (subset.addresses ?? []).map((address) => address.ip));
}
