/**
 * The contract between the kubelet engine (assembly/, compiled to WASM or to
 * JavaScript) and the TypeScript around it. Everything crossing the boundary is
 * an integer: times are simulated milliseconds since the engine epoch (i32, so
 * one run covers at most 2^31 ms, about 24.8 days), pods and containers are
 * dense indices, and strings are rebuilt on the TypeScript side from codes.
 */

/** Engine implementation: the AssemblyScript source compiled to WASM, or to JavaScript. */
export type EngineKind = 'wasm' | 'js';

export enum RestartPolicyCode {
  Always = 0,
  OnFailure = 1,
  Never = 2,
}

export enum ContainerKindCode {
  Regular = 0,
  Init = 1,
  /** Restartable init container (`restartPolicy: Always` on an init container). */
  Sidecar = 2,
}

export enum ProbeTypeCode {
  Startup = 0,
  Readiness = 1,
  Liveness = 2,
}

/** One probe, with the API defaults already applied by the scenario layer. */
export interface EngineProbe {
  initialDelaySeconds: number;
  timeoutSeconds: number;
  periodSeconds: number;
  successThreshold: number;
  failureThreshold: number;
  /** Probe-level terminationGracePeriodSeconds, or -1 when unset. */
  terminationGracePeriodSeconds: number;
}

/**
 * What a container does, in simulated time from the moment it starts. The
 * behavior layer derives it from the command, the image and annotations.
 * Every duration is in milliseconds; -1 means "never".
 */
export interface EngineBehavior {
  /** Image pull duration on first use; 0 when the image is already present. */
  pullMs: number;
  /** Time from start to exit on its own, or -1 to run until stopped. */
  runMs: number;
  /** Exit code when it exits on its own. */
  exitCode: number;
  /** Probes succeed from this time after start (0: at once; -1: never). */
  healthyFromMs: number;
  /** Probes fail from this time after start, overriding healthyFromMs (-1: never). */
  unhealthyFromMs: number;
  /** Time from SIGTERM to exit, or -1 when SIGTERM is ignored (then SIGKILL at the deadline, exit 137). */
  sigtermExitMs: number;
  /** Exit code after SIGTERM when it does exit (143 for a process killed by the signal, 0 for a clean shutdown). */
  sigtermExitCode: number;
  /** preStop hook duration, or -1 when the container has no preStop hook. */
  preStopMs: number;
  /** Whether the preStop hook fails (FailedPreStopHook) when it finishes. */
  preStopFails: boolean;
  /**
   * postStart hook duration, or -1 (the default when absent) when the
   * container has no postStart hook. The container shows as waiting until the
   * hook returns.
   */
  postStartMs?: number;
  /** Whether the postStart hook fails: FailedPostStartHook, then the container is killed and restarts by policy. */
  postStartFails?: boolean;
}

export interface EngineContainer {
  kind: ContainerKindCode;
  startupProbe: EngineProbe | null;
  readinessProbe: EngineProbe | null;
  livenessProbe: EngineProbe | null;
  behavior: EngineBehavior;
}

export interface EnginePod {
  restartPolicy: RestartPolicyCode;
  /** spec.terminationGracePeriodSeconds after defaulting (30 by default). */
  terminationGracePeriodSeconds: number;
  /** spec.activeDeadlineSeconds, or -1 when unset. */
  activeDeadlineSeconds: number;
  /** Init containers (regular and sidecar) first in spec order, then app containers in spec order. */
  containers: EngineContainer[];
}

/** Codes of the records in the event ring; arguments in the comments. */
export enum EngineEventCode {
  /** Pod sandbox created: PodReadyToStartContainers becomes True. */
  SandboxReady = 1,
  Pulling = 2,
  /** a = pull duration in ms. */
  Pulled = 3,
  /** The image was already on the node. */
  AlreadyPresent = 4,
  /** a = restartCount stamped on the new instance. */
  Created = 5,
  Started = 6,
  /** a = exit code, b = signal (0 when it exited on its own or by a handled signal). */
  Exited = 7,
  /** a = ProbeTypeCode. One per failed attempt. */
  ProbeFailed = 8,
  /** a = ProbeTypeCode, b = new stored result (0 Success, 1 Failure, -1 Unknown). */
  ProbeResultChanged = 9,
  /** a = KillReasonCode, b = grace period in ms applied before SIGKILL. */
  Killing = 10,
  /** a = back-off in ms being waited out (CrashLoopBackOff). */
  BackOff = 11,
  PreStopFailed = 12,
  /** The pod's activeDeadlineSeconds passed. */
  DeadlineExceeded = 13,
  /** The engine will run nothing more for this pod; a = 1 when every container has stopped. */
  PodTerminal = 14,
  /** A deleted pod has no running container left: the API object can be removed. */
  PodRemoved = 15,
  /**
   * The postStart hook returned and the container shows as running; a = 1
   * when the hook failed, and then a Killing record with
   * KillReasonCode.PostStartFailed follows.
   */
  PostStartFinished = 16,
}

