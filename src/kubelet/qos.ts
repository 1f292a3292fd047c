/**
 * Pod QoS class as the API server computes it (ComputePodQOS, v1.31). It
 * looks at cpu and memory of every regular and init container, after the
 * defaulting that copies a container's limit into its request when the
 * request is unset.
 */
import type { Container, Pod } from '../api/v1.js';
import { parseQuantityNano } from './quantity.js';

export type QOSClass = 'Guaranteed' | 'Burstable' | 'BestEffort';

const QOS_RESOURCES = ['cpu', 'memory'] as const;

function positiveQuantities(list: Record<string, string | number> | undefined): Map<string, bigint> {
  const result = new Map<string, bigint>();
  for (const name of QOS_RESOURCES) {
    const raw = list?.[name];
    if (raw === undefined) {
      continue;
    }
    const nano = parseQuantityNano(raw);
    if (nano > 0n) {
      result.set(name, nano);
    }
  }
  return result;
}

/** Applies the API default: a resource with a limit and no request gets the limit as its request. */
function defaultedRequests(container: Container): Record<string, string | number> {
  const requests = { ...(container.resources?.requests ?? {}) };
  for (const [name, limit] of Object.entries(container.resources?.limits ?? {})) {
    if (requests[name] === undefined) {
      requests[name] = limit;
    }
  }
  return requests;
}

function addInto(total: Map<string, bigint>, part: Map<string, bigint>): void {
  for (const [name, value] of part) {
    total.set(name, (total.get(name) ?? 0n) + value);
  }
}

/**
 * Computes status.qosClass. It is BestEffort when no container requests or
 * limits cpu or memory. It is Guaranteed when every container limits both and
 * the summed requests equal the summed limits. Anything else is Burstable.
 */
export function qosClass(pod: Pick<Pod, 'spec'>): QOSClass {
  const requests = new Map<string, bigint>();
  const limits = new Map<string, bigint>();
  let guaranteed = true;

  for (const container of [...pod.spec.containers, ...(pod.spec.initContainers ?? [])]) {
    addInto(requests, positiveQuantities(defaultedRequests(container)));
    const containerLimits = positiveQuantities(container.resources?.limits);
    addInto(limits, containerLimits);
    if (!containerLimits.has('cpu') || !containerLimits.has('memory')) {
      guaranteed = false;
    }
  }

  if (requests.size === 0 && limits.size === 0) {
    return 'BestEffort';
  }
  if (guaranteed) {
    for (const [name, request] of requests) {
      if (limits.get(name) !== request) {
        guaranteed = false;
        break;
      }
    }
  }
  return guaranteed && requests.size === limits.size ? 'Guaranteed' : 'Burstable';
}
