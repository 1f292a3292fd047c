/**
 * A SimulationSource stub for component tests: pods, events and other
 * objects are plain objects the test sets, deletePod marks the pod
 * Terminating the way the real simulation does for a running pod, and the
 * control-plane calls are recorded.
 */
import type { Event, KubeObject, Pod } from '../../src/api/v1.js';
import type { ControlPlaneSource, SimulationChange, SimulationSource, StoreChange } from '../../src/tui/simulationSource.js';

export const EPOCH_MS = Date.parse('2026-01-01T00:00:00Z');

/** Returns an RFC 3339 time `simMs` after the epoch. */
export function at(simMs: number): string {
  return new Date(EPOCH_MS + simMs).toISOString().replace(/\.\d+Z$/, 'Z');
}

export interface PodSpecInput {
  name: string;
  namespace?: string;
  labels?: Record<string, string>;
  /** `Running`, `Waiting:REASON`, `Terminated:REASON`. */
  state?: string;
  restarts?: number;
  ready?: boolean;
  createdMs?: number;
  grace?: number;
}

/** Builds a one-container pod in the given state. */
export function makePod(input: PodSpecInput): Pod {
  const namespace = input.namespace ?? 'default';
  const state = input.state ?? 'Running';
  const [kind, reason] = state.split(':');
  const containerState =
    kind === 'Running' ? { running: { startedAt: at(0) } } : kind === 'Terminated' ? { terminated: { exitCode: 1, reason } } : { waiting: { reason } };
  const restarts = input.restarts ?? 0;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: input.name, namespace, uid: `uid-${namespace}-${input.name}`, labels: input.labels ?? {}, creationTimestamp: at(input.createdMs ?? 0) },
    spec: { containers: [{ name: 'app', image: 'busybox' }], terminationGracePeriodSeconds: input.grace ?? 30, nodeName: 'node-1' },
    status: {
      phase: kind === 'Running' ? 'Running' : 'Pending',
      conditions: [{ type: 'Ready', status: input.ready ?? kind === 'Running' ? 'True' : 'False' }],
      podIPs: [{ ip: '10.244.0.2' }],
      containerStatuses: [
        {
          name: 'app',
          image: 'busybox',
          imageID: '',
          ready: input.ready ?? kind === 'Running',
          restartCount: restarts,
          state: containerState,
          ...(restarts > 0 ? { lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: at(0) } } } : {}),
        },
      ],
    },
  } as Pod;
}

/** A control plane stub: a store of non-pod objects and a log of every call, as `scale deployment/web 5`. */
export class FakeControlPlane implements ControlPlaneSource {
  readonly objects: KubeObject[] = [];
  readonly calls: string[] = [];
  private readonly watchers = new Set<(change: StoreChange) => void>();

  readonly store = {
    get: <T extends KubeObject = KubeObject>(kind: string, namespace: string | undefined, name: string): T | undefined =>
      this.objects.find((object) => object.kind === kind && object.metadata.name === name && (namespace === undefined || object.metadata.namespace === namespace)) as T | undefined,
    list: <T extends KubeObject = KubeObject>(kind: string): T[] => this.objects.filter((object) => object.kind === kind) as T[],
    watch: (listener: (change: StoreChange) => void): (() => void) => {
      this.watchers.add(listener);
      return () => this.watchers.delete(listener);
    },
  };

  readonly nodes = {
    cordon: (name: string, unschedulable = true): string => {
      this.calls.push(`${unschedulable ? 'cordon' : 'uncordon'} ${name}`);
      const node = this.requireObject('Node', undefined, name);
      (node.spec as { unschedulable?: boolean }).unschedulable = unschedulable;
      this.emit({ type: 'MODIFIED', object: node });
      return `node/${name} ${unschedulable ? 'cordoned' : 'uncordoned'}`;
    },
    failNode: (name: string): void => {
      this.requireObject('Node', undefined, name);
      this.calls.push(`failNode ${name}`);
    },
    restoreNode: (name: string): void => {
      this.requireObject('Node', undefined, name);
      this.calls.push(`restoreNode ${name}`);
    },
  };

  constructor(private readonly simulation: FakeSimulation) {}

  /** Stores an object, as a create through the API would. */
  add(object: KubeObject): void {
    this.objects.push(object);
    this.emit({ type: 'ADDED', object });
  }

  scale(kind: string, namespace: string, name: string, replicas: number): string {
    const object = this.requireObject(kind, namespace, name);
    this.calls.push(`scale ${kind.toLowerCase()}/${name} ${replicas}`);
    (object.spec as { replicas?: number }).replicas = replicas;
    this.emit({ type: 'MODIFIED', object });
    return `${kind.toLowerCase()}.apps/${name} scaled`;
  }

