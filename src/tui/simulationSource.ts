/**
 * The part of cluster/simulation.ts `Simulation` the UI uses. Components and
 * tests depend on this shape, so a test can drive the UI with a stub and the
 * UI never reaches into the simulation's internals.
 */
import type { Event, KubeObject, Pod } from '../api/v1.js';

/** A pod change as Simulation.onChange reports it. */
export interface SimulationChange {
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  pod: Pod;
  /** Simulated ms of the change. */
  timeMs: number;
}

/** A change of any stored object, as the control plane's store watch reports it. */
export interface StoreChange {
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  /** The object after the change; for DELETED, its last state. */
  object: KubeObject;
}

/** The node operations of the control plane (NodeLifecycle). */
export interface NodeOperations {
  /** `kubectl cordon` (or uncordon with `unschedulable` false); returns kubectl's line. */
  cordon(name: string, unschedulable?: boolean): string;
  /** Stops the node's kubelet. */
  failNode(name: string): void;
  /** Restarts the node's kubelet. */
  restoreNode(name: string): void;
}

/** The control-plane calls the UI makes: the same ones a scenario Timeline makes. Each throws the API error on failure. */
export interface ControlPlaneSource {
  readonly store: {
    get<T extends KubeObject = KubeObject>(kind: string, namespace: string | undefined, name: string): T | undefined;
    list<T extends KubeObject = KubeObject>(kind: string): T[];
    watch(listener: (change: StoreChange) => void): () => void;
  };
  readonly nodes: NodeOperations;
  /** `kubectl scale`; returns kubectl's line. */
  scale(kind: string, namespace: string, name: string, replicas: number): string;
  setPodCondition(namespace: string, name: string, type: string, status: 'True' | 'False' | 'Unknown'): void;
  /** `kubectl delete`; returns kubectl's lines. */
  delete(kind: string, namespace: string | undefined, name: string, options?: { gracePeriodSeconds?: number; force?: boolean }): string[];
}

export interface SimulationSource {
  /** Wall-clock time of simulated time 0, in Unix ms. */
  readonly epochMs: number;
  /** Current simulated time in ms since the epoch. */
  readonly nowMs: number;
  /** `wasm` or `js`. */
  readonly engineKind: string;
  readonly controlPlane: ControlPlaneSource;
  /** Applies as `kubectl apply`: `output` has kubectl's lines, `errors` the objects the API server rejected. */
  apply(objects: readonly KubeObject[], file?: string): { output: string[]; errors: string[] };
  advanceTo(targetMs: number): void;
  step(): boolean;
  nextEventMs(): number;
  pods(): Pod[];
  /** Every stored object of a kind, sorted by namespace then name. */
  list<T extends KubeObject = KubeObject>(kind: string): T[];
  events(): Event[];
  eventsFor(pod: Pod): Event[];
  /** Deletes as `kubectl delete pod` and returns kubectl's lines; throws the API error when the pod does not exist. */
  deletePod(namespace: string, name: string, options?: { gracePeriodSeconds?: number; force?: boolean }): string[];
  onChange(listener: (change: SimulationChange) => void): () => void;
}