export enum KillReasonCode {
  /** API deletion, or the pod is being stopped as a whole. */
  Stop = 0,
  LivenessFailed = 1,
  StartupFailed = 2,
  DeadlineExceeded = 3,
  /** The postStart hook failed (killContainer's message `FailedPostStartHook`). */
  PostStartFailed = 4,
}

/** One record from the engine's event ring. */
export interface EngineEvent {
  timeMs: number;
  pod: number;
  /** Index in EnginePod.containers, or -1 for a pod-level record. */
  container: number;
  code: EngineEventCode;
  a: number;
  b: number;
}

export enum ContainerStateCode {
  /** No instance yet, or created but not started. */
  Waiting = 0,
  Running = 1,
  Terminated = 2,
}

export enum WaitingReasonCode {
  None = 0,
  /** Default before a container exists (PodInitializing when the pod has init containers). */
  Default = 1,
  CrashLoopBackOff = 2,
}

/** A container's status as the engine keeps it, read out for the status layer. */
export interface EngineContainerState {
  state: ContainerStateCode;
  waitingReason: WaitingReasonCode;
  /** Back-off being waited out, in ms, while waitingReason is CrashLoopBackOff. */
  backOffMs: number;
  restartCount: number;
  ready: boolean;
  /** The `started` field: -1 unset (not running), 0 false, 1 true. */
  started: number;
  /** Current instance: start time in ms, or -1. */
  startedAtMs: number;
  finishedAtMs: number;
  exitCode: number;
  signal: number;
  /** The previous instance (lastState.terminated), or hasLast = false. */
  hasLast: boolean;
  lastStartedAtMs: number;
  lastFinishedAtMs: number;
  lastExitCode: number;
  lastSignal: number;
}

export interface EnginePodState {
  /** Time the engine took the pod (status.startTime), or -1. */
  startedAtMs: number;
  sandboxReady: boolean;
  /** The engine will run nothing more (the kubelet's podIsTerminal). */
  terminal: boolean;
  deadlineExceeded: boolean;
  /** A deletion is in progress. */
  deleting: boolean;
  /** Every container has stopped after a deletion; the object can go. */
  removed: boolean;
}

/** The bridge every caller uses; both engine kinds implement it identically. */
export interface Engine {
  readonly kind: EngineKind;
  /** Current simulated time in ms. */
  readonly nowMs: number;
  /** Add a pod bound to a node at the current time; returns its dense index. */
  addPod(pod: EnginePod): number;
  /**
   * Make the running process of a container exit on its own at `atMs`
   * (absolute simulated ms; -1: it runs until stopped) with `exitCode`.
   * It applies to the current process only: a restarted container starts
   * from its EngineBehavior again. Queued, and applied before the engine
   * next runs or is read; ignored when the container has no process.
   */
  setExit(pod: number, container: number, atMs: number, exitCode: number): void;
  /**
   * Set the probe outcome window of a container's running process: probes
   * succeed from `healthyFromAbsMs` until `unhealthyFromAbsMs` (absolute
   * simulated ms; -1: never). Queued like setExit, and for the current process only.
   */
  setHealth(pod: number, container: number, healthyFromAbsMs: number, unhealthyFromAbsMs: number): void;
  /** Start graceful deletion with this grace period in seconds (0: SIGKILL now). */
  deletePod(pod: number, gracePeriodSeconds: number): void;
  /**
   * Advance simulated time to `untilMs`, or until the event ring is full, and
   * return the time reached. Callers drain events and call again.
   */
  advance(untilMs: number): number;
  /** Time of the next due timer, or -1 when nothing is due. */
  nextDueMs(): number;
  /** Take the records written since the last drain, oldest first. */
  drainEvents(): EngineEvent[];
  readContainer(pod: number, container: number): EngineContainerState;
  readPod(pod: number): EnginePodState;
}
