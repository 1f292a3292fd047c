/**
 * A simulated cluster: the control plane (store, scheduler, controllers,
 * admission) and the kubelets, whose timers the engine plays out. Time moves
 * from one due timer to the next, and the control plane reconciles at each
 * of those times, so every status change carries the time it happened.
 */
import type { Endpoints, Service } from '../api/core.js';
import type { Node as NodeObject } from '../api/core.js';
import type { Event, KubeObject, Pod } from '../api/v1.js';
import { createEngine } from '../engine/index.js';
import type { Engine, EngineKind } from '../engine/types.js';
import type { EventMessage } from '../kubelet/events/messages.js';
import { DEFAULT_EPOCH_MS } from '../kubelet/time.js';
import { loadScenario } from '../scenario/load.js';
import { ControlPlane, type ApplyResult, type DeleteOptions } from './control-plane.js';
import type { ClusterEvent } from './controllers/context.js';
import { EngineRuntime } from './engine-runtime.js';
import { EventRecorder } from './events/recorder.js';
import { CLUSTER_DOMAIN, lookupService } from './services/dns.js';

/** Annotation prefix under which a Pod notes the commands podsim did not understand, one per container. */
export const UNSUPPORTED_ANNOTATION_PREFIX = 'podsim.io/unsupported-';

export type { ApplyResult, DeleteOptions };

export interface SimulationOptions {
  engine?: EngineKind;
  /** Seed of every random choice (probe jitter, sync jitter, pull times, generated names). */
  seed?: number;
  /** Wall-clock time of simulated time 0, in Unix ms (default 2026-01-01T00:00:00Z). */
  epochMs?: number;
  /** Engine capacity in pods; the engine allocates its memory once for this many. */
  maxPods?: number;
  /** Engine capacity in containers per pod, init containers included. */
  maxContainers?: number;
  /** Capacity of the event store ring. */
  maxEvents?: number;
  /** Controllers sync every object on every pass (see ControlPlaneOptions.syncEveryObject). */
  syncEveryObject?: boolean;
}

/** A pod change: the pod after the change, or its last state when it was removed. */
export interface PodChange {
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  pod: Pod;
  timeMs: number;
}

/** A behavior warning: a command or probe podsim could not read, with the pod and container it is about. */
export interface BehaviorWarning {
  namespace: string;
  pod: string;
  container: string;
  message: string;
}

const DEFAULT_MAX_PODS = 4096;
const DEFAULT_MAX_CONTAINERS = 16;

export class Simulation {
  readonly epochMs: number;
  readonly seed: number;
  readonly controlPlane: ControlPlane;
  readonly warnings: BehaviorWarning[] = [];

  private readonly runtime: EngineRuntime;
  private readonly recorder: EventRecorder;
  private readonly listeners = new Set<(change: PodChange) => void>();

