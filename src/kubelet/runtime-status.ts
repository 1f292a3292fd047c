/**
 * Runtime container instances → API container state, as the kubelet converts
 * them (convertToAPIContainerStatuses in pkg/kubelet/kubelet_pods.go, v1.31.14).
 * This is the part of the conversion that decides state and lastState; the
 * engine adapter in container-status.ts fills in IDs, image and readiness.
 */
import type { ContainerState, ContainerStatus } from '../api/v1.js';

/** One container instance as the runtime reports it. Times are simulated ms. */
export interface RuntimeInstance {
  state: 'running' | 'exited' | 'created' | 'unknown';
  exitCode?: number;
  /** Runtime reason; defaults to containerd's `Completed` for exit 0 and `Error` otherwise. */
  reason?: string;
  message?: string;
  startedAtMs?: number;
  finishedAtMs?: number;
  /** Restart count stamped on this instance when it was created. */
  restartCount?: number;
  containerId?: string;
}

/** A start failure the kubelet has on record for the container (its reason cache). */
export interface StartError {
  reason: string;
  message?: string;
}

export interface RuntimeConversionInput {
  /** Instances of one container, newest first. Only the two newest are used. */
  instancesNewestFirst: readonly RuntimeInstance[];
  kind: 'regular' | 'init' | 'sidecar';
  /** Pod restartPolicy; defaults to Always. */
  restartPolicy?: string;
  /** The pod has a deletionTimestamp: nothing is restarted any more. */
  deleting?: boolean;
  startError?: StartError;
  /** The container's status in the previous API status, if there was one. */
  previousStatus?: ContainerStatus;
  /** `ContainerCreating`, or `PodInitializing` when the pod has init containers. */
  defaultWaitingReason: string;
  /** Formats a simulated time as the API shows it. */
  formatTime: (simMs: number) => string;
}

export interface RuntimeConversionResult {
  state: ContainerState;
  lastState: ContainerState;
  restartCount: number;
  /** Container ID of the newest instance, if any. */
  containerId?: string;
}

const UNKNOWN_WHEN_TERMINATED = 'The container could not be located when the pod was terminated';
const UNKNOWN_WHEN_DELETED =
  'The container could not be located when the pod was deleted.  The container used to be Running';

function defaultExitReason(exitCode: number): string {
  return exitCode === 0 ? 'Completed' : 'Error';
}

/** Converts one runtime instance to an API state (convertContainerStatus). */
function convertInstance(
  instance: RuntimeInstance,
  previousStatus: ContainerStatus | undefined,
  formatTime: (simMs: number) => string,
): { state: ContainerState; restartCountOverride?: number } {
  switch (instance.state) {
    case 'running':
      return {
        state: { running: instance.startedAtMs === undefined ? {} : { startedAt: formatTime(instance.startedAtMs) } },
      };
    case 'exited': {
      const exitCode = instance.exitCode ?? 0;
      // The kubelet never fills terminated.signal from the CRI, so it stays unset.
      return {
        state: {
          terminated: {
            exitCode,
            reason: instance.reason ?? defaultExitReason(exitCode),
            ...(instance.message ? { message: instance.message } : {}),
            ...(instance.startedAtMs === undefined ? {} : { startedAt: formatTime(instance.startedAtMs) }),
            ...(instance.finishedAtMs === undefined ? {} : { finishedAt: formatTime(instance.finishedAtMs) }),
            ...(instance.containerId ? { containerID: instance.containerId } : {}),
          },
        },
      };
    }
    case 'unknown':
      if (previousStatus?.state?.running) {
        return {
          state: { terminated: { exitCode: 137, reason: 'ContainerStatusUnknown', message: UNKNOWN_WHEN_TERMINATED } },
          restartCountOverride: previousStatus.restartCount + 1,
        };
      }
      return { state: { waiting: {} } };
    case 'created':
      return { state: { waiting: {} } };
  }
}

/**
 * Reports whether the kubelet would start the container again at the next
 * sync (kubecontainer.ShouldContainerBeRestarted, v1.31). Sidecars are always
 * restarted, and init containers that exited 0 never are.
 */
export function shouldContainerBeRestarted(input: RuntimeConversionInput): boolean {
  if (input.deleting) {
    return false;
  }
  const newest = input.instancesNewestFirst[0];
  if (!newest) {
    return true;
  }
  if (newest.state === 'running') {
    return false;
  }
  if (newest.state === 'unknown' || newest.state === 'created') {
    return true;
  }
  const exitCode = newest.exitCode ?? 0;
  if (input.kind === 'init' && exitCode === 0) {
    return false;
  }
  if (input.kind === 'sidecar') {
    return true;
  }
  const restartPolicy = input.restartPolicy ?? 'Always';
  if (restartPolicy === 'Never') {
    return false;
  }
  if (restartPolicy === 'OnFailure') {
    return exitCode !== 0;
  }
  return true;
}

/**
 * Converts a container's runtime instances to its API state, lastState and
 * restartCount. The newest instance gives `state` and the one before it gives
 * `lastState`. When the container is due to restart and a start error is on
 * record (such as CrashLoopBackOff), a terminated `state` moves to
 * `lastState` and `state` becomes waiting with that error.
 */
export function convertRuntimeStatus(input: RuntimeConversionInput): RuntimeConversionResult {
  const previous = input.previousStatus;
  let state: ContainerState = { waiting: { reason: input.defaultWaitingReason } };
  let lastState: ContainerState = {};
  let restartCount = 0;
  let containerId: string | undefined;

  if (previous) {
    if (previous.state?.terminated) {
      state = previous.state;
      lastState = previous.lastState ?? {};
      containerId = previous.containerID;
    } else {
      lastState = previous.lastState ?? {};
    }
    restartCount = previous.restartCount;
  }

  const [newest, older] = input.instancesNewestFirst;
  if (newest) {
    const converted = convertInstance(newest, previous, input.formatTime);
    state = converted.state;
    restartCount = converted.restartCountOverride ?? newest.restartCount ?? 0;
    containerId = newest.containerId;
    lastState = older ? convertInstance(older, undefined, input.formatTime).state : {};
  } else if (previous?.state?.running && !lastState.terminated) {
    // A container that was running has vanished from the runtime: show it as
    // stopped, not as waiting, so the pod does not fall back to Pending.
    lastState = { terminated: { exitCode: 137, reason: 'ContainerStatusUnknown', message: UNKNOWN_WHEN_DELETED } };
    if (!input.deleting) {
      restartCount += 1;
    }
  }

  if (input.startError && shouldContainerBeRestarted(input)) {
    if (state.terminated) {
      lastState = state;
    }
    state = {
      waiting: {
        reason: input.startError.reason,
        ...(input.startError.message ? { message: input.startError.message } : {}),
      },
    };
  }

  return { state, lastState, restartCount, ...(containerId ? { containerId } : {}) };
}
