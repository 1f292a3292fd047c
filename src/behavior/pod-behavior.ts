/**
 * Per-pod tracking of what changes while a pod's containers run, beyond the
 * behavior each container got at pod start: files shared through volumes,
 * DNS names and Services that appear, and the cause of each probe failure.
 * The tracker turns these into setExit and setHealth engine signals.
 */
import type { Container, Pod, Probe } from '../api/v1.js';
import { behaviorFor, type ContainerPlan, type ProbeField } from './behavior.js';
import { PodFiles, resolvePath } from './filesystem.js';
import type { NetworkView } from './interpreter.js';
import { baseName } from './catalog.js';
import { SHELLS } from './interpreter.js';
import { ContainerKindCode, type Engine, ProbeTypeCode } from '../engine/types.js';
import { missingFileOutput, resolvePort, type ProbeOutputContext } from '../kubelet/events.js';
import { terminationMessage } from '../kubelet/termination-message.js';
import type { TerminatedInstance } from '../kubelet/container-status.js';

/** The cluster network as one namespace sees it now. */
export interface ClusterNetwork {
  /** Whether cluster DNS resolves `name` (`svc`, `svc.ns`, `svc.ns.svc.cluster.local`). */
  resolves(name: string): boolean;
  /** Whether an HTTP request to `host` is answered (a Service with ready endpoints); undefined for a host outside the cluster. */
  answers(host: string): boolean | undefined;
}

const PROBE_FIELDS: Record<ProbeTypeCode, ProbeField> = {
  [ProbeTypeCode.Startup]: 'startupProbe',
  [ProbeTypeCode.Readiness]: 'readinessProbe',
  [ProbeTypeCode.Liveness]: 'livenessProbe',
};

export class PodBehavior {
  readonly files = new PodFiles();
  /** Start time of each container's running process, by engine index; undefined when none runs. */
  private readonly processStart: (number | undefined)[] = [];
  /** Last health window sent per engine index, to skip repeats. */
  private readonly sentHealth: string[] = [];

  constructor(
    private pod: Pod,
    /** Containers in engine order, with their kinds and plans. */
    private readonly containers: { container: Container; kind: ContainerKindCode; plan: ContainerPlan }[],
  ) {}

  setPod(pod: Pod): void {
    this.pod = pod;
  }

  /** A process of container `index` started at `timeMs`: its files and its command's own timing apply from then. */
  processStarted(index: number, timeMs: number): void {
    const entry = this.containers[index];
    if (!entry) return;
    this.processStart[index] = timeMs;
    this.sentHealth[index] = '';
    const events = [...(entry.plan.run?.fileEvents ?? []), ...(entry.plan.postStart?.fileEvents ?? [])];
    this.files.startProcess(this.pod, entry.container, timeMs, events);
  }

  processExited(index: number, timeMs: number): void {
    const entry = this.containers[index];
    if (!entry) return;
    this.processStart[index] = undefined;
    this.files.stopProcess(entry.container.name, timeMs);
  }

  /** Whether container `index` runs a command whose outcome depends on DNS or Services. */
  usesNetwork(index: number): boolean {
    return this.containers[index]?.plan.run?.usesNetwork === true;
  }

  /** Indices of containers with a running process whose command depends on the network. */
  networkDependents(): number[] {
    return this.containers.flatMap((_, index) => (this.processStart[index] !== undefined && this.usesNetwork(index) ? [index] : []));
  }

  /**
   * Runs the command of container `index` again against the network as it is
   * at `nowMs` and sends the exit it gives. Past loop iterations keep their
   * answers, so only the future changes.
   */
  sendExit(engine: Engine, engineIndex: number, index: number, nowMs: number, network: ClusterNetwork): void {
    const entry = this.containers[index];
    const startMs = this.processStart[index];
    if (!entry || startMs === undefined) return;
    const sinceStart = Math.max(0, nowMs - startMs);
    const view: NetworkView = {
      dnsFromMs: (name) => (network.resolves(name) ? sinceStart : -1),
      httpFromMs: (host) => {
        const answers = network.answers(host);
        if (answers === undefined) return undefined;
        return answers ? sinceStart : -1;
      },
    };
    const { behavior } = behaviorFor(this.pod, entry.container, { kind: entry.kind, network: view });
    engine.setExit(engineIndex, index, behavior.runMs < 0 ? -1 : startMs + behavior.runMs, behavior.exitCode);
  }

