/**
 * The pod QoS class as `kubectl describe` prints it: `status.qosClass` when
 * the kubelet has set it, else computed from the container resources as
 * kubectl's qos helper (v1.31) does.
 */
import type { Container, Pod } from '../api/v1.js';
import { parseQuantity } from './quantity.js';

/** Only CPU and memory decide the QoS class. */
const QOS_RESOURCES = ['cpu', 'memory'];

function addPositive(totals: Map<string, number>, resources: Container['resources'], field: 'requests' | 'limits'): Set<string> {
  const found = new Set<string>();
  for (const [name, quantity] of Object.entries(resources?.[field] ?? {})) {
    if (!QOS_RESOURCES.includes(name)) continue;
    const value = parseQuantity(quantity) ?? 0;
    if (value <= 0) continue;
    found.add(name);
    totals.set(name, (totals.get(name) ?? 0) + value);
  }
  return found;
}

/** Computes BestEffort, Burstable or Guaranteed from the requests and limits of all containers. */
export function computePodQOS(pod: Pod): string {
  const requests = new Map<string, number>();
  const limits = new Map<string, number>();
  let isGuaranteed = true;

  for (const container of [...pod.spec.containers, ...(pod.spec.initContainers ?? [])]) {
    addPositive(requests, container.resources, 'requests');
    const limitsFound = addPositive(limits, container.resources, 'limits');
    if (!limitsFound.has('cpu') || !limitsFound.has('memory')) isGuaranteed = false;
  }

  if (requests.size === 0 && limits.size === 0) return 'BestEffort';
  if (isGuaranteed) {
    for (const [name, request] of requests) {
      if (limits.get(name) !== request) isGuaranteed = false;
    }
  }
  return isGuaranteed && requests.size === limits.size ? 'Guaranteed' : 'Burstable';
}

/** Returns the QoS class kubectl describe shows for the pod. */
export function podQOSClass(pod: Pod): string {
  return pod.status?.qosClass || computePodQOS(pod);
}
