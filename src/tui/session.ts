/**
 * Everything the UI shows that outlives one screen: the simulation, the
 * clock that drives it, and the indexes built from its change stream. The
 * Ink app and the blessed dashboard both read it, and it keeps running while
 * the terminal passes from one to the other.
 */
import type { Pod } from '../api/v1.js';
import { FleetCounters } from '../dashboard/fleetCounters.js';
import { FleetHistory } from '../dashboard/fleetHistory.js';
import { EventStream } from './model/eventStream.js';
import type { NodeOperation } from './keyHandler.js';
import { PodIndex } from './model/podIndex.js';
import { ResourceIndex } from './model/resourceIndex.js';
import { SPEEDS, speedIndexFor } from './model/speed.js';
import { TimelineRecorder } from './model/timeline.js';
import type { SimulationSource } from './simulationSource.js';

/** Real ms between two frames: the clock advances and the UI re-renders at most this often. */
export const FRAME_MS = 100;
/** Real ms a frame may spend advancing the simulation, so keys and redraws stay prompt. */
const ADVANCE_BUDGET_MS = 60;
/** Simulated ms a `max` speed frame advances per call, so the budget check runs between calls. */
const MAX_SPEED_SLICE_MS = 10_000;
/** Real ms over which the status line's events-per-second rate is averaged. */
const RATE_WINDOW_MS = 1000;

/** A scenario file that failed to load, shown in the banner. */
export interface ScenarioProblem {
  /** `FILE:LINE:COLUMN: message`, or `FILE: message`. */
  text: string;
}

export interface SessionOptions {
  simulation: SimulationSource;
  /** Starting speed in simulated ms per real ms; Infinity for `max`. */
  speed?: number;
  /** Real time source in ms (tests pass a fake). */
  clock?: () => number;
}

export class TuiSession {
  readonly simulation: SimulationSource;
  readonly pods: PodIndex;
  readonly resources: ResourceIndex;
  readonly events = new EventStream();
  readonly timeline = new TimelineRecorder();
  readonly fleet = new FleetHistory();
  /** The dashboard's figures over every pod, updated on each pod change. */
  readonly counters = new FleetCounters();

  /** Increments once per frame and on every user action; the UI re-renders when it changes. */
  frame = 0;
  speedIndex: number;
  paused = false;
  /** Errors of the last scenario reload; empty when the files are valid. */
  problems: ScenarioProblem[] = [];
  /** The last notice for the message line, such as `pod/web created`. */
  notice = '';
  /** Whether the last frame ran out of time before reaching the time the speed asked for. */
  behind = false;

  private readonly clock: () => number;
  private readonly listeners = new Set<() => void>();
  private readonly rateWindow: { atMs: number; count: number }[] = [];
  private readonly unsubscribe: () => void;
  private lastTickMs: number;
  private timer: NodeJS.Timeout | undefined;

  constructor(options: SessionOptions) {
    this.simulation = options.simulation;
    this.clock = options.clock ?? (() => performance.now());
    this.pods = new PodIndex(this.simulation.epochMs, this.clock);
    this.resources = new ResourceIndex(this.simulation.controlPlane);
    this.speedIndex = speedIndexFor(options.speed ?? 1);
    this.lastTickMs = this.clock();

    for (const pod of this.simulation.pods()) this.recordPod(pod, this.simulation.nowMs);
    this.unsubscribe = this.simulation.onChange((change) => {
      if (change.type === 'DELETED') {
        this.pods.remove(change.pod);
        this.counters.remove(podKey(change.pod));
        this.timeline.forget(change.pod.metadata.uid ?? '');
        return;
      }
      this.recordPod(change.pod, change.timeMs);
    });
    this.afterAdvance();
  }

  get speed(): number {
    return SPEEDS[this.speedIndex];
  }

  /** Starts the frame timer. */
  start(): void {
    if (this.timer) return;
    this.lastTickMs = this.clock();
    this.timer = setInterval(() => this.tick(), FRAME_MS);
  }

