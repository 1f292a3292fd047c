/**
 * The probe summary after `Liveness:`, `Readiness:` and `Startup:` in
 * `kubectl describe` (`DescribeProbe`, kubectl v1.31), for example
 * `http-get http://:8080/healthz delay=0s timeout=1s period=10s #success=1 #failure=3`.
 */
import type { Probe } from '../api/v1.js';

/** Formats an HTTP GET probe target as Go's url.URL prints scheme, host, port and path. */
function httpGetUrl(httpGet: NonNullable<Probe['httpGet']>): string {
  const scheme = (httpGet.scheme ?? '').toLowerCase();
  const host = httpGet.host ?? '';
  const port = String(httpGet.port ?? '');
  // net.JoinHostPort brackets IPv6 literals.
  const hostPart = host.includes(':') ? `[${host}]` : host;
  const authority = port.length > 0 ? `${hostPart}:${port}` : hostPart;
  let path = httpGet.path ?? '';
  if (path !== '' && !path.startsWith('/') && authority !== '') path = `/${path}`;
  return `${scheme ? `${scheme}:` : ''}//${authority}${path}`;
}

/** Returns the text kubectl describe prints for a probe. Unset numbers print as 0, as in Go. */
export function describeProbe(probe: Probe): string {
  const attributes =
    `delay=${probe.initialDelaySeconds ?? 0}s timeout=${probe.timeoutSeconds ?? 0}s ` +
    `period=${probe.periodSeconds ?? 0}s #success=${probe.successThreshold ?? 0} #failure=${probe.failureThreshold ?? 0}`;

  if (probe.exec) return `exec [${(probe.exec.command ?? []).join(' ')}] ${attributes}`;
  if (probe.httpGet) return `http-get ${httpGetUrl(probe.httpGet)} ${attributes}`;
  if (probe.tcpSocket) return `tcp-socket ${probe.tcpSocket.host ?? ''}:${probe.tcpSocket.port} ${attributes}`;
  if (probe.grpc) return `grpc <pod>:${probe.grpc.port} ${probe.grpc.service ?? ''} ${attributes}`;
  return `unknown ${attributes}`;
}
