/**
 * Pod Security admission (k8s.io/pod-security-admission, v1.31), enforce
 * mode only, for the checks podsim can see in a pod spec. The level comes
 * from the namespace label `pod-security.kubernetes.io/enforce`.
 */
import type { Namespace } from '../../api/core.js';
import type { Container, Pod } from '../../api/v1.js';

export const ENFORCE_LABEL = 'pod-security.kubernetes.io/enforce';
export const ENFORCE_VERSION_LABEL = 'pod-security.kubernetes.io/enforce-version';

/** Capabilities the baseline level allows in `capabilities.add`. */
const BASELINE_CAPABILITIES = new Set(['AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT']);

function containersOf(pod: Pod): Container[] {
  return [...(pod.spec.initContainers ?? []), ...pod.spec.containers, ...((pod.spec.ephemeralContainers as Container[] | undefined) ?? [])];
}

/** `container "a"` or `containers "a", "b"`, as the checks name offenders. */
function containerList(names: string[]): string {
  const quoted = names.map((name) => `"${name}"`).join(', ');
  return names.length === 1 ? `container ${quoted}` : `containers ${quoted}`;
}


function baselineViolations(pod: Pod): string[] {
  const violations: string[] = [];
  const spec = pod.spec;
  const hostNamespaces = ['hostNetwork', 'hostPID', 'hostIPC'].filter((field) => spec[field] === true).map((field) => `${field}=true`);
  if (hostNamespaces.length > 0) violations.push(`host namespaces (${hostNamespaces.join(', ')})`);

  const privileged = containersOf(pod).filter((container) => container.securityContext?.privileged === true).map((container) => container.name);
  if (privileged.length > 0) violations.push(`privileged (${containerList(privileged)} must not set securityContext.privileged=true)`);

  const added: string[] = [];
  const addingContainers: string[] = [];
  for (const container of containersOf(pod)) {
    const extra = (container.securityContext?.capabilities?.add ?? []).filter((capability) => !BASELINE_CAPABILITIES.has(capability));
    if (extra.length > 0) {
      addingContainers.push(container.name);
      for (const capability of extra) if (!added.includes(capability)) added.push(capability);
    }
  }
  if (addingContainers.length > 0) {
    violations.push(`non-default capabilities (${containerList(addingContainers)} must not include ${added.map((capability) => `"${capability}"`).join(', ')} in securityContext.capabilities.add)`);
  }

  const hostPathVolumes = (spec.volumes ?? []).filter((volume) => volume.hostPath !== undefined).map((volume) => `"${volume.name}"`);
  if (hostPathVolumes.length > 0) violations.push(`hostPath volumes (${hostPathVolumes.length === 1 ? 'volume' : 'volumes'} ${hostPathVolumes.join(', ')})`);

  const hostPortContainers: string[] = [];
  const hostPorts: number[] = [];
  for (const container of containersOf(pod)) {
    const ports = (container.ports ?? []).map((port) => port.hostPort ?? 0).filter((port) => port !== 0);
    if (ports.length > 0) {
      hostPortContainers.push(container.name);
      hostPorts.push(...ports);
    }
  }
  if (hostPortContainers.length > 0) violations.push(`hostPort (${containerList(hostPortContainers)} uses ${hostPorts.length === 1 ? 'hostPort' : 'hostPorts'} ${hostPorts.join(', ')})`);
  return violations;
}

function restrictedViolations(pod: Pod): string[] {
  const violations: string[] = [];
  const podContext = (pod.spec.securityContext ?? {}) as { runAsNonRoot?: boolean; seccompProfile?: { type?: string } };
  const containers = containersOf(pod);

  const escalation = containers.filter((container) => container.securityContext?.allowPrivilegeEscalation !== false).map((container) => container.name);
  if (escalation.length > 0) violations.push(`allowPrivilegeEscalation != false (${containerList(escalation)} must set securityContext.allowPrivilegeEscalation=false)`);

  const capabilities = containers.filter((container) => !(container.securityContext?.capabilities?.drop ?? []).includes('ALL')).map((container) => container.name);
  if (capabilities.length > 0) violations.push(`unrestricted capabilities (${containerList(capabilities)} must set securityContext.capabilities.drop=["ALL"])`);

  const nonRoot = containers.filter((container) => (container.securityContext?.runAsNonRoot ?? podContext.runAsNonRoot) !== true).map((container) => container.name);
  if (nonRoot.length > 0) violations.push(`runAsNonRoot != true (pod or ${containerList(nonRoot)} must set securityContext.runAsNonRoot=true)`);

  const seccomp = containers
    .filter((container) => {
      const type = (container.securityContext?.seccompProfile as { type?: string } | undefined)?.type ?? podContext.seccompProfile?.type;
      return type !== 'RuntimeDefault' && type !== 'Localhost';
    })
    .map((container) => container.name);
  if (seccomp.length > 0) violations.push(`seccompProfile (pod or ${containerList(seccomp)} must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")`);
  return violations;
}

/**
 * Checks a pod against its namespace's enforce level. Returns the Forbidden
 * message (`pods "x" is forbidden: violates PodSecurity "baseline:latest": ...`)
 * or undefined when the pod is allowed.
 */
export function checkPodSecurity(pod: Pod, namespace: Namespace | undefined): string | undefined {
  const level = namespace?.metadata.labels?.[ENFORCE_LABEL];
  if (level !== 'baseline' && level !== 'restricted') return undefined;
  const version = namespace?.metadata.labels?.[ENFORCE_VERSION_LABEL] ?? 'latest';
  const violations = baselineViolations(pod);
  if (level === 'restricted') violations.push(...restrictedViolations(pod));
  if (violations.length === 0) return undefined;
  return `pods "${pod.metadata.name}" is forbidden: violates PodSecurity "${level}:${version}": ${violations.join(', ')}`;
}
