/**
 * One row of `kubectl get pods`, computed as the API server's pod printer
 * (`printPod` in pkg/printers/internalversion, Kubernetes v1.31) computes it.
 * The server builds the table, so these rules follow the cluster version, not
 * the kubectl version.
 */
import type { Container, ContainerStatus, Pod, PodCondition } from '../api/v1.js';
import { humanDuration, parseTimestamp, timestampSince } from './humanDuration.js';

/** Row options of `kubectl get pods`. */
export interface PodRowOptions {
  /** `-o wide`: adds IP, NODE, NOMINATED NODE and READINESS GATES. */
  wide?: boolean;
}

/** A condition the server attaches to a table row; kubectl uses it to mark completed pods. */
export interface TableRowCondition {
  type: 'Completed';
  status: 'True';
  reason: 'Succeeded' | 'Failed';
  message: string;
}

/** `status.reason` the node lifecycle controller sets on pods of an unreachable node. */
const NODE_LOST_REASON = 'NodeLost';

function isSidecar(container: Container | undefined): boolean {
  return container?.restartPolicy === 'Always';
}

function hasConditionTrue(conditions: PodCondition[] | undefined, type: string): boolean {
  return (conditions ?? []).some((condition) => condition.type === type && condition.status === 'True');
}

/** Tracks the latest `lastState.terminated.finishedAt`; an unset time never counts, like Go's zero time. */
function laterRestart(current: number | undefined, status: ContainerStatus): number | undefined {
  const finishedAt = parseTimestamp(status.lastState?.terminated?.finishedAt);
  if (finishedAt === undefined) return current;
  return current === undefined || finishedAt > current ? finishedAt : current;
}

/** Returns the STATUS text of a container that terminated without a reason. */
function exitText(exitCode: number, signal: number | undefined): string {
  return signal ? `Signal:${signal}` : `ExitCode:${exitCode}`;
}

/** Row state shared by the init and regular container passes. */
interface RowState {
  reason: string;
  ready: number;
  restarts: number;
  lastRestart: number | undefined;
}

/** Walks init container statuses in list order; returns true when the pod is still initializing. */
function scanInitContainers(pod: Pod, state: RowState, sidecarTotals: { restarts: number; lastRestart?: number }): boolean {
  const specs = new Map((pod.spec.initContainers ?? []).map((container) => [container.name, container]));
  const statuses = pod.status?.initContainerStatuses ?? [];
  const initCount = pod.spec.initContainers?.length ?? 0;

  for (let index = 0; index < statuses.length; index++) {
    const status = statuses[index];
    const sidecar = isSidecar(specs.get(status.name));
    state.restarts += status.restartCount ?? 0;
    state.lastRestart = laterRestart(state.lastRestart, status);
    if (sidecar) {
      sidecarTotals.restarts += status.restartCount ?? 0;
      sidecarTotals.lastRestart = laterRestart(sidecarTotals.lastRestart, status);
    }

    const terminated = status.state?.terminated;
    const waiting = status.state?.waiting;
    if (terminated && terminated.exitCode === 0) continue;
    if (sidecar && status.started === true) {
      if (status.ready) state.ready++;
      continue;
    }

    if (terminated) {
      state.reason = terminated.reason ? `Init:${terminated.reason}` : `Init:${exitText(terminated.exitCode, terminated.signal)}`;
    } else if (waiting?.reason && waiting.reason !== 'PodInitializing') {
      state.reason = `Init:${waiting.reason}`;
    } else {
      state.reason = `Init:${index}/${initCount}`;
    }
    return true;
  }
  return false;
}

/**
 * Walks regular container statuses from last to first, so the first status in
 * the list that has a reason wins. The kubelet sorts that list by name.
 */
