/**
 * Engine container state → v1 ContainerStatus. The engine has already decided
 * whether a container is in back-off. This adapter rebuilds the runtime view
 * (newest instance, previous instance, start error) and runs the kubelet's
 * conversion on it. Then it adds the IDs, image and readiness fields.
 */
import type { Container, ContainerStatus, PodSpec } from '../api/v1.js';
import { ContainerStateCode, WaitingReasonCode, type EngineContainerState } from '../engine/types.js';
import { containerIdFor, imageIdFor, normalizeImageName } from './identity.js';
import { convertRuntimeStatus, type RuntimeInstance, type StartError } from './runtime-status.js';
import { DEFAULT_EPOCH_MS, formatGoDurationMs, formatRfc3339 } from './time.js';

export interface ContainerStatusContext {
  podName: string;
  namespace: string;
  podUid: string;
  /** True for a container from `spec.initContainers`, false for one from `spec.containers`. */
  isInitContainer: boolean;
  /** The pod has at least one init container, so the default waiting reason is PodInitializing. */
  podHasInitContainers: boolean;
  /** Pod restartPolicy; defaults to Always. */
  restartPolicy?: string;
  /** The pod is being deleted, so the kubelet restarts nothing. */
  deleting?: boolean;
  /** Wall-clock time of simulated time 0, in Unix ms (default 2026-01-01T00:00:00Z). */
  epochMs?: number;
  /**
   * A start error on record other than the engine's CrashLoopBackOff (for
   * example ErrImagePull). It replaces the back-off error when set.
   */
  startError?: StartError;
  /** This container's status in the previous API status. */
  previousStatus?: ContainerStatus;
  /**
   * Returns the termination message of a dead instance (what it wrote to
   * terminationMessagePath, or its last log lines under
   * FallbackToLogsOnError), already cut to size, or undefined for none.
   */
  terminationMessage?: (instance: TerminatedInstance) => string | undefined;
}

/** A dead container instance, as terminationMessage sees it. Times are simulated ms. */
export interface TerminatedInstance {
  exitCode: number;
  startedAtMs: number;
  finishedAtMs: number;
}

/** Builds the CrashLoopBackOff waiting message, e.g. `back-off 40s restarting failed container=app pod=web-0_default(<uid>)`. */
export function crashLoopBackOffMessage(
  backOffMs: number,
  containerName: string,
  podName: string,
  namespace: string,
  podUid: string,
): string {
  return `back-off ${formatGoDurationMs(backOffMs)} restarting failed container=${containerName} pod=${podName}_${namespace}(${podUid})`;
}

function containerKind(container: Container, ctx: ContainerStatusContext): 'regular' | 'init' | 'sidecar' {
  if (!ctx.isInitContainer) {
    return 'regular';
  }
  return container.restartPolicy === 'Always' ? 'sidecar' : 'init';
}

/**
 * Rebuilds the newest-first runtime instances from the engine state. During a
 * CrashLoopBackOff wait the dead instance is in the `last*` fields and keeps
 * the current restartCount; otherwise the previous instance's count is one lower.
 */
function runtimeInstancesFor(
  engine: EngineContainerState,
  ctx: ContainerStatusContext,
  containerName: string,
): RuntimeInstance[] {
  const idFor = (restartCount: number): string => containerIdFor(ctx.podUid, containerName, restartCount);
  const inBackOff = engine.state === ContainerStateCode.Waiting && engine.waitingReason === WaitingReasonCode.CrashLoopBackOff;
  const lastRestartCount = inBackOff ? engine.restartCount : Math.max(0, engine.restartCount - 1);
  const messageOf = (exitCode: number, startedAtMs: number, finishedAtMs: number): { message?: string } => {
    const message = ctx.terminationMessage?.({ exitCode, startedAtMs, finishedAtMs });
    return message ? { message } : {};
  };
  const last: RuntimeInstance[] = engine.hasLast
    ? [
        {
          state: 'exited',
          ...messageOf(engine.lastExitCode, engine.lastStartedAtMs, engine.lastFinishedAtMs),
          exitCode: engine.lastExitCode,
          startedAtMs: engine.lastStartedAtMs >= 0 ? engine.lastStartedAtMs : undefined,
          finishedAtMs: engine.lastFinishedAtMs >= 0 ? engine.lastFinishedAtMs : undefined,
          restartCount: lastRestartCount,
          containerId: idFor(lastRestartCount),
        },
      ]
    : [];

  switch (engine.state) {
    case ContainerStateCode.Running:
      return [
        {
          state: 'running',
          startedAtMs: engine.startedAtMs >= 0 ? engine.startedAtMs : undefined,
          restartCount: engine.restartCount,
          containerId: idFor(engine.restartCount),
        },
        ...last,
      ];
    case ContainerStateCode.Terminated:
      return [
        {
          state: 'exited',
          ...messageOf(engine.exitCode, engine.startedAtMs, engine.finishedAtMs),
          exitCode: engine.exitCode,
          startedAtMs: engine.startedAtMs >= 0 ? engine.startedAtMs : undefined,
          finishedAtMs: engine.finishedAtMs >= 0 ? engine.finishedAtMs : undefined,
          restartCount: engine.restartCount,
          containerId: idFor(engine.restartCount),
        },
        ...last,
      ];
    case ContainerStateCode.Waiting:
      if (engine.waitingReason === WaitingReasonCode.None) {
        // Created but not started yet.
        return [{ state: 'created', restartCount: engine.restartCount, containerId: idFor(engine.restartCount) }, ...last];
      }
      // No new instance exists: before the first start, or waiting out a back-off.
      return last;
  }
}

