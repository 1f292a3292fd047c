/**
 * The default scheduler's filter, score and failure message (kube-scheduler
 * v1.31) for what podsim models: NodeUnschedulable, TaintToleration,
 * NodeAffinity (nodeSelector and required node affinity) and NodeResourcesFit
 * (cpu, memory, pods), in that plugin order, then LeastAllocated scoring.
 */
import type { Node, Taint } from '../../api/core.js';
import type { Container, Pod, Toleration } from '../../api/v1.js';
import { parseQuantityNano } from '../../kubelet/quantity.js';

export type ScheduleResult = { nodeName: string } | { message: string };

/** Filter outcome on one node: the reason text and whether preemption could help. */
interface FilterFailure {
  reason: string;
  /** UnschedulableAndUnresolvable: removing pods from the node would not help. */
  unresolvable: boolean;
}

/** The scheduler's non-zero defaults for scoring containers without requests: 100m cpu and 200Mi memory. */
const DEFAULT_MILLI_CPU_REQUEST = 100n;
const DEFAULT_MEMORY_REQUEST = 200n * 1024n * 1024n;
const NANO = 1_000_000_000n;

export interface ResourceList {
  /** Millicores. */
  cpu: bigint;
  /** Bytes. */
  memory: bigint;
}

function quantity(list: Record<string, string | number> | undefined, name: string): bigint {
  const raw = list?.[name];
  return raw === undefined ? 0n : parseQuantityNano(raw);
}

function containerRequest(container: Container): ResourceList {
  const requests = container.resources?.requests;
  const limits = container.resources?.limits;
  const cpu = requests?.cpu !== undefined ? quantity(requests, 'cpu') : quantity(limits, 'cpu');
  const memory = requests?.memory !== undefined ? quantity(requests, 'memory') : quantity(limits, 'memory');
  return { cpu: (cpu * 1000n + NANO - 1n) / NANO, memory: (memory + NANO - 1n) / NANO };
}

/**
 * The effective request of a pod (resource.PodRequests): the larger of the
 * sum of app containers plus sidecars and the largest init container
 * request (counting sidecars started before it), plus spec.overhead.
 */
export function podRequests(pod: Pod): ResourceList {
  return perSpec(requestsBySpec, pod, computePodRequests);
}

const requestsBySpec = new WeakMap<Pod['spec'], ResourceList>();

/** Returns a pod's requests from `cache`, computing them once per spec: requests cannot change after creation (podsim has no in-place resize). */
function perSpec(cache: WeakMap<Pod['spec'], ResourceList>, pod: Pod, compute: (pod: Pod) => ResourceList): ResourceList {
  let value = cache.get(pod.spec);
  if (value === undefined) cache.set(pod.spec, (value = compute(pod)));
  return value;
}

function computePodRequests(pod: Pod): ResourceList {
  const total: ResourceList = { cpu: 0n, memory: 0n };
  for (const container of pod.spec.containers) {
    const request = containerRequest(container);
    total.cpu += request.cpu;
    total.memory += request.memory;
  }
  const sidecars: ResourceList = { cpu: 0n, memory: 0n };
  const initMax: ResourceList = { cpu: 0n, memory: 0n };
  for (const container of pod.spec.initContainers ?? []) {
    const request = containerRequest(container);
    if (container.restartPolicy === 'Always') {
      sidecars.cpu += request.cpu;
      sidecars.memory += request.memory;
      initMax.cpu = initMax.cpu > sidecars.cpu ? initMax.cpu : sidecars.cpu;
      initMax.memory = initMax.memory > sidecars.memory ? initMax.memory : sidecars.memory;
    } else {
      const cpu = request.cpu + sidecars.cpu;
      const memory = request.memory + sidecars.memory;
      if (cpu > initMax.cpu) initMax.cpu = cpu;
      if (memory > initMax.memory) initMax.memory = memory;
    }
  }
  total.cpu += sidecars.cpu;
  total.memory += sidecars.memory;
  const overhead = pod.spec.overhead;
  const result: ResourceList = {
    cpu: (total.cpu > initMax.cpu ? total.cpu : initMax.cpu) + (quantity(overhead, 'cpu') * 1000n + NANO - 1n) / NANO,
    memory: (total.memory > initMax.memory ? total.memory : initMax.memory) + (quantity(overhead, 'memory') + NANO - 1n) / NANO,
  };
  return result;
}

/** podRequests with the scoring defaults for containers that request nothing. */
function nonZeroRequests(pod: Pod): ResourceList {
  return perSpec(nonZeroBySpec, pod, computeNonZeroRequests);
}

const nonZeroBySpec = new WeakMap<Pod['spec'], ResourceList>();

function computeNonZeroRequests(pod: Pod): ResourceList {
  let cpu = 0n;
  let memory = 0n;
  for (const container of pod.spec.containers) {
    const request = containerRequest(container);
    cpu += request.cpu === 0n ? DEFAULT_MILLI_CPU_REQUEST : request.cpu;
    memory += request.memory === 0n ? DEFAULT_MEMORY_REQUEST : request.memory;
  }
  return { cpu, memory };
}

