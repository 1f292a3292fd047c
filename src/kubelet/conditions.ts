/**
 * Pod conditions as the kubelet generates them (pkg/kubelet/status/generate.go
 * and generateAPIPodStatus, v1.31.14). Name lists in messages are printed the
 * way Go prints a []string: `[a b]`.
 */
import type { Container, ContainerStatus, PodCondition, PodSpec } from '../api/v1.js';
import { findStatus, hasAnyRegularContainerStarted, isSidecar } from './container-kind.js';
import { formatRfc3339, DEFAULT_EPOCH_MS } from './time.js';

/** The spec fields the condition generators read. `null` stands for a nil spec. */
export type ConditionSpec = Pick<PodSpec, 'containers' | 'initContainers' | 'readinessGates'>;

/** Condition types the kubelet owns, in the order it appends them. */
export const KUBELET_CONDITION_ORDER = [
  'PodReadyToStartContainers',
  'Initialized',
  'Ready',
  'ContainersReady',
  'PodScheduled',
] as const;

const KUBELET_OWNED = new Set<string>(KUBELET_CONDITION_ORDER);

function goStringList(names: readonly string[]): string {
  return `[${names.join(' ')}]`;
}

function condition(type: string, status: string, reason?: string, message?: string): PodCondition {
  const result: PodCondition = { type, status };
  if (reason) {
    result.reason = reason;
  }
  if (message) {
    result.message = message;
  }
  return result;
}

/**
 * Generates ContainersReady from the sidecars and regular containers, so
 * regular init containers are not looked at. `statuses` contains init and
 * regular statuses together, and `null` is a nil list.
 */
export function generateContainersReady(
  spec: ConditionSpec | null,
  statuses: readonly ContainerStatus[] | null,
  phase: string,
): PodCondition {
  if (statuses === null) {
    return condition('ContainersReady', 'False', 'UnknownContainerStatuses');
  }
  const unknown: string[] = [];
  const unready: string[] = [];
  const checked: Container[] = [
    ...(spec?.initContainers ?? []).filter(isSidecar),
    ...(spec?.containers ?? []),
  ];
  for (const container of checked) {
    const status = findStatus(statuses, container.name);
    if (!status) {
      unknown.push(container.name);
    } else if (!status.ready) {
      unready.push(container.name);
    }
  }

  if (phase === 'Succeeded' && unknown.length === 0) {
    return condition('ContainersReady', 'False', 'PodCompleted');
  }
  if (phase === 'Failed') {
    return condition('ContainersReady', 'False', 'PodFailed');
  }

  const messages: string[] = [];
  if (unknown.length > 0) {
    messages.push(`containers with unknown status: ${goStringList(unknown)}`);
  }
  if (unready.length > 0) {
    messages.push(`containers with unready status: ${goStringList(unready)}`);
  }
  if (messages.length > 0) {
    return condition('ContainersReady', 'False', 'ContainersNotReady', messages.join(', '));
  }
  return condition('ContainersReady', 'True');
}

/**
 * Generates Ready: ContainersReady first, then each readiness gate in spec
 * order against `podConditions` (the conditions the pod has at that point).
 */
export function generateReady(
  spec: ConditionSpec | null,
  podConditions: readonly PodCondition[] | null,
  statuses: readonly ContainerStatus[] | null,
  phase: string,
): PodCondition {
  const containersReady = generateContainersReady(spec, statuses, phase);
  if (containersReady.status !== 'True') {
    return condition('Ready', containersReady.status, containersReady.reason, containersReady.message);
  }

  const gateMessages: string[] = [];
  for (const gate of spec?.readinessGates ?? []) {
    const gateCondition = podConditions?.find((c) => c.type === gate.conditionType);
    if (!gateCondition) {
      gateMessages.push(`corresponding condition of pod readiness gate "${gate.conditionType}" does not exist.`);
    } else if (gateCondition.status !== 'True') {
      gateMessages.push(
        `the status of pod readiness gate "${gate.conditionType}" is not "True", but ${gateCondition.status}`,
      );
    }
  }
  if (gateMessages.length > 0) {
    return condition('Ready', 'False', 'ReadinessGatesNotReady', gateMessages.join(', '));
  }
  return condition('Ready', 'True');
}

function isInitContainerInitialized(container: Container, status: ContainerStatus): boolean {
  if (isSidecar(container)) {
    return status.started === true;
  }
  return status.ready;
}