function startErrorFor(engine: EngineContainerState, container: Container, ctx: ContainerStatusContext): StartError | undefined {
  if (ctx.startError) {
    return ctx.startError;
  }
  if (engine.state === ContainerStateCode.Waiting && engine.waitingReason === WaitingReasonCode.CrashLoopBackOff) {
    return {
      reason: 'CrashLoopBackOff',
      message: crashLoopBackOffMessage(engine.backOffMs, container.name, ctx.podName, ctx.namespace, ctx.podUid),
    };
  }
  return undefined;
}

/**
 * Converts one container's engine state to its v1 ContainerStatus. Times are
 * RFC 3339 with whole seconds. The container ID is derived from the pod UID,
 * container name and restartCount, and `image` is normalised as containerd does.
 * NOTE: the kubelet always writes `started` (false unless running), so an
 * engine value of -1 (unset) is shown as false.
 */
export function toContainerStatus(
  container: Container,
  engine: EngineContainerState,
  ctx: ContainerStatusContext,
): ContainerStatus {
  const epochMs = ctx.epochMs ?? DEFAULT_EPOCH_MS;
  const instances = runtimeInstancesFor(engine, ctx, container.name);
  const converted = convertRuntimeStatus({
    instancesNewestFirst: instances,
    kind: containerKind(container, ctx),
    restartPolicy: ctx.restartPolicy,
    deleting: ctx.deleting,
    startError: startErrorFor(engine, container, ctx),
    previousStatus: ctx.previousStatus,
    defaultWaitingReason: ctx.podHasInitContainers ? 'PodInitializing' : 'ContainerCreating',
    formatTime: (simMs) => formatRfc3339(simMs, epochMs),
  });

  const image = container.image ?? '';
  const hasInstance = converted.containerId !== undefined;
  // The prober manager marks a regular init container ready only once it has
  // exited 0; while it runs it is not ready, whatever its probes would say.
  const isRegularInit = containerKind(container, ctx) === 'init';
  const ready = isRegularInit ? converted.state.terminated?.exitCode === 0 : engine.ready;
  const status: ContainerStatus = {
    name: container.name,
    state: converted.state,
    lastState: converted.lastState,
    ready,
    // With no instance to read, the engine's count is the newest one the API has seen.
    restartCount: instances.length === 0 ? Math.max(converted.restartCount, engine.restartCount) : converted.restartCount,
    image: normalizeImageName(image),
    // The runtime reports an image ID only once a container has been created from the image.
    imageID: hasInstance ? imageIdFor(image) : '',
    started: engine.started === 1,
  };
  if (converted.containerId) {
    status.containerID = converted.containerId;
  }
  return status;
}

/** Orders statuses by name in code-unit order, as Go's sort of strings does. */
function compareByName(a: ContainerStatus, b: ContainerStatus): number {
  if (a.name === b.name) {
    return 0;
  }
  return a.name < b.name ? -1 : 1;
}

/** Engine states of one pod, keyed by container name. */
export type EngineStatesByName = ReadonlyMap<string, EngineContainerState>;

/**
 * Builds status.initContainerStatuses (spec order) and status.containerStatuses
 * (sorted by name, as the kubelet's SortedContainerStatuses does). A container
 * with no engine state is left out, which the phase and conditions count as unknown.
 */
export function buildContainerStatuses(
  spec: Pick<PodSpec, 'containers' | 'initContainers' | 'restartPolicy'>,
  engineStates: EngineStatesByName,
  ctx: Omit<ContainerStatusContext, 'isInitContainer' | 'podHasInitContainers' | 'previousStatus' | 'terminationMessage'> & {
    previousStatuses?: readonly ContainerStatus[];
    /** Returns a container's termination message for a dead instance; see ContainerStatusContext.terminationMessage. */
    terminationMessageFor?: (containerName: string, instance: TerminatedInstance) => string | undefined;
  },
): { initContainerStatuses: ContainerStatus[]; containerStatuses: ContainerStatus[] } {
  const initContainers = spec.initContainers ?? [];
  const podHasInitContainers = initContainers.length > 0;
  const convert = (container: Container, isInitContainer: boolean): ContainerStatus | undefined => {
    const engine = engineStates.get(container.name);
    if (!engine) {
      return undefined;
    }
    const { terminationMessageFor, ...shared } = ctx;
    return toContainerStatus(container, engine, {
      ...shared,
      ...(terminationMessageFor ? { terminationMessage: (instance: TerminatedInstance) => terminationMessageFor(container.name, instance) } : {}),
      restartPolicy: ctx.restartPolicy ?? spec.restartPolicy,
      isInitContainer,
      podHasInitContainers,
      previousStatus: ctx.previousStatuses?.find((s) => s.name === container.name),
    });
  };

  const initContainerStatuses = initContainers
    .map((c) => convert(c, true))
    .filter((s): s is ContainerStatus => s !== undefined);
  const containerStatuses = spec.containers
    .map((c) => convert(c, false))
    .filter((s): s is ContainerStatus => s !== undefined)
    .sort(compareByName);
  return { initContainerStatuses, containerStatuses };
}
