import type { Container, ContainerStatus, PodSpec } from '../api/v1.js';

/** Reports whether an init container is a sidecar (a restartable init container, `restartPolicy: Always`). */
export function isSidecar(container: Container): boolean {
  return container.restartPolicy === 'Always';
}

/** Finds a status by container name, as podutil.GetContainerStatus does. */
export function findStatus(
  statuses: readonly ContainerStatus[] | null | undefined,
  name: string,
): ContainerStatus | undefined {
  return statuses?.find((status) => status.name === name);
}

/**
 * Reports whether some regular container has a running or terminated status
 * (kubecontainer.HasAnyRegularContainerStarted, v1.31).
 */
export function hasAnyRegularContainerStarted(
  spec: Pick<PodSpec, 'containers'>,
  statuses: readonly ContainerStatus[] | null | undefined,
): boolean {
  return spec.containers.some((container) => {
    const status = findStatus(statuses, container.name);
    return status?.state?.running !== undefined || status?.state?.terminated !== undefined;
  });
}
