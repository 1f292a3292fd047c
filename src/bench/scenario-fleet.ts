/**
 * Benchmark fleets made from a real scenario: every Pod of the scenario, and
 * the pods its workloads start with, converted to engine pods once and then
 * repeated `scale` times.
 */
import type { DaemonSet, Deployment, ReplicaSet, ReplicationController, StatefulSet } from '../api/apps.js';
import type { Job } from '../api/batch.js';
import type { PodTemplateSpec } from '../api/meta.js';
import type { KubeObject, Pod } from '../api/v1.js';
import { toEnginePod } from '../behavior/index.js';
import { podFromTemplate } from '../cluster/controllers/template.js';
import { DEFAULT_NODE_COUNT } from '../cluster/nodes/default-nodes.js';
import { defaultObject } from '../cluster/store/workload-defaults.js';
import type { EnginePod } from '../engine/types.js';
import { defaultPod, loadScenario } from '../scenario/index.js';

/** One pod shape of the scenario and how many pods of it one copy of the scenario runs. */
export interface ScenarioPodShape {
  /** `Kind/namespace/name` of the object the pods come from. */
  source: string;
  pod: EnginePod;
  replicas: number;
}

export interface ScenarioFleet {
  shapes: ScenarioPodShape[];
  /** Pods in one copy of the scenario: the sum of the shapes' replicas. */
  podsPerCopy: number;
  /** Objects that start no pod at time 0 (CronJob, PodTemplate, zero replicas), by `Kind/namespace/name`. */
  skipped: string[];
  warnings: string[];
}

/** Error for a scenario that cannot be loaded; the message lists every file error. */
export class ScenarioFleetError extends Error {}

function describeObject(object: KubeObject): string {
  return `${object.kind}/${object.metadata.namespace ?? 'default'}/${object.metadata.name ?? object.metadata.generateName ?? ''}`;
}

/**
 * Pods a workload runs at time 0, as its controller would create them:
 * replicas for Deployments, ReplicaSets, ReplicationControllers and
 * StatefulSets, min(parallelism, completions) for a Job, one per node for a
 * DaemonSet. CronJobs and PodTemplates start none.
 */
function startingPods(object: KubeObject, nodeCount: number): { template: PodTemplateSpec; replicas: number } | null {
  switch (object.kind) {
    case 'Deployment':
    case 'ReplicaSet':
    case 'StatefulSet': {
      const spec = (object as Deployment | ReplicaSet | StatefulSet).spec;
      return { template: spec.template, replicas: spec.replicas ?? 1 };
    }
    case 'ReplicationController': {
      const spec = (object as ReplicationController).spec;
      return spec.template ? { template: spec.template, replicas: spec.replicas ?? 1 } : null;
    }
    case 'Job': {
      const spec = (object as Job).spec;
      const parallelism = spec.parallelism ?? 1;
      const replicas = spec.suspend ? 0 : Math.min(parallelism, spec.completions ?? parallelism);
      return { template: spec.template, replicas };
    }
    case 'DaemonSet':
      // NOTE: one pod per node, ignoring node selectors, affinity and taints.
      return { template: (object as DaemonSet).spec.template, replicas: nodeCount };
    default:
      return null;
  }
}

/**
 * Loads the scenario at `path` and converts its pods to engine pods with
 * `seed` (image pull times and generated names depend on it). Throws
 * ScenarioFleetError when a file fails to load or nothing would run.
 */
export function loadScenarioFleet(path: string, seed: number): ScenarioFleet {
  const loaded = loadScenario([path]);
  if (loaded.errors.length > 0) {
    throw new ScenarioFleetError(loaded.errors.map((error) => error.text).join('\n'));
  }
  const objects = loaded.objects.map((entry) => entry.object);
  const nodes = objects.filter((object) => object.kind === 'Node').length;
  const nodeCount = nodes > 0 ? nodes : DEFAULT_NODE_COUNT;

  const fleet: ScenarioFleet = { shapes: [], podsPerCopy: 0, skipped: [], warnings: [] };
  const add = (source: string, pod: Pod, replicas: number): void => {
    const defaulted = defaultPod(pod, { seed });
    const enginePod = toEnginePod(defaulted, {
      seed,
      onWarning: (container, message) => fleet.warnings.push(`${source} container ${container}: ${message}`),
    });
    fleet.shapes.push({ source, pod: enginePod, replicas });
    fleet.podsPerCopy += replicas;
  };

  for (const object of objects) {
    const source = describeObject(object);
    if (object.kind === 'Pod') {
      add(source, object as Pod, 1);
      continue;
    }
    const workload = structuredClone(object);
    defaultObject(workload);
    const starting = startingPods(workload, nodeCount);
    if (starting === null) {
      if (object.kind === 'CronJob' || object.kind === 'PodTemplate') fleet.skipped.push(source);
      continue;
    }
    if (starting.replicas <= 0) {
      fleet.skipped.push(source);
      continue;
    }
    add(source, podFromTemplate(starting.template, workload), starting.replicas);
  }

  if (fleet.podsPerCopy === 0) {
    throw new ScenarioFleetError(`${path}: the scenario starts no pod (it needs a Pod or a workload with replicas)`);
  }
  return fleet;
}

/** Containers of the largest pod shape, init containers included: the engine's maxContainers. */
export function maxContainersOf(fleet: ScenarioFleet): number {
  return Math.max(...fleet.shapes.map((shape) => shape.pod.containers.length));
}

/** Expand one copy of the scenario into engine pods, in object order, each shape repeated by its replicas. */
export function expandCopy(fleet: ScenarioFleet): EnginePod[] {
  const pods: EnginePod[] = [];
  for (const shape of fleet.shapes) {
    for (let i = 0; i < shape.replicas; i++) pods.push(shape.pod);
  }
  return pods;
}
