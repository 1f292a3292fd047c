/**
 * The `Init Containers:` and `Containers:` sections of `kubectl describe pod`
 * (kubectl v1.31 `describeContainers`).
 */
import type { Container, ContainerState, ContainerStatus, EnvVar, Pod } from '../api/v1.js';
import { describeProbe } from './describeProbe.js';
import { DescribeWriter, LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3 } from './describeWriter.js';
import { resolveFieldRef } from './fieldRef.js';
import { formatQuantity, parseQuantity } from './quantity.js';
import { formatRFC1123Z } from './rfc1123z.js';

/** Compares strings by code unit, which matches Go's byte order for ASCII text. */
function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

function describeBasicInfo(container: Container, status: ContainerStatus | undefined, w: DescribeWriter): void {
  w.write(LEVEL_1, `${container.name}:\n`);
  if (status) w.write(LEVEL_2, `Container ID:\t${status.containerID ?? ''}\n`);
  w.write(LEVEL_2, `Image:\t${container.image ?? ''}\n`);
  if (status) w.write(LEVEL_2, `Image ID:\t${status.imageID ?? ''}\n`);

  const ports = (container.ports ?? []).map((port) => `${port.containerPort}/${port.protocol ?? ''}`).join(', ');
  w.write(LEVEL_2, ports.includes(',') ? `Ports:\t${ports}\n` : `Port:\t${ports || '<none>'}\n`);
  const hostPorts = (container.ports ?? []).map((port) => `${port.hostPort ?? 0}/${port.protocol ?? ''}`).join(', ');
  w.write(LEVEL_2, hostPorts.includes(',') ? `Host Ports:\t${hostPorts}\n` : `Host Port:\t${hostPorts || '<none>'}\n`);

  const seccomp = container.securityContext?.seccompProfile as { type?: string; localhostProfile?: string } | undefined;
  if (seccomp) {
    w.write(LEVEL_2, `SeccompProfile:\t${seccomp.type ?? ''}\n`);
    if (seccomp.type === 'Localhost') w.write(LEVEL_3, `LocalhostProfile:\t${seccomp.localhostProfile ?? ''}\n`);
  }
}

function describeCommand(container: Container, w: DescribeWriter): void {
  for (const [label, values] of [
    ['Command', container.command],
    ['Args', container.args],
  ] as const) {
    if (!values || values.length === 0) continue;
    w.write(LEVEL_2, `${label}:\n`);
    for (const value of values) {
      for (const line of value.split('\n')) w.write(LEVEL_3, `${line}\n`);
    }
  }
}

function describeState(name: string, state: ContainerState | undefined, w: DescribeWriter): void {
  if (state?.running) {
    w.write(LEVEL_2, `${name}:\tRunning\n`);
    w.write(LEVEL_3, `Started:\t${formatRFC1123Z(state.running.startedAt)}\n`);
    return;
  }
  if (state?.waiting) {
    w.write(LEVEL_2, `${name}:\tWaiting\n`);
    if (state.waiting.reason) w.write(LEVEL_3, `Reason:\t${state.waiting.reason}\n`);
    return;
  }
  if (state?.terminated) {
    const terminated = state.terminated;
    w.write(LEVEL_2, `${name}:\tTerminated\n`);
    if (terminated.reason) w.write(LEVEL_3, `Reason:\t${terminated.reason}\n`);
    if (terminated.message) w.write(LEVEL_3, `Message:\t${terminated.message}\n`);
    w.write(LEVEL_3, `Exit Code:\t${terminated.exitCode}\n`);
    if (terminated.signal && terminated.signal > 0) w.write(LEVEL_3, `Signal:\t${terminated.signal}\n`);
    w.write(LEVEL_3, `Started:\t${formatRFC1123Z(terminated.startedAt)}\n`);
    w.write(LEVEL_3, `Finished:\t${formatRFC1123Z(terminated.finishedAt)}\n`);
    return;
  }
  // A state with no field set is printed as Waiting with no reason.
  w.write(LEVEL_2, `${name}:\tWaiting\n`);
}

function describeContainerStatus(status: ContainerStatus, w: DescribeWriter): void {
  describeState('State', status.state, w);
  if (status.lastState?.terminated) describeState('Last State', status.lastState, w);
  w.write(LEVEL_2, `Ready:\t${status.ready ? 'True' : 'False'}\n`);
  w.write(LEVEL_2, `Restart Count:\t${status.restartCount ?? 0}\n`);
}

function describeResources(container: Container, w: DescribeWriter): void {
  for (const [label, list] of [
    ['Limits', container.resources?.limits],
    ['Requests', container.resources?.requests],
  ] as const) {
    const names = Object.keys(list ?? {}).sort();
    if (!list || names.length === 0) continue;
    w.write(LEVEL_2, `${label}:\n`);
    for (const name of names) w.write(LEVEL_3, `${name}:\t${formatQuantity(list[name])}\n`);
  }
}

function describeProbes(container: Container, w: DescribeWriter): void {
  if (container.livenessProbe) w.write(LEVEL_2, `Liveness:\t${describeProbe(container.livenessProbe)}\n`);
  if (container.readinessProbe) w.write(LEVEL_2, `Readiness:\t${describeProbe(container.readinessProbe)}\n`);
  if (container.startupProbe) w.write(LEVEL_2, `Startup:\t${describeProbe(container.startupProbe)}\n`);
}

