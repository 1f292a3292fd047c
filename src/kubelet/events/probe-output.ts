/**
 * The output text a failed probe attempt puts after `<Type> probe failed: `,
 * by handler (pkg/probe/http, tcp, exec and grpc, v1.31).
 */
import type { Container, IntOrString, Probe } from '../../api/v1.js';

export interface ProbeOutputContext {
  podIP?: string;
  /** HTTP status code an httpGet probe got; default 500. */
  httpStatusCode?: number;
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