  private constructor(
    private readonly engine: Engine,
    options: SimulationOptions,
  ) {
    this.epochMs = options.epochMs ?? DEFAULT_EPOCH_MS;
    this.seed = options.seed ?? 1;
    this.recorder = new EventRecorder({ epochMs: this.epochMs, capacity: options.maxEvents ?? 10_000 });

    let controlPlane: ControlPlane | undefined;
    this.runtime = new EngineRuntime({
      engine,
      seed: this.seed,
      epochMs: this.epochMs,
      findNode: (name) => controlPlane?.store.get<NodeObject>('Node', undefined, name),
      serviceNames: (namespace) => new Set(controlPlane?.store.list<Service>('Service', { namespace }).map((service) => service.metadata.name ?? '')),
      recordEvent: (message, timeMs) => this.recorder.record(message, timeMs),
      onWarning: (pod, container, message) =>
        this.warnings.push({ namespace: pod.metadata.namespace ?? 'default', pod: pod.metadata.name ?? '', container, message }),
      network: (namespace) => ({
        resolves: (name) => controlPlane !== undefined && lookupService(controlPlane.store, name, namespace) !== undefined,
        answers: (host) => (controlPlane === undefined ? undefined : serviceAnswers(controlPlane, host, namespace)),
      }),
      onUnsupported: (pod, container, command) => controlPlane && annotateUnsupported(controlPlane, pod, container, command),
    });
    controlPlane = new ControlPlane({ runtime: this.runtime, seed: this.seed, epochMs: this.epochMs, syncEveryObject: options.syncEveryObject });
    this.controlPlane = controlPlane;
    controlPlane.onEvent((event) => this.recorder.record(clusterEventMessage(event), event.timeMs));
    // A Timeline `apply` step names a manifest file, which the scenario loader made absolute.
    controlPlane.timeline.loadFile = loadManifestFile;
    controlPlane.store.watch((change) => {
      // Commands waiting for a Service (nslookup, wget) see Services and their endpoints change.
      if (change.object.kind === 'Service' || change.object.kind === 'Endpoints') {
        this.runtime.networkChanged(change.object.metadata.namespace ?? 'default');
        return;
      }
      if (change.object.kind !== 'Pod') return;
      const pod = change.object as Pod;
      for (const listener of this.listeners) listener({ type: change.type, pod, timeMs: this.nowMs });
    });
  }

  static async create(options: SimulationOptions = {}): Promise<Simulation> {
    const engine = await createEngine({
      kind: options.engine ?? 'wasm',
      maxPods: options.maxPods ?? DEFAULT_MAX_PODS,
      maxContainers: options.maxContainers ?? DEFAULT_MAX_CONTAINERS,
      seed: options.seed ?? 1,
    });
    return new Simulation(engine, options);
  }

  get engineKind(): EngineKind {
    return this.engine.kind;
  }

  /** Current simulated time in ms since the epoch. */
  get nowMs(): number {
    return this.engine.nowMs;
  }

