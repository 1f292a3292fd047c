/**
 * Sums of pod resource requests and limits for `kubectl describe node`
 * (resourcehelper.PodRequestsAndLimits, v1.31), in millicores and bytes.
 * NOTE: sidecar init containers and pod overhead are not counted; a pod's
 * request is the larger of its containers' sum and its largest init container.
 */
import type { Pod } from '../../api/v1.js';
import { parseQuantity } from '../quantity.js';

export interface ResourceTotals {
  cpuMilli: number;
  memoryBytes: number;
  ephemeralBytes: number;
}

type ResourceMap = Record<string, string | number> | undefined;

function totalsOf(resources: ResourceMap): ResourceTotals {
  return {
    cpuMilli: Math.round((parseQuantity(resources?.cpu) ?? 0) * 1000),
    memoryBytes: parseQuantity(resources?.memory) ?? 0,
    ephemeralBytes: parseQuantity(resources?.['ephemeral-storage']) ?? 0,
  };
}

function add(a: ResourceTotals, b: ResourceTotals): ResourceTotals {
  return { cpuMilli: a.cpuMilli + b.cpuMilli, memoryBytes: a.memoryBytes + b.memoryBytes, ephemeralBytes: a.ephemeralBytes + b.ephemeralBytes };
}

function max(a: ResourceTotals, b: ResourceTotals): ResourceTotals {
  return { cpuMilli: Math.max(a.cpuMilli, b.cpuMilli), memoryBytes: Math.max(a.memoryBytes, b.memoryBytes), ephemeralBytes: Math.max(a.ephemeralBytes, b.ephemeralBytes) };
}

export const ZERO_TOTALS: ResourceTotals = { cpuMilli: 0, memoryBytes: 0, ephemeralBytes: 0 };

/** Returns a pod's requests and limits. */
export function podRequestsAndLimits(pod: Pod): { requests: ResourceTotals; limits: ResourceTotals } {
  let requests = ZERO_TOTALS;
  let limits = ZERO_TOTALS;
  for (const container of pod.spec.containers) {
    requests = add(requests, totalsOf(container.resources?.requests as ResourceMap));
    limits = add(limits, totalsOf(container.resources?.limits as ResourceMap));
  }
  for (const container of pod.spec.initContainers ?? []) {
    requests = max(requests, totalsOf(container.resources?.requests as ResourceMap));
    limits = max(limits, totalsOf(container.resources?.limits as ResourceMap));
  }
  return { requests, limits };
}

/** Sums totals. */
export function sumTotals(items: readonly ResourceTotals[]): ResourceTotals {
  return items.reduce(add, ZERO_TOTALS);
}

/** Formats millicores as a canonical CPU quantity: `0`, `250m`, `2`. */
export function formatCpu(milli: number): string {
  if (milli === 0) return '0';
  return milli % 1000 === 0 ? String(milli / 1000) : `${milli}m`;
}

const BINARY_UNITS: [string, number][] = [
  ['Ei', 2 ** 60],
  ['Pi', 2 ** 50],
  ['Ti', 2 ** 40],
  ['Gi', 2 ** 30],
  ['Mi', 2 ** 20],
  ['Ki', 2 ** 10],
];
const DECIMAL_UNITS: [string, number][] = [
  ['E', 1e18],
  ['P', 1e15],
  ['T', 1e12],
  ['G', 1e9],
  ['M', 1e6],
  ['k', 1e3],
];

/**
 * Formats bytes as a canonical quantity: the largest binary suffix that
 * divides it exactly, else the largest decimal one, else a plain number.
 * NOTE: Go keeps the format (binary or decimal) of the first quantity
 * summed, so a sum of decimal quantities that is also a whole number of
 * KiB prints with a binary suffix here but a decimal one in kubectl.
 */
export function formatBytes(bytes: number): string {
  if (bytes === 0) return '0';
  for (const [suffix, size] of BINARY_UNITS) if (bytes % size === 0) return `${bytes / size}${suffix}`;
  for (const [suffix, size] of DECIMAL_UNITS) if (bytes % size === 0) return `${bytes / size}${suffix}`;
  return String(bytes);
}

/** The integer percentage kubectl prints, or 0 when the total is 0. */
export function percentOf(value: number, total: number): number {
  return total === 0 ? 0 : Math.trunc((value / total) * 100);
}
