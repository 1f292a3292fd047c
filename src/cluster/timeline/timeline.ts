/**
 * The podsim.io/v1alpha1 Timeline kind: steps applied at given simulated
 * times. Example:
 *
 *   apiVersion: podsim.io/v1alpha1
 *   kind: Timeline
 *   metadata: {name: demo}
 *   steps:
 *   - {at: 30s, action: delete, pod: web-0, gracePeriodSeconds: 5}
 *   - {at: 1m, action: scale, deployment: web, replicas: 5}
 *   - {at: 2m, action: setImage, deployment: web, container: app, image: nginx:1.27}
 *   - {at: 3m, action: rollback, deployment: web, toRevision: 1}
 *   - {at: 4m, action: setCondition, pod: web-0, type: example.com/gate, status: "True"}
 *   - {at: 5m, action: cordon, node: node-1}        # also uncordon, drain
 *   - {at: 6m, action: failNode, node: node-2}      # also restoreNode
 *   - {at: 7m, action: apply, file: more.yaml}      # relative to the scenario
 *
 * `namespace` on a step overrides the Timeline's own namespace.
 */
import type { TimelineStep } from '../../api/podsim.js';

export interface TimelineAction {
  atMs: number;
  action: string;
  namespace: string;
  step: TimelineStep;
}

/** The fields each action requires, besides `at` and `action`. */
const REQUIRED_FIELDS: Record<string, string[][]> = {
  delete: [['pod', 'deployment', 'replicaset', 'job', 'service', 'daemonset', 'statefulset']],
  scale: [['deployment', 'replicaset', 'replicationcontroller', 'statefulset'], ['replicas']],
  setImage: [['deployment', 'pod', 'daemonset', 'statefulset', 'replicaset'], ['container'], ['image']],
  rollback: [['deployment']],
  setCondition: [['pod'], ['type'], ['status']],
  cordon: [['node']],
  uncordon: [['node']],
  drain: [['node']],
  failNode: [['node']],
  restoreNode: [['node']],
  apply: [['file']],
};

/** Parses `90`, `90s`, `1m30s`, `500ms` or `2h` into ms. */
export function parseDurationMs(value: string | number): number {
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value < 0) throw new Error(`invalid duration ${value}: expected a non-negative number of seconds`);
    return value * 1000;
  }
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text) * 1000;
  const units: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  let total = 0;
  let rest = text;
  while (rest.length > 0) {
    const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)/.exec(rest);
    if (!match) throw new Error(`invalid duration "${value}": use a number of seconds or a Go duration such as 90s, 1m30s or 500ms`);
    total += Number(match[1]) * units[match[2]];
    rest = rest.slice(match[0].length);
  }
  return total;
}

/**
 * Validates and sorts a Timeline's steps.
 * @throws Error naming the step (`steps[2]`) and what is wrong with it.
 */
export function parseTimeline(steps: unknown, namespace: string): TimelineAction[] {
  if (!Array.isArray(steps)) throw new Error('steps: Required value: a Timeline needs a list of steps');
  const actions: TimelineAction[] = [];
  for (const [index, raw] of steps.entries()) {
    const path = `steps[${index}]`;
    if (raw === null || typeof raw !== 'object') throw new Error(`${path}: Invalid value: expected an object with "at" and "action"`);
    const step = raw as TimelineStep;
    if (step.at === undefined) throw new Error(`${path}.at: Required value`);
    let atMs: number;
    try {
      atMs = parseDurationMs(step.at);
    } catch (error) {
      throw new Error(`${path}.at: ${(error as Error).message}`);
    }
    const required = REQUIRED_FIELDS[step.action];
    if (!required) {
      throw new Error(`${path}.action: Unsupported value: ${JSON.stringify(step.action)}: supported values: ${Object.keys(REQUIRED_FIELDS).map((name) => `"${name}"`).join(', ')}`);
    }
    for (const alternatives of required) {
      if (!alternatives.some((field) => step[field] !== undefined)) {
        throw new Error(`${path}: Required value: action "${step.action}" needs ${alternatives.length === 1 ? `"${alternatives[0]}"` : `one of ${alternatives.map((field) => `"${field}"`).join(', ')}`}`);
      }
    }
    if (step.action === 'scale' && (!Number.isInteger(step.replicas) || (step.replicas as number) < 0)) {
      throw new Error(`${path}.replicas: Invalid value: ${JSON.stringify(step.replicas)}: must be a non-negative integer`);
    }
    if (step.action === 'setCondition' && !['True', 'False', 'Unknown'].includes(String(step.status))) {
      throw new Error(`${path}.status: Unsupported value: ${JSON.stringify(step.status)}: supported values: "True", "False", "Unknown"`);
    }
    actions.push({ atMs, action: step.action, namespace: typeof step.namespace === 'string' ? step.namespace : namespace, step });
  }
  // A stable sort keeps the written order of steps at the same time.
  return actions.sort((a, b) => a.atMs - b.atMs);
}