export function nodeAllocatable(node: Node): ResourceList & { pods: number } {
  const allocatable = node.status?.allocatable ?? node.status?.capacity ?? {};
  // A node's status object is replaced, not edited, when it changes, so its parsed allocatable is kept per object.
  const cached = allocatableByList.get(allocatable);
  if (cached) return cached;
  const parsed = parseAllocatable(allocatable);
  allocatableByList.set(allocatable, parsed);
  return parsed;
}

const allocatableByList = new WeakMap<object, ResourceList & { pods: number }>();

function parseAllocatable(allocatable: Record<string, string | number>): ResourceList & { pods: number } {
  return {
    cpu: (quantity(allocatable, 'cpu') * 1000n) / NANO,
    memory: quantity(allocatable, 'memory') / NANO,
    pods: Number(allocatable.pods ?? 110),
  };
}

/** Whether a toleration tolerates a taint (v1.Toleration.ToleratesTaint). */
export function tolerates(toleration: Toleration, taint: Taint): boolean {
  if (toleration.effect && toleration.effect !== taint.effect) return false;
  if (toleration.key && toleration.key !== taint.key) return false;
  if (!toleration.key && toleration.operator !== 'Exists') return false;
  if (toleration.operator === 'Exists') return true;
  return (toleration.value ?? '') === (taint.value ?? '');
}

function matchesNodeSelectorTerm(term: Record<string, unknown>, node: Node): boolean {
  const expressions = (term.matchExpressions ?? []) as { key: string; operator: string; values?: string[] }[];
  const fields = (term.matchFields ?? []) as { key: string; operator: string; values?: string[] }[];
  if (expressions.length === 0 && fields.length === 0) return false;
  const labels = node.metadata.labels ?? {};
  const check = (value: string | undefined, requirement: { operator: string; values?: string[] }): boolean => {
    const values = requirement.values ?? [];
    switch (requirement.operator) {
      case 'In':
        return value !== undefined && values.includes(value);
      case 'NotIn':
        return value === undefined || !values.includes(value);
      case 'Exists':
        return value !== undefined;
      case 'DoesNotExist':
        return value === undefined;
      case 'Gt':
        return value !== undefined && Number(value) > Number(values[0]);
      case 'Lt':
        return value !== undefined && Number(value) < Number(values[0]);
      default:
        return false;
    }
  };
  return (
    expressions.every((requirement) => check(labels[requirement.key], requirement)) &&
    fields.every((requirement) => check(requirement.key === 'metadata.name' ? node.metadata.name : undefined, requirement))
  );
}

/** nodeSelector and requiredDuringSchedulingIgnoredDuringExecution node affinity. */
export function matchesNodeAffinity(pod: Pod, node: Node): boolean {
  const labels = node.metadata.labels ?? {};
  for (const [key, value] of Object.entries(pod.spec.nodeSelector ?? {})) {
    if (labels[key] !== value) return false;
  }
  const nodeAffinity = (pod.spec.affinity as { nodeAffinity?: { requiredDuringSchedulingIgnoredDuringExecution?: { nodeSelectorTerms?: Record<string, unknown>[] } } } | undefined)?.nodeAffinity;
  const terms = nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  if (terms === undefined) return true;
  return terms.some((term) => matchesNodeSelectorTerm(term, node));
}

/** The first taint with effect NoSchedule or NoExecute that no toleration tolerates. */
export function untoleratedTaint(taints: Taint[] | undefined, tolerations: Toleration[] | undefined, effects: string[] = ['NoSchedule', 'NoExecute']): Taint | undefined {
  if (taints === undefined || taints.length === 0) return undefined;
  return taints.find((taint) => effects.includes(taint.effect) && !(tolerations ?? []).some((toleration) => tolerates(toleration, taint)));
}

/** Summed requests of the pods that hold one node's resources, as filterNode and scoreNode need them. */
export interface NodeUsage {
  /** How many pods are summed. */
  count: number;
  requested: ResourceList;
  nonZero: ResourceList;
}

/** Finds the usage of a node by name; a node missing from it runs no pods. */
export interface NodeUsageLookup {
  get(nodeName: string): NodeUsage | undefined;
}

const EMPTY_USAGE: NodeUsage = { count: 0, requested: { cpu: 0n, memory: 0n }, nonZero: { cpu: 0n, memory: 0n } };

/** Returns an empty usage to add pods to. */
export function emptyUsage(): NodeUsage {
  return { count: 0, requested: { cpu: 0n, memory: 0n }, nonZero: { cpu: 0n, memory: 0n } };
}