  /** Registers a listener for pod changes; returns the function that removes it. */
  onChange(listener: (change: PodChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Applies objects as `kubectl apply` does, then lets the control plane act
   * on them at the current time. Returns kubectl's output and error lines.
   */
  apply(objects: readonly KubeObject[], file?: string): ApplyResult {
    const result = this.controlPlane.apply(objects, file);
    this.reconcile();
    return result;
  }

  /**
   * Deletes a pod as `kubectl delete pod` does and returns kubectl's output
   * lines. Throws the API error (with kubectl's message) when it does not exist.
   */
  deletePod(namespace: string, name: string, options: DeleteOptions = {}): string[] {
    const lines = this.controlPlane.delete('Pod', namespace, name, options);
    this.reconcile();
    return lines;
  }

  /** Time of the next engine timer or control-plane wake-up, or -1 when nothing is due. */
  nextEventMs(): number {
    const engineDue = this.engine.nextDueMs();
    const wake = this.controlPlane.nextWakeMs();
    if (engineDue < 0) return wake;
    if (wake < 0) return engineDue;
    return Math.min(engineDue, wake);
  }

  /** Advances simulated time to `targetMs`, stopping at every due time on the way. */
  advanceTo(targetMs: number): void {
    for (;;) {
      const due = this.nextEventMs();
      if (due < 0 || due > targetMs) break;
      this.advanceOneStep(Math.max(due, this.nowMs));
    }
    if (targetMs > this.engine.nowMs) {
      this.engine.advance(targetMs);
      this.reconcile();
    }
  }

  /** Advances to the next due time; returns false when nothing is due. */
  step(): boolean {
    const due = this.nextEventMs();
    if (due < 0) return false;
    this.advanceOneStep(Math.max(due, this.nowMs));
    return true;
  }

  private advanceOneStep(dueMs: number): void {
    let reached: number;
    do {
      reached = this.engine.advance(dueMs);
      this.runtime.handleEngineEvents(this.engine.drainEvents());
    } while (reached < dueMs);
    this.reconcile();
  }

  /** Lets the control plane read the kubelets' status and act, at the current time. */
  private reconcile(): void {
    this.controlPlane.reconcile(this.nowMs);
    // Starting or deleting a pod queues engine work at this same time.
    for (let round = 0; round < 10 && this.engine.nextDueMs() === this.nowMs; round++) {
      this.engine.advance(this.nowMs);
      this.runtime.handleEngineEvents(this.engine.drainEvents());
      this.controlPlane.reconcile(this.nowMs);
    }
  }

  /** Lists every pod in the store, sorted by namespace then name as the API server lists them. */
  pods(): Pod[] {
    return this.controlPlane.store.list<Pod>('Pod');
  }

  pod(namespace: string, name: string): Pod | undefined {
    return this.controlPlane.store.get<Pod>('Pod', namespace, name);
  }

  /** Every stored object of a kind, as the API server lists them. */
  list<T extends KubeObject = KubeObject>(kind: string): T[] {
    return this.controlPlane.store.list<T>(kind);
  }

  /** Returns every stored event, oldest first. */
  events(): Event[] {
    return this.recorder.events();
  }

  /** Returns the events whose involved object is this pod, oldest first. */
  eventsFor(pod: Pod): Event[] {
    return this.recorder.eventsFor(pod.metadata.uid ?? '');
  }
}

/**
 * Whether an HTTP request from `namespace` to `host` gets an answer: true for
 * a Service with ready endpoints, false for one without or a cluster name
 * that does not resolve, undefined for a host outside the cluster.
 */
function serviceAnswers(controlPlane: ControlPlane, host: string, namespace: string): boolean | undefined {
  const answer = lookupService(controlPlane.store, host, namespace);
  if (answer === undefined) {
    const clusterName = !host.includes('.') || host.endsWith('.svc') || host.endsWith(`.${CLUSTER_DOMAIN}`);
    return clusterName && !/^\d+\.\d+\.\d+\.\d+$/.test(host) ? false : undefined;
  }
  const service = answer.service;
  const endpoints = controlPlane.store.get<Endpoints>('Endpoints', service.metadata.namespace, service.metadata.name ?? '');
  return (endpoints?.subsets ?? []).some((subset) => (subset.addresses ?? []).length > 0);
}

/** Notes a command podsim did not understand on the stored Pod, so `describe` lists it under Annotations. */
function annotateUnsupported(controlPlane: ControlPlane, pod: Pod, container: string, command: string): void {
  const stored = controlPlane.store.get<Pod>('Pod', pod.metadata.namespace ?? 'default', pod.metadata.name ?? '');
  if (!stored || stored.metadata.uid !== pod.metadata.uid) return;
  const key = `${UNSUPPORTED_ANNOTATION_PREFIX}${container}`;
  const existing = stored.metadata.annotations?.[key];
  const text = existing === undefined || existing === command || existing.split('; ').includes(command) ? command : `${existing}; ${command}`;
  if (existing === text) return;
  const updated = structuredClone(stored);
  updated.metadata.annotations = { ...(updated.metadata.annotations ?? {}), [key]: text };
  controlPlane.store.update(updated);
}

/** Loads one manifest file for a Timeline `apply` step; throws with every load error's `file:line:column` text. */
function loadManifestFile(path: string): KubeObject[] {
  const result = loadScenario([path]);
  if (result.errors.length > 0) throw new Error(result.errors.map((error) => error.text).join('; '));
  return result.objects.map((loaded) => loaded.object);
}

/** Converts a control-plane event to the recorder's input. */
function clusterEventMessage(event: ClusterEvent): EventMessage {
  return {
    type: event.type,
    reason: event.reason,
    message: event.message,
    fieldPath: '',
    component: event.component,
    involvedObject: {
      name: event.involvedObject.name,
      // Cluster-scoped objects (Nodes) have no namespace; the recorder files their events under default.
      namespace: event.involvedObject.namespace ?? '',
      uid: event.involvedObject.uid,
      kind: event.involvedObject.kind,
      apiVersion: event.involvedObject.apiVersion,
    },
  };
}