  setPodCondition(namespace: string, name: string, type: string, status: 'True' | 'False' | 'Unknown'): void {
    const pod = this.simulation.podList.find((candidate) => candidate.metadata.name === name && candidate.metadata.namespace === namespace);
    if (!pod) throw new Error(`Error from server (NotFound): pods "${name}" not found`);
    this.calls.push(`setPodCondition ${name} ${type}=${status}`);
    const conditions = (pod.status!.conditions ?? []).filter((condition) => condition.type !== type);
    pod.status!.conditions = [{ type, status }, ...conditions];
    this.simulation.emit({ type: 'MODIFIED', pod, timeMs: this.simulation.nowMs });
  }

  delete(kind: string, namespace: string | undefined, name: string): string[] {
    this.calls.push(`delete ${kind.toLowerCase()}/${name}`);
    if (kind === 'Pod') return this.simulation.deletePod(namespace ?? 'default', name);
    const object = this.requireObject(kind, namespace, name);
    this.objects.splice(this.objects.indexOf(object), 1);
    this.emit({ type: 'DELETED', object });
    return [`${kind.toLowerCase()} "${name}" deleted`];
  }

  private requireObject(kind: string, namespace: string | undefined, name: string): KubeObject {
    const object = this.store.get(kind, namespace, name);
    if (!object) throw new Error(`Error from server (NotFound): ${kind.toLowerCase()}s "${name}" not found`);
    return object;
  }

  private emit(change: StoreChange): void {
    for (const watcher of this.watchers) watcher(change);
  }
}

export class FakeSimulation implements SimulationSource {
  readonly epochMs = EPOCH_MS;
  readonly engineKind = 'js';
  nowMs = 60_000;
  podList: Pod[] = [];
  eventList: Event[] = [];
  deleted: { namespace: string; name: string; options: { gracePeriodSeconds?: number; force?: boolean } }[] = [];
  applied: KubeObject[] = [];
  readonly controlPlane = new FakeControlPlane(this);
  private readonly listeners = new Set<(change: SimulationChange) => void>();

  constructor(pods: Pod[] = []) {
    this.podList = pods;
  }

  apply(objects: readonly KubeObject[]): { output: string[]; errors: string[] } {
    const lines: string[] = [];
    for (const object of objects) {
      this.applied.push(object);
      if (object.kind !== 'Pod' || this.podList.some((pod) => pod.metadata.name === object.metadata.name)) continue;
      const pod = structuredClone(object) as Pod;
      pod.metadata.uid = `uid-${pod.metadata.name}`;
      pod.metadata.namespace ??= 'default';
      pod.metadata.creationTimestamp = at(this.nowMs);
      this.podList.push(pod);
      this.emit({ type: 'ADDED', pod, timeMs: this.nowMs });
      lines.push(`pod/${pod.metadata.name} created`);
    }
    return { output: lines, errors: [] };
  }

  advanceTo(targetMs: number): void {
    this.nowMs = Math.max(this.nowMs, targetMs);
  }

  step(): boolean {
    return false;
  }

  nextEventMs(): number {
    return -1;
  }

  pods(): Pod[] {
    return this.podList;
  }

  list<T extends KubeObject = KubeObject>(kind: string): T[] {
    return (kind === 'Pod' ? this.podList : this.controlPlane.store.list(kind)) as T[];
  }

  events(): Event[] {
    return this.eventList;
  }

  eventsFor(pod: Pod): Event[] {
    return this.eventList.filter((event) => event.involvedObject.uid === pod.metadata.uid);
  }

  deletePod(namespace: string, name: string, options: { gracePeriodSeconds?: number; force?: boolean } = {}): string[] {
    const pod = this.podList.find((candidate) => candidate.metadata.name === name && candidate.metadata.namespace === namespace);
    if (!pod) throw new Error(`Error from server (NotFound): pods "${name}" not found`);
    this.deleted.push({ namespace, name, options });
    pod.metadata.deletionTimestamp = at(this.nowMs + (options.gracePeriodSeconds ?? 30) * 1000);
    this.emit({ type: 'MODIFIED', pod, timeMs: this.nowMs });
    return [`pod "${name}" deleted`];
  }

  onChange(listener: (change: SimulationChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Sends a change to the listeners, as the engine would while time advances. */
  emit(change: SimulationChange): void {
    for (const listener of this.listeners) listener(change);
  }
}

/** Builds a v1 Event about `pod`. */
export function makeEvent(pod: Pod, type: 'Normal' | 'Warning', reason: string, message: string, simMs: number, count = 1): Event {
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: `${pod.metadata.name}.${reason}.${simMs}`, namespace: pod.metadata.namespace },
    involvedObject: { kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid, fieldPath: 'spec.containers{app}' },
    reason,
    message,
    source: { component: 'kubelet', host: 'node-1' },
    firstTimestamp: at(simMs),
    lastTimestamp: at(simMs),
    count,
    type,
    eventTime: null,
    reportingComponent: 'kubelet',
    reportingInstance: 'node-1',
  };
}
