/**
 * The complete v1 PodStatus for one pod, assembled the way the kubelet's
 * generateAPIPodStatus does (v1.31.14), from what the engine reports.
 */
import type { Pod, PodIP, PodStatus } from '../api/v1.js';
import type { EngineContainerState, EnginePodState } from '../engine/types.js';
import { buildConditions } from './conditions.js';
import { buildContainerStatuses, type TerminatedInstance } from './container-status.js';
import { applyStickyTerminalPhase, getPhase, type PodPhase } from './phase.js';
import { qosClass } from './qos.js';
import { DEFAULT_EPOCH_MS, formatRfc3339 } from './time.js';

export const DEADLINE_EXCEEDED_REASON = 'DeadlineExceeded';
export const DEADLINE_EXCEEDED_MESSAGE = 'Pod was active on the node longer than the specified deadline';

export interface PodStatusContext {
  /** Simulated time of this status update, in ms. */
  nowMs: number;
  /** Wall-clock time of simulated time 0, in Unix ms (default 2026-01-01T00:00:00Z). */
  epochMs?: number;
  hostIP?: string;
  hostIPs?: string[];
  /** Pod IP, shown once the sandbox exists. */
  podIP?: string;
  podIPs?: string[];
  /**
   * The status this pod had before (the kubelet's cached status). Its phase is
   * the input to the sticky terminal rule; its conditions keep their
   * lastTransitionTime. Defaults to `pod.status`.
   */
  previousStatus?: PodStatus;
  /** Returns a container's termination message for a dead instance, or undefined for none. */
  terminationMessageFor?: (containerName: string, instance: TerminatedInstance) => string | undefined;
}

function toPodIPs(primary: string | undefined, all: string[] | undefined): PodIP[] | undefined {
  let ips: string[] = [];
  if (all && all.length > 0) {
    ips = all;
  } else if (primary) {
    ips = [primary];
  }
  return ips.length > 0 ? ips.map((ip) => ({ ip })) : undefined;
}

function engineStatesByName(
  pod: Pick<Pod, 'metadata' | 'spec'>,
  states: readonly EngineContainerState[] | ReadonlyMap<string, EngineContainerState>,
): ReadonlyMap<string, EngineContainerState> {
  if (!Array.isArray(states)) {
    return states as ReadonlyMap<string, EngineContainerState>;
  }
  const specContainers = [...(pod.spec.initContainers ?? []), ...pod.spec.containers];
  if (states.length !== specContainers.length) {
    throw new Error(
      `engine reported ${states.length} container states for pod ${pod.metadata.name ?? ''}, but its spec has ${specContainers.length} containers`,
    );
  }
  return new Map(specContainers.map((c, i) => [c.name, states[i]!]));
}

/**
 * Builds the pod's v1 status. `engineContainerStates` is keyed by container
 * name, or an array in engine order (init containers in spec order, then
 * regular containers in spec order).
 * The phase comes from getPhase with the engine's terminal flag. An exceeded
 * activeDeadlineSeconds forces Failed with reason DeadlineExceeded, and a
 * terminal previous phase is never left.
 */
export function buildPodStatus(
  pod: Pick<Pod, 'metadata' | 'spec' | 'status'>,
  enginePod: EnginePodState,
  engineContainerStates: readonly EngineContainerState[] | ReadonlyMap<string, EngineContainerState>,
  ctx: PodStatusContext,
): PodStatus {
  const epochMs = ctx.epochMs ?? DEFAULT_EPOCH_MS;
  const previous = ctx.previousStatus ?? pod.status ?? {};
  const spec = pod.spec;
  const statesByName = engineStatesByName(pod, engineContainerStates);

  const { initContainerStatuses, containerStatuses } = buildContainerStatuses(spec, statesByName, {
    podName: pod.metadata.name ?? '',
    namespace: pod.metadata.namespace ?? 'default',
    podUid: pod.metadata.uid ?? '',
    restartPolicy: spec.restartPolicy,
    deleting: enginePod.deleting || pod.metadata.deletionTimestamp !== undefined,
    epochMs,
    previousStatuses: [...(previous.initContainerStatuses ?? []), ...(previous.containerStatuses ?? [])],
    ...(ctx.terminationMessageFor ? { terminationMessageFor: ctx.terminationMessageFor } : {}),
  });

  let phase: PodPhase = getPhase(spec, initContainerStatuses, containerStatuses, enginePod.terminal);
  let reason: string | undefined;
  let message: string | undefined;
  if (phase === previous.phase) {
    reason = previous.reason;
    message = previous.message;
  }
  if (enginePod.deadlineExceeded) {
    phase = 'Failed';
    reason = DEADLINE_EXCEEDED_REASON;
    message = DEADLINE_EXCEEDED_MESSAGE;
  }
  const stickyPhase = applyStickyTerminalPhase(previous.phase, phase);
  if (stickyPhase !== phase) {
    phase = stickyPhase;
    reason = previous.reason;
    message = previous.message;
  }

  const status: PodStatus = { phase };
  status.conditions = buildConditions(previous.conditions, {
    spec,
    statuses: [...initContainerStatuses, ...containerStatuses],
    phase,
    sandboxReady: enginePod.sandboxReady,
    nowMs: ctx.nowMs,
    epochMs,
  });
  if (message) {
    status.message = message;
  }
  if (reason) {
    status.reason = reason;
  }

  const hostIPs = toPodIPs(ctx.hostIP, ctx.hostIPs);
  if (hostIPs) {
    status.hostIP = hostIPs[0]!.ip;
    status.hostIPs = hostIPs;
  }
  // The pod IP appears once the sandbox has its network, and stays after it is torn down.
  const podIPs = enginePod.sandboxReady ? toPodIPs(ctx.podIP, ctx.podIPs) : previous.podIPs;
  if (podIPs && podIPs.length > 0) {
    status.podIP = podIPs[0]!.ip;
    status.podIPs = podIPs;
  }
  if (enginePod.startedAtMs >= 0) {
    status.startTime = formatRfc3339(enginePod.startedAtMs, epochMs);
  } else if (previous.startTime) {
    status.startTime = previous.startTime;
  }
  if (initContainerStatuses.length > 0 || (spec.initContainers ?? []).length > 0) {
    status.initContainerStatuses = initContainerStatuses;
  }
  status.containerStatuses = containerStatuses;
  status.qosClass = qosClass(pod);
  return status;
}