function describeEnvFrom(container: Container, w: DescribeWriter): void {
  const sources = container.envFrom ?? [];
  if (sources.length === 0) return;
  w.write(LEVEL_2, 'Environment Variables from:\n');
  for (const source of sources) {
    let from = '';
    let name = '';
    let optional = false;
    if (source.configMapRef) {
      from = 'ConfigMap';
      name = source.configMapRef.name;
      optional = source.configMapRef.optional === true;
    } else if (source.secretRef) {
      from = 'Secret';
      name = source.secretRef.name;
      optional = source.secretRef.optional === true;
    }
    const kind = source.prefix ? `${from} with prefix '${source.prefix}'` : from;
    w.write(LEVEL_3, `${name}\t${kind}\tOptional: ${optional}\n`);
  }
}

/** Evaluates `resourceFieldRef` as kubectl's resource helper does: the quantity divided by the divisor, rounded up. */
function resourceFieldValue(container: Container, reference: Record<string, unknown>): string {
  const resource = String(reference.resource ?? '');
  const [field, name] = resource.split('.') as [string, string | undefined];
  if ((field !== 'limits' && field !== 'requests') || !name) return '';
  const quantity = parseQuantity(container.resources?.[field]?.[name]) ?? 0;
  const divisor = parseQuantity(reference.divisor as string | number | undefined) ?? 1;
  if (divisor === 0) return '';
  return String(Math.ceil(quantity / divisor));
}

function describeValueFrom(pod: Pod, container: Container, variable: EnvVar, w: DescribeWriter): void {
  const valueFrom = variable.valueFrom ?? {};
  const fieldRef = valueFrom.fieldRef as { apiVersion?: string; fieldPath?: string } | undefined;
  const resourceFieldRef = valueFrom.resourceFieldRef as Record<string, unknown> | undefined;
  const secretKeyRef = valueFrom.secretKeyRef as { name?: string; key?: string; optional?: boolean } | undefined;
  const configMapKeyRef = valueFrom.configMapKeyRef as { name?: string; key?: string; optional?: boolean } | undefined;

  if (fieldRef) {
    const value = resolveFieldRef(pod, fieldRef.fieldPath ?? '');
    w.write(LEVEL_3, `${variable.name}:\t${value} (${fieldRef.apiVersion ?? ''}:${fieldRef.fieldPath ?? ''})\n`);
  } else if (resourceFieldRef) {
    const resource = String(resourceFieldRef.resource ?? '');
    let value = resourceFieldValue(container, resourceFieldRef);
    if (value === '0' && (resource === 'limits.cpu' || resource === 'limits.memory')) value = 'node allocatable';
    w.write(LEVEL_3, `${variable.name}:\t${value} (${resource})\n`);
  } else if (secretKeyRef) {
    const optional = secretKeyRef.optional === true;
    w.write(
      LEVEL_3,
      `${variable.name}:\t<set to the key '${secretKeyRef.key ?? ''}' in secret '${secretKeyRef.name ?? ''}'>\tOptional: ${optional}\n`,
    );
  } else if (configMapKeyRef) {
    const optional = configMapKeyRef.optional === true;
    w.write(
      LEVEL_3,
      `${variable.name}:\t<set to the key '${configMapKeyRef.key ?? ''}' of config map '${configMapKeyRef.name ?? ''}'>\tOptional: ${optional}\n`,
    );
  }
}

function describeEnv(pod: Pod, container: Container, w: DescribeWriter): void {
  const variables = container.env ?? [];
  w.write(LEVEL_2, variables.length === 0 ? 'Environment:\t<none>\n' : 'Environment:\n');
  for (const variable of variables) {
    if (!variable.valueFrom) {
      const lines = (variable.value ?? '').split('\n');
      w.write(LEVEL_3, `${variable.name}:\t${lines[0]}\n`);
      for (const line of lines.slice(1)) w.write(LEVEL_3, `\t${line}\n`);
      continue;
    }
    describeValueFrom(pod, container, variable, w);
  }
}

function describeMounts(container: Container, w: DescribeWriter): void {
  const mounts = [...(container.volumeMounts ?? [])];
  mounts.sort((a, b) => compareStrings(a.mountPath, b.mountPath));
  w.write(LEVEL_2, mounts.length === 0 ? 'Mounts:\t<none>\n' : 'Mounts:\n');
  for (const mount of mounts) {
    const flags = [mount.readOnly ? 'ro' : 'rw'];
    if (mount.subPath) flags.push(`path=${JSON.stringify(mount.subPath)}`);
    w.write(LEVEL_3, `${mount.mountPath} from ${mount.name} (${flags.join(',')})\n`);
  }
}

/** Writes one container section; `label` is `Init Containers` or `Containers`. */
export function describeContainers(
  pod: Pod,
  label: string,
  containers: Container[],
  statuses: ContainerStatus[] | undefined,
  w: DescribeWriter,
): void {
  const statusByName = new Map((statuses ?? []).map((status) => [status.name, status]));
  w.write(LEVEL_0, `${label}:${containers.length === 0 ? ' <none>' : ''}\n`);

  for (const container of containers) {
    const status = statusByName.get(container.name);
    describeBasicInfo(container, status, w);
    describeCommand(container, w);
    if (status) describeContainerStatus(status, w);
    describeResources(container, w);
    describeProbes(container, w);
    describeEnvFrom(container, w);
    describeEnv(pod, container, w);
    describeMounts(container, w);
  }
}
