/**
 * Pod phase as the kubelet computes it (getPhase in pkg/kubelet/kubelet_pods.go,
 * v1.31.14), plus the rule that a terminal phase never changes again.
 */
import type { ContainerStatus, PodSpec } from '../api/v1.js';
import { findStatus, hasAnyRegularContainerStarted, isSidecar } from './container-kind.js';

export type PodPhase = 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Unknown';

export function isTerminalPhase(phase: string | undefined): phase is 'Succeeded' | 'Failed' {
  return phase === 'Succeeded' || phase === 'Failed';
}

interface PhaseCounters {
  pendingInit: number;
  failedInit: number;
  unknown: number;
  running: number;
  waiting: number;
  stopped: number;
  succeeded: number;
}

function countRegularInitContainer(status: ContainerStatus | undefined, counters: PhaseCounters): void {
  const state = status?.state;
  if (state?.running) {
    counters.pendingInit++;
  } else if (state?.terminated) {
    if (state.terminated.exitCode !== 0) {
      counters.failedInit++;
    }
  } else if (state?.waiting) {
    const last = status?.lastState?.terminated;
    if (last) {
      // Waiting after an exit 0 counts as done; after a failure it counts as failed.
      if (last.exitCode !== 0) {
        counters.failedInit++;
      }
    } else {
      counters.pendingInit++;
    }
  } else {
    // No status, or a status with no state.
    counters.pendingInit++;
  }
}

function countSidecar(status: ContainerStatus | undefined, counters: PhaseCounters): void {
  if (!status) {
    counters.unknown++;
    return;
  }
  const state = status.state;
  if (state?.running) {
    if (status.started !== true) {
      counters.pendingInit++;
    }
    counters.running++;
  } else if (state?.terminated) {
    // A terminated sidecar never affects the phase.
  } else if (state?.waiting) {
    if (!status.lastState?.terminated) {
      counters.pendingInit++;
      counters.waiting++;
    }
  } else {
    counters.pendingInit++;
    counters.unknown++;
  }
}

function countRegularContainer(status: ContainerStatus | undefined, counters: PhaseCounters): void {
  const state = status?.state;
  if (!status || !state) {
    counters.unknown++;
  } else if (state.running) {
    counters.running++;
  } else if (state.terminated) {
    counters.stopped++;
    if (state.terminated.exitCode === 0) {
      counters.succeeded++;
    }
  } else if (state.waiting) {
    // Waiting after an earlier exit is a container in back-off: it counts as
    // stopped, and never as succeeded, even when the last exit was 0.
    if (status.lastState?.terminated) {
      counters.stopped++;
    } else {
      counters.waiting++;
    }
  } else {
    counters.unknown++;
  }
}

/**
 * Computes the pod phase from the spec and the container statuses (init and
 * regular, looked up by name). `podIsTerminal` is the kubelet's decision that
 * the pod will run nothing more (deleted, evicted, past its deadline). Never
 * returns Unknown.
 */
export function getPhase(
  spec: Pick<PodSpec, 'containers' | 'initContainers' | 'restartPolicy'>,
  initStatuses: readonly ContainerStatus[],
  statuses: readonly ContainerStatus[],
  podIsTerminal: boolean,
): PodPhase {
  const allStatuses = [...initStatuses, ...statuses];
  const restartPolicy = spec.restartPolicy ?? 'Always';
  const counters: PhaseCounters = {
    pendingInit: 0,
    failedInit: 0,
    unknown: 0,
    running: 0,
    waiting: 0,
    stopped: 0,
    succeeded: 0,
  };

  const initContainers = spec.initContainers ?? [];
  for (const container of initContainers) {
    if (!isSidecar(container)) {
      countRegularInitContainer(findStatus(allStatuses, container.name), counters);
    }
  }
  for (const container of initContainers) {
    if (isSidecar(container)) {
      countSidecar(findStatus(allStatuses, container.name), counters);
    }
  }
  for (const container of spec.containers) {
    countRegularContainer(findStatus(allStatuses, container.name), counters);
  }

  if (counters.failedInit > 0 && restartPolicy === 'Never') {
    return 'Failed';
  }
  // A pod whose regular containers have started stays out of Pending while a sidecar restarts.
  if (counters.pendingInit > 0 && !hasAnyRegularContainerStarted(spec, allStatuses)) {
    return 'Pending';
  }
  if (counters.waiting > 0) {
    return 'Pending';
  }
  if (counters.running > 0 && counters.unknown === 0) {
    return 'Running';
  }
  if (counters.running === 0 && counters.stopped > 0 && counters.unknown === 0) {
    if (podIsTerminal) {
      return counters.stopped === counters.succeeded ? 'Succeeded' : 'Failed';
    }
    if (restartPolicy === 'Always') {
      return 'Running';
    }
    if (counters.stopped === counters.succeeded) {
      return 'Succeeded';
    }
    if (restartPolicy === 'Never') {
      return 'Failed';
    }
    return 'Running';
  }
  return 'Pending';
}

/**
 * Applies the sticky terminal rule of generateAPIPodStatus: once the previous
 * phase is Succeeded or Failed, the pod keeps it. The kubelet first keeps a
 * terminal cached phase over a non-terminal computed one, then forces any
 * change away from a terminal API phase back ("illegal phase transition"), so
 * Failed never becomes Succeeded either.
 */
export function applyStickyTerminalPhase(previousPhase: string | undefined, computedPhase: PodPhase): PodPhase {
  if (isTerminalPhase(previousPhase)) {
    return previousPhase;
  }
  return computedPhase;
}
