/**
 * Per-container history over simulated time, recorded from the pod change
 * stream and the event stream: state spans, restarts and probe failures.
 * The simulation keeps only the current status, so the UI keeps this itself.
 */
import type { ContainerStatus, Pod } from '../../api/v1.js';
import type { EventOccurrence } from './eventStream.js';

/** The state of a container during a span. */
export type SpanKind = 'waiting' | 'running' | 'backoff' | 'terminating' | 'terminated' | 'gone';

/** A state that started at `startMs` (simulated ms) and lasted until the next span. */
export interface Span {
  kind: SpanKind;
  startMs: number;
}

/** One container's recorded history. */
export interface ContainerHistory {
  name: string;
  /** `init` for init containers (sidecars included), `app` otherwise. */
  role: 'init' | 'app';
  spans: Span[];
  /** Simulated ms of each restart (restartCount going up). */
  restarts: number[];
  /** Simulated ms of each failed probe (a Warning `Unhealthy` event). */
  probeFailures: number[];
  lastRestartCount: number;
}

/** One pod's recorded history. */
export interface PodHistory {
  /** Simulated ms the pod was first seen. */
  firstSeenMs: number;
  containers: Map<string, ContainerHistory>;
}

/** Maximum spans and marks kept per container; older ones are dropped first. */
export const MAX_MARKS_PER_CONTAINER = 500;

const BACKOFF_REASONS = new Set(['CrashLoopBackOff', 'ImagePullBackOff', 'ErrImagePull']);
const CONTAINER_FIELD_PATH = /^spec\.(?:initContainers|containers)\{(.+)\}$/;

function spanKindOf(status: ContainerStatus, deleting: boolean): SpanKind {
  const { waiting, running, terminated } = status.state ?? {};
  if (terminated) return 'terminated';
  if (running) return deleting ? 'terminating' : 'running';
  if (waiting && BACKOFF_REASONS.has(waiting.reason ?? '')) return 'backoff';
  return 'waiting';
}

function pushBounded<T>(list: T[], item: T): void {
  list.push(item);
  if (list.length > MAX_MARKS_PER_CONTAINER) list.splice(0, list.length - MAX_MARKS_PER_CONTAINER);
}

export class TimelineRecorder {
  private readonly pods = new Map<string, PodHistory>();

  /** Records the pod's container states as of simulated time `simMs`. */
  recordPod(pod: Pod, simMs: number, removed = false): void {
    const uid = pod.metadata.uid ?? '';
    let history = this.pods.get(uid);
    if (!history) {
      history = { firstSeenMs: simMs, containers: new Map() };
      this.pods.set(uid, history);
    }
    const deleting = Boolean(pod.metadata.deletionTimestamp);
    const groups: ['init' | 'app', ContainerStatus[] | undefined, { name: string }[] | undefined][] = [
      ['init', pod.status?.initContainerStatuses, pod.spec.initContainers],
      ['app', pod.status?.containerStatuses, pod.spec.containers],
    ];
    for (const [role, statuses, specs] of groups) {
      for (const spec of specs ?? []) {
        const container = this.containerFor(history, spec.name, role);
        const status = statuses?.find((candidate) => candidate.name === spec.name);
        // A container without a status yet has not been created, which the timeline draws as waiting.
        let kind: SpanKind = status ? spanKindOf(status, deleting) : 'waiting';
        if (removed) kind = 'gone';
        const last = container.spans[container.spans.length - 1];
        if (!last || last.kind !== kind) pushBounded(container.spans, { kind, startMs: simMs });

        const restartCount = status?.restartCount ?? 0;
        if (restartCount > container.lastRestartCount) {
          for (let restart = container.lastRestartCount; restart < restartCount; restart++) pushBounded(container.restarts, simMs);
          container.lastRestartCount = restartCount;
        }
      }
    }
  }

  /** Marks probe failures from `Unhealthy` Warning events; `epochMs` converts their wall times to simulated ms. */
  recordEvents(occurrences: readonly EventOccurrence[], epochMs: number): void {
    for (const occurrence of occurrences) {
      if (occurrence.type !== 'Warning' || occurrence.reason !== 'Unhealthy') continue;
      const history = this.pods.get(occurrence.uid);
      const containerName = CONTAINER_FIELD_PATH.exec(occurrence.fieldPath)?.[1];
      const container = containerName === undefined ? undefined : history?.containers.get(containerName);
      if (container) pushBounded(container.probeFailures, occurrence.timeMs - epochMs);
    }
  }

  history(uid: string): PodHistory | undefined {
    return this.pods.get(uid);
  }

  /** Drops a removed pod's history. */
  forget(uid: string): void {
    this.pods.delete(uid);
  }

  private containerFor(history: PodHistory, name: string, role: 'init' | 'app'): ContainerHistory {
    let container = history.containers.get(name);
    if (!container) {
      container = { name, role, spans: [], restarts: [], probeFailures: [], lastRestartCount: 0 };
      history.containers.set(name, container);
    }
    return container;
  }
}