/** Adds a pod's requests to a node's usage (sign 1) or takes them away (sign -1). */
export function addToUsage(usage: NodeUsage, pod: Pod, sign: 1 | -1): void {
  const request = podRequests(pod);
  const nonZero = nonZeroRequests(pod);
  const factor = BigInt(sign);
  usage.count += sign;
  usage.requested.cpu += factor * request.cpu;
  usage.requested.memory += factor * request.memory;
  usage.nonZero.cpu += factor * nonZero.cpu;
  usage.nonZero.memory += factor * nonZero.memory;
}

/** Runs the filter plugins in order; the first failing plugin decides the node's reasons. */
function filterNode(pod: Pod, node: Node, usage: NodeUsage): FilterFailure[] {
  if (node.spec.unschedulable) {
    const tolerated = (pod.spec.tolerations ?? []).some((toleration) => tolerates(toleration, { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }));
    if (!tolerated) return [{ reason: 'node(s) were unschedulable', unresolvable: true }];
  }
  const taint = untoleratedTaint(node.spec.taints, pod.spec.tolerations);
  if (taint) return [{ reason: `node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`, unresolvable: true }];
  if (!matchesNodeAffinity(pod, node)) return [{ reason: "node(s) didn't match Pod's node affinity/selector", unresolvable: true }];

  const allocatable = nodeAllocatable(node);
  const failures: FilterFailure[] = [];
  if (usage.count + 1 > allocatable.pods) failures.push({ reason: 'Too many pods', unresolvable: false });
  const request = podRequests(pod);
  const used = usage.requested;
  if (request.cpu > 0n && request.cpu > allocatable.cpu - used.cpu) failures.push({ reason: 'Insufficient cpu', unresolvable: false });
  if (request.memory > 0n && request.memory > allocatable.memory - used.memory) failures.push({ reason: 'Insufficient memory', unresolvable: false });
  return failures;
}

/** LeastAllocated score (0–100) with the scheduler's non-zero request defaults. */
function scoreNode(pod: Pod, node: Node, usage: NodeUsage): number {
  const allocatable = nodeAllocatable(node);
  const onNode = usage.nonZero;
  const incoming = nonZeroRequests(pod);
  const requested = { cpu: onNode.cpu + incoming.cpu, memory: onNode.memory + incoming.memory };
  return (freePercent(allocatable.cpu, requested.cpu) + freePercent(allocatable.memory, requested.memory)) / 2;
}

function freePercent(capacity: bigint, used: bigint): number {
  return capacity === 0n || used > capacity ? 0 : Number(((capacity - used) * 100n) / capacity);
}

/**
 * Chooses a node for `pod` or explains why none fits with the FitError text
 * kube-scheduler v1.31 records, including the default preemption plugin's
 * part. `usageByNode` sums the requests of the pods bound to each node that
 * still hold resources (not terminal).
 * NOTE: preemption itself is not simulated: with equal priorities it finds no
 * victims, which is the message printed for every resource failure.
 */
export function schedulePod(pod: Pod, nodes: Node[], usageByNode: NodeUsageLookup): ScheduleResult {
  // ErrNoNodesAvailable: with no node at all the message reports that instead of counting 0/0.
  if (nodes.length === 0) return { message: 'no nodes available to schedule pods' };
  const feasible: { node: Node; score: number }[] = [];
  const histogram = new Map<string, number>();
  let resolvable = 0;
  for (const node of nodes) {
    const usage = usageByNode.get(node.metadata.name ?? '') ?? EMPTY_USAGE;
    const failures = filterNode(pod, node, usage);
    if (failures.length === 0) {
      feasible.push({ node, score: scoreNode(pod, node, usage) });
      continue;
    }
    for (const failure of failures) histogram.set(failure.reason, (histogram.get(failure.reason) ?? 0) + 1);
    if (!failures[0].unresolvable) resolvable += 1;
  }
  if (feasible.length > 0) {
    feasible.sort((a, b) => b.score - a.score || ((a.node.metadata.name ?? '') < (b.node.metadata.name ?? '') ? -1 : 1));
    return { nodeName: feasible[0].node.metadata.name ?? '' };
  }
  const reasons = [...histogram.entries()].map(([reason, count]) => `${count} ${reason}`).sort();
  let message = `0/${nodes.length} nodes are available`;
  message += reasons.length > 0 ? `: ${reasons.join(', ')}.` : '.';
  if (nodes.length > 0) message += ` ${preemptionMessage(pod, nodes.length, resolvable)}`;
  return { message };
}

function preemptionMessage(pod: Pod, nodeCount: number, resolvable: number): string {
  if (pod.spec.preemptionPolicy === 'Never') return 'preemption: not eligible due to preemptionPolicy=Never.';
  const parts: string[] = [];
  if (nodeCount - resolvable > 0) parts.push(`${nodeCount - resolvable} Preemption is not helpful for scheduling`);
  if (resolvable > 0) parts.push(`${resolvable} No preemption victims found for incoming pod`);
  return `preemption: 0/${nodeCount} nodes are available: ${parts.sort().join(', ')}.`;
}
