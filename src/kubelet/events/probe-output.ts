/**
 * The output text a failed probe attempt puts after `<Type> probe failed: `,
 * by handler (pkg/probe/http, tcp, exec and grpc, v1.31).
 */
import type { Container, IntOrString, Probe } from '../../api/v1.js';

export interface ProbeOutputContext {
  podIP?: string;
  /** HTTP status code an httpGet probe got; default 500. */
  httpStatusCode?: number;
  /** Nothing listened on the httpGet port, so the request failed before any status code. */
  httpConnectionRefused?: boolean;
  /** Combined stdout and stderr of a failed exec probe; default empty. */
  execOutput?: string;
  /** Status a gRPC health check returned; default NOT_SERVING. */
  grpcStatus?: string;
}

/** Resolves a named port against the container's ports, as the prober does. */
export function resolvePort(port: IntOrString, container: Container): string {
  if (typeof port === 'number') {
    return String(port);
  }
  const named = container.ports?.find((p) => p.name === port);
  if (named) {
    return String(named.containerPort);
  }
  // A numeric string is a port number; an unknown name stays as written.
  return port;
}

/** Builds the failure output of one probe attempt. */
export function probeFailureOutput(probe: Probe, container: Container, ctx: ProbeOutputContext): string {
  if (probe.httpGet) {
    if (ctx.httpConnectionRefused) {
      // Go's net/http error text: the URL as the prober built it, then the dial error.
      const host = probe.httpGet.host || ctx.podIP || '';
      const port = resolvePort(probe.httpGet.port, container);
      const scheme = (probe.httpGet.scheme ?? 'HTTP').toLowerCase();
      return `Get "${scheme}://${host}:${port}${probe.httpGet.path ?? ''}": dial tcp ${host}:${port}: connect: connection refused`;
    }
    return `HTTP probe failed with statuscode: ${ctx.httpStatusCode ?? 500}`;
  }
  if (probe.tcpSocket) {
    const host = probe.tcpSocket.host || ctx.podIP || '';
    return `dial tcp ${host}:${resolvePort(probe.tcpSocket.port, container)}: connect: connection refused`;
  }
  if (probe.grpc) {
    return `service unhealthy (responded with "${ctx.grpcStatus ?? 'NOT_SERVING'}")`;
  }
  return ctx.execOutput ?? '';
}

/**
 * Builds what a file-reading command prints when the file is missing: `cat`,
 * `ls` and `stat` as BusyBox words it (busybox, alpine) or as GNU coreutils
 * does; `test` and `[` print nothing.
 */
export function missingFileOutput(command: string, path: string, busybox: boolean): string {
  const name = command.slice(command.lastIndexOf('/') + 1);
  switch (name) {
    case 'cat':
      return busybox ? `cat: can't open '${path}': No such file or directory` : `cat: ${path}: No such file or directory`;
    case 'ls':
      return busybox ? `ls: ${path}: No such file or directory` : `ls: cannot access '${path}': No such file or directory`;
    case 'stat':
      return busybox ? `stat: can't stat '${path}': No such file or directory` : `stat: cannot statx '${path}': No such file or directory`;
    default:
      return '';
  }
}