  /** Stops the frame timer and the change subscription. */
  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.unsubscribe();
    this.resources.stop();
  }

  /** Registers a frame listener; returns the function that removes it. */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getFrame = (): number => this.frame;

  /** Advances the simulation by the real time since the last tick times the speed, then publishes one frame. */
  tick(): void {
    const now = this.clock();
    const elapsedMs = now - this.lastTickMs;
    this.lastTickMs = now;
    if (!this.paused) this.advanceBy(elapsedMs);
    this.afterAdvance();
  }

  togglePause(): void {
    this.paused = !this.paused;
    this.publish();
  }

  /** Moves `delta` steps along the speed ladder. */
  changeSpeed(delta: number): void {
    this.speedIndex = Math.min(SPEEDS.length - 1, Math.max(0, this.speedIndex + delta));
    this.publish();
  }

  /** Advances to the next due timer; sets a notice when nothing is due. */
  stepToNextEvent(): void {
    if (!this.simulation.step()) this.notice = 'nothing is due: every pod is idle';
    this.afterAdvance();
  }

  /** Deletes a pod through the simulation; returns kubectl's line, or throws with its error. */
  deletePod(pod: Pod, gracePeriodSeconds: number | undefined, force: boolean): string {
    const line = this.simulation.deletePod(pod.metadata.namespace ?? 'default', pod.metadata.name ?? '', { gracePeriodSeconds, force }).join(', ');
    this.notice = line;
    this.afterAdvance();
    return line;
  }

  /** `kubectl scale`; returns kubectl's line, or throws with the API error. */
  scale(kind: string, namespace: string, name: string, replicas: number): string {
    return this.runAction(() => this.simulation.controlPlane.scale(kind, namespace, name, replicas));
  }

  /**
   * Sets a readiness gate's condition through the pod's status subresource,
   * as `kubectl patch pod NAME --subresource=status` does; returns that
   * command's line, or throws with the API error.
   */
  setPodCondition(namespace: string, name: string, conditionType: string, status: 'True' | 'False'): string {
    return this.runAction(() => {
      this.simulation.controlPlane.setPodCondition(namespace, name, conditionType, status);
      return `pod/${name} patched (${conditionType}=${status})`;
    });
  }

  /**
   * Fails, restores, cordons or uncordons a node, and returns kubectl's line
   * for cordon and uncordon. kubectl has no command to stop a kubelet, so
   * fail and restore return a line in the same form. Throws with the API error.
   */
  operateNode(operation: NodeOperation, name: string): string {
    const nodes = this.simulation.controlPlane.nodes;
    return this.runAction(() => {
      switch (operation) {
        case 'cordon':
          return nodes.cordon(name, true);
        case 'uncordon':
          return nodes.cordon(name, false);
        case 'fail':
          nodes.failNode(name);
          return `node/${name} failed (its kubelet stopped posting status)`;
        case 'restore':
          nodes.restoreNode(name);
          return `node/${name} restored (its kubelet is running again)`;
      }
    });
  }

  /** Runs one control-plane call, lets the controllers act on it at once, and shows its line. */
  private runAction(action: () => string): string {
    const line = action();
    // Applying no objects runs the control plane's reconcile at the current
    // time, so a scale creates its pods even while the clock is paused.
    this.simulation.apply([]);
    this.notice = line;
    this.afterAdvance();
    return line;
  }

  /** Sets the notice line and publishes a frame. */
  announce(text: string): void {
    this.notice = text;
    this.publish();
  }

  /** Replaces the banner's errors and publishes a frame. */
  setProblems(problems: ScenarioProblem[]): void {
    this.problems = problems;
    this.publish();
  }

  /** Event occurrences per real second over the last second. */
  eventsPerSecond(): number {
    const cutoff = this.clock() - RATE_WINDOW_MS;
    while (this.rateWindow.length > 0 && this.rateWindow[0].atMs < cutoff) this.rateWindow.shift();
    return this.rateWindow.reduce((sum, entry) => sum + entry.count, 0);
  }

  /** Notifies listeners that something changed outside the clock. */
  publish(): void {
    this.frame++;
    for (const listener of this.listeners) listener();
  }

  private advanceBy(elapsedMs: number): void {
    const deadline = this.clock() + ADVANCE_BUDGET_MS;
    if (!Number.isFinite(this.speed)) {
      do {
        this.simulation.advanceTo(this.simulation.nowMs + MAX_SPEED_SLICE_MS);
      } while (this.clock() < deadline);
      this.behind = false;
      return;
    }
    // One due time at a time, so a busy stretch (thousands of pods starting)
    // spreads over frames. Time the budget could not cover is dropped: the
    // simulation runs slower than the chosen speed instead of freezing the UI.
    const target = this.simulation.nowMs + Math.round(elapsedMs * this.speed);
    while (this.simulation.nowMs < target && this.clock() < deadline) {
      const due = this.simulation.nextEventMs();
      this.simulation.advanceTo(due < 0 || due > target ? target : Math.max(due, this.simulation.nowMs));
    }
    this.behind = this.simulation.nowMs < target;
  }

  private recordPod(pod: Pod, simMs: number): void {
    this.pods.upsert(pod, simMs);
    this.counters.upsert(podKey(pod), pod);
    this.timeline.recordPod(pod, simMs);
  }

  private afterAdvance(): void {
    const found = this.events.scan(this.simulation.events());
    this.timeline.recordEvents(found, this.simulation.epochMs);
    this.fleet.countEvents(found.map((occurrence) => occurrence.timeMs - this.simulation.epochMs));
    this.fleet.samplePhases(() => this.counters.phaseCounts(), this.simulation.nowMs);
    if (found.length > 0) this.rateWindow.push({ atMs: this.clock(), count: found.length });
    this.publish();
  }
}

function podKey(pod: Pod): string {
  return `${pod.metadata.namespace ?? 'default'}/${pod.metadata.name ?? ''}`;
}
