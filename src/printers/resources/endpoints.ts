/** `kubectl get endpoints` (printEndpoints and formatEndpoints, v1.31). */
import type { Endpoints } from '../../api/core.js';
import { timestampSince } from '../humanDuration.js';
import { listWithMore } from './cells.js';
import type { ResourceTable } from './table.js';

/**
 * The ENDPOINTS cell: ready `ip:port` pairs, one per address and port, the
 * first three shown and ` + N more...` for the rest. Unready addresses are
 * not listed, so Endpoints with only unready pods print an empty cell, and
 * Endpoints with no subsets print `<none>`. `portName` keeps one port, as
 * `kubectl describe service` does for each Service port.
 */
export function formatEndpoints(endpoints: Endpoints | undefined, portName?: string): string {
  const subsets = endpoints?.subsets ?? [];
  if (subsets.length === 0) return '<none>';
  const list: string[] = [];
  let count = 0;
  for (const subset of subsets) {
    const addresses = subset.addresses ?? [];
    const ports = subset.ports ?? [];
    if (ports.length === 0) {
      // A headless Service without ports lists bare addresses.
      count += addresses.length;
      for (const address of addresses) list.push(address.ip);
      continue;
    }
    for (const port of ports) {
      if (portName !== undefined && (port.name ?? '') !== portName) continue;
      count += addresses.length;
      for (const address of addresses) list.push(joinHostPort(address.ip, port.port));
    }
  }
  return listWithMore(list, count);
}

/** Go's net.JoinHostPort: IPv6 addresses get brackets. */
function joinHostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

export const endpointsTable: ResourceTable<Endpoints> = {
  kind: 'Endpoints',
  columns: ['NAME', 'ENDPOINTS', 'AGE'],
  wideColumns: [],
  cells(endpoints, nowMs) {
    return [endpoints.metadata.name ?? '', formatEndpoints(endpoints), timestampSince(endpoints.metadata.creationTimestamp, nowMs)];
  },
};