function scanContainers(pod: Pod, state: RowState): void {
  const statuses = pod.status?.containerStatuses ?? [];
  let hasRunning = false;

  for (let index = statuses.length - 1; index >= 0; index--) {
    const status = statuses[index];
    state.restarts += status.restartCount ?? 0;
    state.lastRestart = laterRestart(state.lastRestart, status);

    const { waiting, terminated, running } = status.state ?? {};
    if (waiting?.reason) {
      state.reason = waiting.reason;
    } else if (terminated?.reason) {
      state.reason = terminated.reason;
    } else if (terminated) {
      state.reason = exitText(terminated.exitCode, terminated.signal);
    } else if (status.ready && running) {
      hasRunning = true;
      state.ready++;
    }
  }

  // A pod whose first reason is Completed but that still has a running container is not done.
  if (state.reason === 'Completed' && hasRunning) {
    state.reason = hasConditionTrue(pod.status?.conditions, 'Ready') ? 'Running' : 'NotReady';
  }
}

function podReason(pod: Pod): string {
  let reason = pod.status?.reason || pod.status?.phase || '';
  for (const condition of pod.status?.conditions ?? []) {
    if (condition.type === 'PodScheduled' && condition.reason === 'SchedulingGated') reason = 'SchedulingGated';
  }
  return reason;
}

function readinessGatesCell(pod: Pod): string {
  const gates = pod.spec.readinessGates ?? [];
  if (gates.length === 0) return '<none>';
  const conditions = pod.status?.conditions ?? [];
  let trueCount = 0;
  for (const gate of gates) {
    const condition = conditions.find((candidate) => candidate.type === gate.conditionType);
    if (condition?.status === 'True') trueCount++;
  }
  return `${trueCount}/${gates.length}`;
}

/**
 * Returns the cells of one `kubectl get pods` row: NAME, READY, STATUS,
 * RESTARTS, AGE, and with `wide` also IP, NODE, NOMINATED NODE and READINESS
 * GATES. `nowMs` is the epoch time the ages are measured from.
 */
export function printPodRow(pod: Pod, nowMs: number, options: PodRowOptions = {}): string[] {
  const initContainers = pod.spec.initContainers ?? [];
  const total = pod.spec.containers.length + initContainers.filter(isSidecar).length;
  const state: RowState = { reason: podReason(pod), ready: 0, restarts: 0, lastRestart: undefined };
  const sidecarTotals: { restarts: number; lastRestart?: number } = { restarts: 0 };

  const initializing = scanInitContainers(pod, state, sidecarTotals);
  if (!initializing || hasConditionTrue(pod.status?.conditions, 'Initialized')) {
    // Once the pod is initialized, restarts of regular init containers no longer count.
    state.restarts = sidecarTotals.restarts;
    state.lastRestart = sidecarTotals.lastRestart;
    scanContainers(pod, state);
  }

  const phase = pod.status?.phase;
  const isDeleting = Boolean(pod.metadata.deletionTimestamp);
  if (isDeleting && pod.status?.reason === NODE_LOST_REASON) {
    state.reason = 'Unknown';
  } else if (isDeleting && phase !== 'Succeeded' && phase !== 'Failed') {
    state.reason = 'Terminating';
  }

  let restarts = String(state.restarts);
  if (state.restarts !== 0 && state.lastRestart !== undefined) {
    restarts = `${state.restarts} (${humanDuration(nowMs - state.lastRestart)} ago)`;
  }

  const cells = [
    pod.metadata.name ?? '',
    `${state.ready}/${total}`,
    state.reason,
    restarts,
    timestampSince(pod.metadata.creationTimestamp, nowMs),
  ];
  if (!options.wide) return cells;

  return [
    ...cells,
    pod.status?.podIPs?.[0]?.ip || '<none>',
    pod.spec.nodeName || '<none>',
    pod.status?.nominatedNodeName || '<none>',
    readinessGatesCell(pod),
  ];
}

/** Returns the condition the server attaches to the row of a Succeeded or Failed pod, if any. */
export function podRowCondition(pod: Pod): TableRowCondition | undefined {
  switch (pod.status?.phase) {
    case 'Succeeded':
      return { type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.' };
    case 'Failed':
      return { type: 'Completed', status: 'True', reason: 'Failed', message: 'The pod failed.' };
    default:
      return undefined;
  }
}
