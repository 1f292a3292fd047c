/** `kubectl get endpointslices` (printEndpointSlice, v1.31). */
import type { EndpointSlice } from '../../api/discovery.js';
import { timestampSince } from '../humanDuration.js';
import { listWithMore } from './cells.js';
import type { ResourceTable } from './table.js';

/** An empty list prints `<unset>` in both columns. */
function orUnset(text: string): string {
  return text === '' ? '<unset>' : text;
}

/** The PORTS cell: port numbers, a port's name when it has no number, or `*`. */
export function formatSlicePorts(slice: EndpointSlice): string {
  const ports = slice.ports ?? [];
  const list = ports.map((port) => (port.port !== undefined ? String(port.port) : port.name !== undefined ? port.name : '*'));
  return orUnset(listWithMore(list, ports.length));
}

/** The ENDPOINTS cell: every address of every endpoint, ready or not. */
export function formatSliceEndpoints(slice: EndpointSlice): string {
  const addresses = (slice.endpoints ?? []).flatMap((endpoint) => endpoint.addresses);
  return orUnset(listWithMore(addresses, addresses.length));
}

export const endpointSliceTable: ResourceTable<EndpointSlice> = {
  kind: 'EndpointSlice',
  columns: ['NAME', 'ADDRESSTYPE', 'PORTS', 'ENDPOINTS', 'AGE'],
  wideColumns: [],
  cells(slice, nowMs) {
    return [slice.metadata.name ?? '', slice.addressType, formatSlicePorts(slice), formatSliceEndpoints(slice), timestampSince(slice.metadata.creationTimestamp, nowMs)];
  },
};