  /**
   * Sends each running container with an exec probe on a file the window in
   * which that file exists, as the pod's processes write and remove it. When
   * a container has several probes, all must pass: the latest start and the
   * earliest end win.
   */
  sendHealth(engine: Engine, engineIndex: number): void {
    this.containers.forEach((entry, index) => {
      const startMs = this.processStart[index];
      if (startMs === undefined) return;
      const plans = Object.entries(entry.plan.probes);
      if (!plans.some(([, plan]) => plan?.file !== undefined)) return;

      let fromMs = startMs;
      let untilMs = -1;
      for (const [, plan] of plans) {
        if (plan === undefined) continue;
        const window = plan.file !== undefined
          ? this.files.existenceWindow(resolvePath(this.pod, entry.container, plan.file), startMs)
          : { fromMs: plan.health.healthyFromMs < 0 ? -1 : startMs + plan.health.healthyFromMs, untilMs: plan.health.unhealthyFromMs < 0 ? -1 : startMs + plan.health.unhealthyFromMs };
        fromMs = fromMs < 0 || window.fromMs < 0 ? -1 : Math.max(fromMs, window.fromMs);
        if (window.untilMs >= 0) untilMs = untilMs < 0 ? window.untilMs : Math.min(untilMs, window.untilMs);
      }
      const key = `${fromMs}/${untilMs}`;
      if (this.sentHealth[index] === key) return;
      this.sentHealth[index] = key;
      engine.setHealth(engineIndex, index, fromMs, untilMs);
    });
  }

  /** Returns what made a probe attempt of container `index` fail at `timeMs`, for the Unhealthy event text. */
  probeFailureContext(index: number, probeType: ProbeTypeCode, timeMs: number, podIP: string): ProbeOutputContext {
    const entry = this.containers[index];
    const ctx: ProbeOutputContext = { podIP };
    if (!entry) return ctx;
    const field = PROBE_FIELDS[probeType];
    const probe: Probe | undefined = entry.container[field];
    const plan = entry.plan.probes[field];
    if (!probe || !plan) return ctx;

    if (probe.exec) {
      if (plan.file !== undefined) ctx.execOutput = missingFileOutput(fileCommandName(probe.exec.command ?? []), plan.file, entry.plan.busybox);
      else ctx.execOutput = plan.execFailureOutput ?? '';
      return ctx;
    }
    if (probe.httpGet) {
      // An image default or a command podsim did not understand: no listening model, keep the status-code text.
      if (entry.plan.run === undefined) return ctx;
      const startMs = this.processStart[index] ?? timeMs;
      const port = Number(resolvePort(probe.httpGet.port, entry.container));
      const listens = entry.plan.listenFromMs >= 0 && timeMs >= startMs + entry.plan.listenFromMs && entry.plan.ports.includes(port);
      if (!listens) {
        ctx.httpConnectionRefused = true;
        return ctx;
      }
      const path = probe.httpGet.path ?? '/';
      ctx.httpStatusCode = entry.plan.httpPaths !== undefined && !entry.plan.httpPaths.includes(path) ? 404 : 500;
    }
    return ctx;
  }

  /** Returns the termination message of a dead instance of `containerName`. */
  terminationMessage(containerName: string, instance: TerminatedInstance): string | undefined {
    const entry = this.containers.find((candidate) => candidate.container.name === containerName);
    const run = entry?.plan.run;
    if (!entry || !run) return undefined;
    const ranMs = instance.startedAtMs >= 0 && instance.finishedAtMs >= 0 ? instance.finishedAtMs - instance.startedAtMs : Infinity;
    return terminationMessage(entry.container, run.writes, run.logLines, instance.exitCode, ranMs, this.containers.length);
  }
}

/** Returns the program an exec probe runs: `cat` for `["cat", F]` and for `["sh", "-c", "cat F"]`. */
function fileCommandName(command: readonly string[]): string {
  const first = command[0] ?? '';
  if (SHELLS.has(baseName(first)) && command.length >= 3) return (command[command.length - 1] ?? '').trim().split(/\s+/)[0] ?? '';
  return first;
}
