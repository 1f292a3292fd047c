/** Replays Timeline steps on a ControlPlane at their simulated times, in order. */
import type { Timeline } from '../../api/podsim.js';
import type { KubeObject } from '../../api/v1.js';
import type { ControlPlane } from '../control-plane.js';
import { parseTimeline, type TimelineAction } from './timeline.js';

/** The outcome of one step: kubectl-style output lines, or the error it raised. */
export interface TimelineRecord {
  atMs: number;
  action: string;
  output: string[];
  error?: string;
}

const KIND_FIELDS: [string, string][] = [
  ['pod', 'Pod'],
  ['deployment', 'Deployment'],
  ['replicaset', 'ReplicaSet'],
  ['replicationcontroller', 'ReplicationController'],
  ['job', 'Job'],
  ['service', 'Service'],
  ['daemonset', 'DaemonSet'],
  ['statefulset', 'StatefulSet'],
];

export class TimelinePlayer {
  private readonly timelines = new Map<string, { actions: TimelineAction[]; next: number }>();
  /** Loads the objects of an `apply` step's file; the Simulation sets it (podsim's loader lives in src/scenario). */
  loadFile: ((path: string) => KubeObject[]) | undefined;
  readonly records: TimelineRecord[] = [];

  constructor(private readonly plane: ControlPlane) {}

  /**
   * Registers a Timeline; steps at or before the current time run on the next reconcile.
   * @throws Error when a step is invalid.
   */
  load(timeline: Timeline): void {
    const actions = parseTimeline(timeline.steps, timeline.metadata.namespace ?? 'default');
    this.timelines.set(timeline.metadata.uid ?? timeline.metadata.name ?? '', { actions, next: 0 });
  }

  unload(timeline: Timeline): void {
    this.timelines.delete(timeline.metadata.uid ?? timeline.metadata.name ?? '');
  }

  nextStepMs(): number {
    let next = -1;
    for (const { actions, next: index } of this.timelines.values()) {
      const action = actions[index];
      if (action && (next < 0 || action.atMs < next)) next = action.atMs;
    }
    return next;
  }

  /** Runs every step due at or before `nowMs`, across timelines in time order. */
  runDue(nowMs: number): void {
    for (;;) {
      let chosen: { actions: TimelineAction[]; next: number } | undefined;
      for (const entry of this.timelines.values()) {
        const action = entry.actions[entry.next];
        if (action && action.atMs <= nowMs && (!chosen || action.atMs < chosen.actions[chosen.next].atMs)) chosen = entry;
      }
      if (!chosen) return;
      const action = chosen.actions[chosen.next++];
      const record: TimelineRecord = { atMs: action.atMs, action: action.action, output: [] };
      try {
        record.output = this.run(action);
      } catch (error) {
        record.error = error instanceof Error ? ((error as { kubectlText?: string }).kubectlText ?? error.message) : String(error);
      }
      this.records.push(record);
    }
  }

  private run(action: TimelineAction): string[] {
    const { step, namespace } = action;
    const plane = this.plane;
    const target = (): [string, string] => {
      const found = KIND_FIELDS.find(([field]) => step[field] !== undefined);
      return [found![1], String(step[found![0]])];
    };
    switch (action.action) {
      case 'delete': {
        const [kind, name] = target();
        return plane.delete(kind, namespace, name, {
          gracePeriodSeconds: typeof step.gracePeriodSeconds === 'number' ? step.gracePeriodSeconds : undefined,
          force: step.force === true,
        });
      }
      case 'scale': {
        const [kind, name] = target();
        return [plane.scale(kind, namespace, name, step.replicas as number)];
      }
      case 'setImage': {
        const [kind, name] = target();
        return [plane.setImage(kind, namespace, name, String(step.container), String(step.image))];
      }
      case 'rollback':
        return [plane.rollback(namespace, String(step.deployment), typeof step.toRevision === 'number' ? step.toRevision : 0)];
      case 'setCondition':
        plane.setPodCondition(namespace, String(step.pod), String(step.type), step.status as 'True' | 'False' | 'Unknown');
        return [];
      case 'cordon':
        return [plane.nodes.cordon(String(step.node), true)];
      case 'uncordon':
        return [plane.nodes.cordon(String(step.node), false)];
      case 'drain':
        return plane.nodes.drain(String(step.node));
      case 'failNode':
        plane.nodes.failNode(String(step.node));
        return [];
      case 'restoreNode':
        plane.nodes.restoreNode(String(step.node));
        return [];
      case 'apply': {
        if (!this.loadFile) throw new Error(`cannot apply "${step.file}": no file loader is set on the timeline player`);
        const result = plane.apply(this.loadFile(String(step.file)), String(step.file));
        return [...result.output, ...result.errors];
      }
      default:
        throw new Error(`unsupported timeline action "${action.action}"`);
    }
  }
}
