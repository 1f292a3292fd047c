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

export interface SimulationSource {
  /** Wall-clock time of simulated time 0, in Unix ms. */
  readonly epochMs: number;
  /** Current simulated time in ms since the epoch. */
  readonly nowMs: number;
  /** `wasm` or `js`. */
  readonly engineKind: string;
  /** Applies as `kubectl apply`: `output` has kubectl's lines, `errors` the objects the API server rejected. */
  apply(objects: readonly KubeObject[], file?: string): { output: string[]; errors: string[] };
  advanceTo(targetMs: number): void;
  step(): boolean;
  nextEventMs(): number;
  pods(): Pod[];
  events(): Event[];
  eventsFor(pod: Pod): Event[];
  /** Deletes as `kubectl delete pod` and returns kubectl's lines; throws the API error when the pod does not exist. */
  deletePod(namespace: string, name: string, options?: { gracePeriodSeconds?: number; force?: boolean }): string[];
  onChange(listener: (change: SimulationChange) => void): () => void;
}
