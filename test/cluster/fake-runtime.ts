/**
 * A PodRuntime for controller tests: a started pod is Running after
 * `startMs` and Ready after `readyMs`; a pod annotated `test/exit-code`
 * terminates with that code `runMs` after it started; a deleted pod is gone
 * `stopMs` after the delete (or at once for grace 0).
 */
import type { Pod, PodStatus } from '../../src/api/v1.js';
import type { ControlPlane } from '../../src/cluster/control-plane.js';
import type { PodRuntime, PodRuntimeStatus } from '../../src/cluster/runtime.js';
import { formatRfc3339 } from '../../src/kubelet/time.js';

export interface FakeTiming {
  startMs: number;
  readyMs: number;
  runMs: number;
  stopMs: number;
}

interface FakePod {
  pod: Pod;
  nodeName: string;
  startedAt: number;
  deletedAt?: number;
  grace?: number;
  ip: string;
  images: Map<string, string>;
}

export class FakeRuntime implements PodRuntime {
  readonly pods = new Map<string, FakePod>();
  readonly stoppedNodes = new Set<string>();
  readonly imageUpdates: string[] = [];
  plane!: ControlPlane;
  private ipCounter = 2;

  constructor(readonly timing: FakeTiming = { startMs: 1000, readyMs: 2000, runMs: 5000, stopMs: 1000 }) {}

  private get now(): number {
    return this.plane.nowMs;
  }

  startPod(pod: Pod, nodeName: string): void {
    this.pods.set(pod.metadata.uid ?? '', { pod, nodeName, startedAt: this.now, ip: `10.244.0.${this.ipCounter++}`, images: new Map() });
  }

  deletePod(uid: string, gracePeriodSeconds: number): void {
    const entry = this.pods.get(uid);
    if (!entry) return;
    if (gracePeriodSeconds === 0) {
      this.pods.delete(uid);
      return;
    }
    entry.deletedAt ??= this.now;
    entry.grace = gracePeriodSeconds;
  }

  updateContainerImage(uid: string, containerName: string, image: string): void {
    this.imageUpdates.push(`${uid}/${containerName}=${image}`);
  }

  setNodeRunning(nodeName: string, running: boolean): void {
    if (running) this.stoppedNodes.delete(nodeName);
    else this.stoppedNodes.add(nodeName);
  }

  readPodStatus(uid: string, apiPod: Pod): PodRuntimeStatus | undefined {
    const entry = this.pods.get(uid);
    if (!entry) return undefined;
    const now = this.now;
    const elapsed = now - entry.startedAt;
    const ts = (ms: number) => formatRfc3339(ms);
    const exitCode = apiPod.metadata.annotations?.['test/exit-code'];
    const restartPolicy = apiPod.spec.restartPolicy ?? 'Always';
    let phase = 'Pending';
    let ready = false;
    let terminatedCode: number | undefined;
    let restarts = 0;
    if (elapsed >= this.timing.startMs) {
      phase = 'Running';
      ready = elapsed >= this.timing.readyMs;
      if (exitCode !== undefined && elapsed >= this.timing.startMs + this.timing.runMs) {
        const code = Number(exitCode);
        if (restartPolicy === 'OnFailure' && code !== 0) {
          restarts = Math.floor((elapsed - this.timing.startMs) / this.timing.runMs);
          ready = false;
        } else {
          phase = code === 0 ? 'Succeeded' : 'Failed';
          ready = false;
          terminatedCode = code;
        }
      }
    }
    let terminated = false;
    if (entry.deletedAt !== undefined) {
      ready = false;
      if (now >= entry.deletedAt + Math.min(this.timing.stopMs, (entry.grace ?? 30) * 1000)) {
        terminated = true;
        if (phase !== 'Succeeded') phase = 'Failed';
        this.pods.delete(uid);
      }
    }
    const readyText = ready ? 'True' : 'False';
    const gates = (apiPod.status?.conditions ?? []).filter((condition) => !['Ready', 'ContainersReady', 'Initialized', 'PodScheduled', 'PodReadyToStartContainers'].includes(condition.type));
    const status: PodStatus = {
      phase,
      conditions: [
        ...gates,
        { type: 'Ready', status: readyText, lastProbeTime: null, lastTransitionTime: ts(ready ? entry.startedAt + this.timing.readyMs : entry.startedAt) },
        { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: ts(entry.startedAt) },
      ],
      podIP: entry.ip,
      containerStatuses: apiPod.spec.containers.map((container) => ({
        name: container.name,
        ready,
        restartCount: restarts,
        image: container.image ?? '',
        imageID: '',
        ...(terminatedCode !== undefined ? { state: { terminated: { exitCode: terminatedCode } } } : {}),
      })),
    };
    return { status, terminated };
  }
}