/**
 * Generates Initialized. A regular init container is initialized when ready
 * (it exited 0); a sidecar when started. Once a regular container has run,
 * the pod stays initialized whatever its sidecars do.
 */
export function generateInitialized(
  spec: ConditionSpec | null,
  statuses: readonly ContainerStatus[] | null,
  phase: string,
): PodCondition {
  const initContainers = spec?.initContainers ?? [];
  if (statuses === null && initContainers.length > 0) {
    return condition('Initialized', 'False', 'UnknownContainerStatuses');
  }

  const unknown: string[] = [];
  const incomplete: string[] = [];
  for (const container of initContainers) {
    const status = findStatus(statuses, container.name);
    if (!status) {
      unknown.push(container.name);
    } else if (!isInitContainerInitialized(container, status)) {
      incomplete.push(container.name);
    }
  }

  if (phase === 'Succeeded' && unknown.length === 0) {
    return condition('Initialized', 'True', 'PodCompleted');
  }
  if (spec && hasAnyRegularContainerStarted(spec, statuses)) {
    return condition('Initialized', 'True');
  }

  const messages: string[] = [];
  if (unknown.length > 0) {
    messages.push(`containers with unknown status: ${goStringList(unknown)}`);
  }
  if (incomplete.length > 0) {
    messages.push(`containers with incomplete status: ${goStringList(incomplete)}`);
  }
  if (messages.length > 0) {
    return condition('Initialized', 'False', 'ContainersNotInitialized', messages.join(', '));
  }
  return condition('Initialized', 'True');
}

/** Generates PodReadyToStartContainers: True once the pod sandbox with its network exists. */
export function generatePodReadyToStartContainers(sandboxReady: boolean): PodCondition {
  return condition('PodReadyToStartContainers', sandboxReady ? 'True' : 'False');
}

/**
 * Generates PodScheduled. The kubelet always writes True with no reason; the
 * scheduler writes False with `Unschedulable` (or `SchedulingGated`) before the
 * pod has a node.
 */
export function generatePodScheduled(scheduled = true, reason = 'Unschedulable', message?: string): PodCondition {
  return scheduled ? condition('PodScheduled', 'True') : condition('PodScheduled', 'False', reason, message);
}

export interface BuildConditionsInput {
  spec: ConditionSpec;
  /** Init and regular container statuses together. */
  statuses: readonly ContainerStatus[];
  phase: string;
  sandboxReady: boolean;
  /** Simulated time of this status update, in ms. */
  nowMs: number;
  /** Wall-clock time of simulated time 0, in Unix ms. */
  epochMs?: number;
}

/**
 * Builds status.conditions the way generateAPIPodStatus and the status
 * manager do. Conditions the kubelet does not own (readiness gates,
 * DisruptionTarget) are kept first in their existing order. Then come
 * PodReadyToStartContainers, Initialized, Ready, ContainersReady and
 * PodScheduled=True. A kubelet-owned condition keeps its lastTransitionTime
 * while its status is unchanged and gets `nowMs` when the status changes.
 */
export function buildConditions(
  existing: readonly PodCondition[] | undefined,
  input: BuildConditionsInput,
): PodCondition[] {
  const conditions: PodCondition[] = (existing ?? []).filter((c) => !KUBELET_OWNED.has(c.type)).map((c) => ({ ...c }));
  const generated: PodCondition[] = [];

  generated.push(generatePodReadyToStartContainers(input.sandboxReady));
  generated.push(generateInitialized(input.spec, input.statuses, input.phase));
  // Readiness gates are checked against what the pod has so far, as in the kubelet.
  generated.push(generateReady(input.spec, [...conditions, ...generated], input.statuses, input.phase));
  generated.push(generateContainersReady(input.spec, input.statuses, input.phase));
  generated.push(generatePodScheduled());

  const now = formatRfc3339(input.nowMs, input.epochMs ?? DEFAULT_EPOCH_MS);
  for (const generatedCondition of generated) {
    const previous = existing?.find((c) => c.type === generatedCondition.type);
    const keepTime = previous !== undefined && previous.status === generatedCondition.status;
    conditions.push({
      type: generatedCondition.type,
      status: generatedCondition.status,
      lastProbeTime: null,
      lastTransitionTime: keepTime && previous.lastTransitionTime ? previous.lastTransitionTime : now,
      ...(generatedCondition.reason ? { reason: generatedCondition.reason } : {}),
      ...(generatedCondition.message ? { message: generatedCondition.message } : {}),
    });
  }
  return conditions;
}
