// Engine state: one typed array per field, allocated once by initLayout() for a
// fixed capacity and never reallocated, so the hot loop never allocates.
//
// Indices. A container's global index is `c = pod * maxContainers + i`, where i
// is its position in EnginePod.containers (init containers first). A probe's
// index is `cp = c * 3 + probeType` (Startup 0, Readiness 1, Liveness 2).
//
//   per pod (index pod)                per container (index c)
//   +------------+-----+               +-------------------+-----+
//   | podFlags   | u8  |               | containerKind     | u8  |  spec
//   | podPolicy  | u8  |               | pullMs .. preStop,| i32 |  spec (behavior)
//   | podSize    | u8  |               | postStart         |     |
//   | podInits   | u8  |               | exit codes        | u8  |  spec (behavior)
//   | stopReason | u8  |               | state, reason,    | u8  |  status
//   | startedAt  | i32 |               | phase, flags ..   |     |
//   | grace      | i32 |               | restartCount,     | i32 |  status + back-off
//   | deadline   | i32 |               | back-off entry,   |     |
//   | delGrace   | i32 |               | startedSince      |     |
//   | stopStart  | i32 |               | instance*,        | i32 |  current / previous instance
//   | cursor     | i32 |               | previous*         |     |
//   | random     | i32 |               | process exit,     | i32 |  running process (setExit,
//   +------------+-----+               | health window     |     |  setHealth)
//                                      | process exit code | u8  |
//                                      +-------------------+-----+
//
//                                      per probe (index cp = c*3 + type)
//                                      +-------------------+-----+
//                                      | period, delay,    | i32 |  spec
//                                      | tgps              |     |
//                                      | thresholds        | u16 |  spec
//                                      | stored, last      | i8  |  worker state
//                                      | run               | u16 |  worker state
//                                      | flags             | u8  |  worker state
//                                      | anchor            | i32 |  worker ticker
//                                      +-------------------+-----+
//
//   timers (index t): t = c * 4 + k for containers (k 0: state, 1 + probeType: probe
//   worker), t = podTimerBase + pod * 2 + k for pods (k 0: sync, 1: deadline)
//   +----------+----------+----------+
//   | timerNext| timerPrev| timerDue |  i32 each; intrusive circular lists of the wheel
//   +----------+----------+----------+
//   timerNext/timerPrev carry WHEEL_SLOT_COUNT more entries after the timers: the
//   list heads (sentinels) of the wheel slots, see wheel.ts.
//
// All times are i32 milliseconds of simulated time since the engine epoch.

export const PROBE_TYPES: i32 = 3;
export const PROBE_STARTUP: i32 = 0;
export const PROBE_READINESS: i32 = 1;
export const PROBE_LIVENESS: i32 = 2;

/** Slots of the timing wheel: 16384 at level 0, 1024 at level 1, one overflow list (see wheel.ts). */
export const WHEEL_SLOT_COUNT: i32 = 16384 + 1024 + 1;

export const TIMERS_PER_CONTAINER: i32 = 4;
export const TIMERS_PER_POD: i32 = 2;
export const TIMER_STATE: i32 = 0;
export const TIMER_SYNC: i32 = 0;
export const TIMER_DEADLINE: i32 = 1;

// Container kinds, restart policies and kill reasons mirror the enums in src/engine/types.ts.
export const KIND_REGULAR: i32 = 0;
export const KIND_INIT: i32 = 1;
export const KIND_SIDECAR: i32 = 2;

export const POLICY_ALWAYS: i32 = 0;
export const POLICY_ON_FAILURE: i32 = 1;
export const POLICY_NEVER: i32 = 2;

export const KILL_STOP: i32 = 0;
export const KILL_LIVENESS: i32 = 1;
export const KILL_STARTUP: i32 = 2;
export const KILL_DEADLINE: i32 = 3;
export const KILL_POST_START: i32 = 4;

export const STATE_WAITING: i32 = 0;
export const STATE_RUNNING: i32 = 1;
export const STATE_TERMINATED: i32 = 2;

export const WAITING_NONE: i32 = 0;
export const WAITING_DEFAULT: i32 = 1;
export const WAITING_CRASH_LOOP_BACK_OFF: i32 = 2;

// Probe results as the kubelet's results manager stores them, plus "nothing stored".
export const RESULT_NONE: i32 = -2;
export const RESULT_UNKNOWN: i32 = -1;
export const RESULT_SUCCESS: i32 = 0;
export const RESULT_FAILURE: i32 = 1;

// Actions of the container's state timer when it fires.
export const PHASE_IDLE: i32 = 0;
/** Waiting for its turn in the pod's serial start sequence. */
export const PHASE_START_PENDING: i32 = 1;
/** Image pull in progress; the timer fires when it ends. */
export const PHASE_PULLING: i32 = 2;
/** Running; the timer fires at the exit (natural, SIGTERM or SIGKILL) with containerPendingExit. */
export const PHASE_EXIT_PENDING: i32 = 3;
/** preStop hook running; the timer fires when it ends or is cut off. */
export const PHASE_PRE_STOP: i32 = 4;
/**
 * Process started, postStart hook running; the timer fires when the hook
 * returns. The status still shows the container waiting, and its probes idle.
 */
export const PHASE_POST_START: i32 = 5;

// podFlags bits.
export const POD_IN_USE: i32 = 1;
export const POD_SANDBOX_READY: i32 = 2;
export const POD_TERMINAL: i32 = 4;
export const POD_DEADLINE_EXCEEDED: i32 = 8;
export const POD_DELETING: i32 = 16;
export const POD_REMOVED: i32 = 32;
export const POD_INIT_DONE: i32 = 64;
/** Containers are being stopped (deletion, deadline or terminal pod). */
export const POD_STOPPING: i32 = 128;

// containerFlags bits.
export const CONTAINER_IMAGE_PULLED: i32 = 1;
export const CONTAINER_HAS_INSTANCE: i32 = 2;
export const CONTAINER_HAS_PREVIOUS: i32 = 4;
export const CONTAINER_KILLING: i32 = 8;
/** A sidecar that has been `started` once: later init containers may run. */
export const CONTAINER_SIDECAR_STARTED_ONCE: i32 = 16;
export const CONTAINER_PRE_STOP_FAILS: i32 = 32;
export const CONTAINER_POST_START_FAILS: i32 = 64;

// probeFlags bits.
export const PROBE_CONFIGURED: i32 = 1;
export const PROBE_ACTIVE: i32 = 2;
export const PROBE_ON_HOLD: i32 = 4;
/** The worker has seen the current container instance (its container ID). */
export const PROBE_SEEN: i32 = 8;
/** The worker skips ticks that cannot change anything; probeAnchorMs is its last real tick. */
export const PROBE_QUIET: i32 = 16;
/** The skipped ticks are passing probes that each add one to resultRun. */
export const PROBE_QUIET_COUNTS: i32 = 32;

export let maxPods: i32 = 0;
export let maxContainers: i32 = 0;
export let containerCapacity: i32 = 0;
export let timerCount: i32 = 0;
export let podTimerBase: i32 = 0;
export let podCount: i32 = 0;

// Per pod.
export let podFlags: Uint8Array = new Uint8Array(0);
export let podPolicy: Uint8Array = new Uint8Array(0);
export let podSize: Uint8Array = new Uint8Array(0);
export let podInitCount: Uint8Array = new Uint8Array(0);
export let podStartedAt: Int32Array = new Int32Array(0);
export let podGraceSeconds: Int32Array = new Int32Array(0);
export let podDeadlineSeconds: Int32Array = new Int32Array(0);
export let podDeletionGraceSeconds: Int32Array = new Int32Array(0);
export let podStopStartedAt: Int32Array = new Int32Array(0);
/** xorshift32 state of the pod's own random stream. */
export let podRandomState: Int32Array = new Int32Array(0);
/** Kill reason of the stop in progress, reused for sidecars stopped later. */
export let podStopReason: Uint8Array = new Uint8Array(0);
/** Earliest time the next container start (and its image pull) may begin: pulls are serial. */
export let podStartCursor: Int32Array = new Int32Array(0);

// Per container: spec.
export let containerKind: Uint8Array = new Uint8Array(0);
export let behaviorPullMs: Int32Array = new Int32Array(0);
export let behaviorRunMs: Int32Array = new Int32Array(0);
export let behaviorHealthyFromMs: Int32Array = new Int32Array(0);
export let behaviorUnhealthyFromMs: Int32Array = new Int32Array(0);
export let behaviorSigtermExitMs: Int32Array = new Int32Array(0);
export let behaviorPreStopMs: Int32Array = new Int32Array(0);
export let behaviorExitCode: Uint8Array = new Uint8Array(0);
export let behaviorSigtermExitCode: Uint8Array = new Uint8Array(0);
/** postStart hook duration, or -1 when the container has no postStart hook. */
export let behaviorPostStartMs: Int32Array = new Int32Array(0);

// Per container: the running process. Set from the behavior when the process
// starts and changed by setExit and setHealth. Absolute times; -1 means never.
export let processExitAt: Int32Array = new Int32Array(0);
export let processExitCode: Uint8Array = new Uint8Array(0);
export let processHealthyFrom: Int32Array = new Int32Array(0);
export let processUnhealthyFrom: Int32Array = new Int32Array(0);

// Per container: status.
export let containerState: Uint8Array = new Uint8Array(0);
export let containerWaitingReason: Uint8Array = new Uint8Array(0);
export let containerPhase: Uint8Array = new Uint8Array(0);
export let containerFlags: Uint8Array = new Uint8Array(0);
export let containerKillReason: Uint8Array = new Uint8Array(0);
export let containerPendingExit: Uint8Array = new Uint8Array(0);
/** Grace in seconds carried from killContainer to the end of the preStop hook. */
export let containerKillGraceSeconds: Int32Array = new Int32Array(0);
export let containerRestartCount: Int32Array = new Int32Array(0);
/** Time the startup probe last stored Success for this container. */
export let containerStartedSince: Int32Array = new Int32Array(0);
/** Back-off shown with CrashLoopBackOff, in ms. */
export let containerBackOffMs: Int32Array = new Int32Array(0);
/** The kubelet's back-off entry for this container: current back-off and time of the last bump. */
export let backOffEntryMs: Int32Array = new Int32Array(0);
export let backOffUpdatedAt: Int32Array = new Int32Array(0);
export let instanceStartedAt: Int32Array = new Int32Array(0);
export let instanceFinishedAt: Int32Array = new Int32Array(0);
export let instanceExitCode: Uint8Array = new Uint8Array(0);
export let previousStartedAt: Int32Array = new Int32Array(0);
export let previousFinishedAt: Int32Array = new Int32Array(0);
export let previousExitCode: Uint8Array = new Uint8Array(0);

// Per probe.
export let probePeriodMs: Int32Array = new Int32Array(0);
export let probeInitialDelaySeconds: Int32Array = new Int32Array(0);
export let probeGraceSeconds: Int32Array = new Int32Array(0);
export let probeSuccessThreshold: Uint16Array = new Uint16Array(0);
export let probeFailureThreshold: Uint16Array = new Uint16Array(0);
export let probeStored: Int8Array = new Int8Array(0);
export let probeLastResult: Int8Array = new Int8Array(0);
export let probeResultRun: Uint16Array = new Uint16Array(0);
export let probeFlags: Uint8Array = new Uint8Array(0);
/** A tick time of the worker's ticker: ticks fall on probeAnchorMs + k * probePeriodMs. */
export let probeAnchorMs: Int32Array = new Int32Array(0);

// Timers.
export let timerNext: Int32Array = new Int32Array(0);
export let timerPrev: Int32Array = new Int32Array(0);
export let timerDue: Int32Array = new Int32Array(0);

/** Bytes of typed-array state per container slot: every array of this file summed, divided by the slots. */
export let layoutBytes: f64 = 0;

/** Allocate every state array for `pods` pods of up to `containers` containers each. */
export function initLayout(pods: i32, containers: i32): void {
  maxPods = pods;
  maxContainers = containers;
  containerCapacity = pods * containers;
  podTimerBase = containerCapacity * TIMERS_PER_CONTAINER;
  timerCount = podTimerBase + pods * TIMERS_PER_POD;
  podCount = 0;

  const p = pods;
  const c = containerCapacity;
  const cp = containerCapacity * PROBE_TYPES;

  podFlags = new Uint8Array(p);
  podPolicy = new Uint8Array(p);
  podSize = new Uint8Array(p);
  podInitCount = new Uint8Array(p);
  podStartedAt = new Int32Array(p);
  podGraceSeconds = new Int32Array(p);
  podDeadlineSeconds = new Int32Array(p);
  podDeletionGraceSeconds = new Int32Array(p);
  podStopStartedAt = new Int32Array(p);
  podStopReason = new Uint8Array(p);
  podRandomState = new Int32Array(p);
  podStartCursor = new Int32Array(p);

  containerKind = new Uint8Array(c);
  behaviorPullMs = new Int32Array(c);
  behaviorRunMs = new Int32Array(c);
  behaviorHealthyFromMs = new Int32Array(c);
  behaviorUnhealthyFromMs = new Int32Array(c);
  behaviorSigtermExitMs = new Int32Array(c);
  behaviorPreStopMs = new Int32Array(c);
  behaviorExitCode = new Uint8Array(c);
  behaviorSigtermExitCode = new Uint8Array(c);
  behaviorPostStartMs = new Int32Array(c);
  processExitAt = new Int32Array(c);
  processExitCode = new Uint8Array(c);
  processHealthyFrom = new Int32Array(c);
  processUnhealthyFrom = new Int32Array(c);

  containerState = new Uint8Array(c);
  containerWaitingReason = new Uint8Array(c);
  containerPhase = new Uint8Array(c);
  containerFlags = new Uint8Array(c);
  containerKillReason = new Uint8Array(c);
  containerPendingExit = new Uint8Array(c);
  containerKillGraceSeconds = new Int32Array(c);
  containerRestartCount = new Int32Array(c);
  containerStartedSince = new Int32Array(c);
  containerBackOffMs = new Int32Array(c);
  backOffEntryMs = new Int32Array(c);
  backOffUpdatedAt = new Int32Array(c);
  instanceStartedAt = new Int32Array(c);
  instanceFinishedAt = new Int32Array(c);
  instanceExitCode = new Uint8Array(c);
  previousStartedAt = new Int32Array(c);
  previousFinishedAt = new Int32Array(c);
  previousExitCode = new Uint8Array(c);

  probePeriodMs = new Int32Array(cp);
  probeInitialDelaySeconds = new Int32Array(cp);
  probeGraceSeconds = new Int32Array(cp);
  probeSuccessThreshold = new Uint16Array(cp);
  probeFailureThreshold = new Uint16Array(cp);
  probeStored = new Int8Array(cp);
  probeLastResult = new Int8Array(cp);
  probeResultRun = new Uint16Array(cp);
  probeFlags = new Uint8Array(cp);
  probeAnchorMs = new Int32Array(cp);

  timerNext = new Int32Array(timerCount + WHEEL_SLOT_COUNT);
  timerPrev = new Int32Array(timerCount + WHEEL_SLOT_COUNT);
  timerDue = new Int32Array(timerCount);
  timerDue.fill(-1);

  layoutBytes = totalBytes() / <f64>containerCapacity;
}

function totalBytes(): f64 {
  let bytes: f64 = 0;
  bytes += <f64>(podFlags.byteLength + podPolicy.byteLength + podSize.byteLength + podInitCount.byteLength);
  bytes += <f64>(podStartedAt.byteLength + podGraceSeconds.byteLength + podDeadlineSeconds.byteLength);
  bytes += <f64>(podDeletionGraceSeconds.byteLength + podStopStartedAt.byteLength + podStopReason.byteLength);
  bytes += <f64>(podRandomState.byteLength + podStartCursor.byteLength);
  bytes += <f64>(containerKind.byteLength + behaviorPullMs.byteLength + behaviorRunMs.byteLength);
  bytes += <f64>(behaviorHealthyFromMs.byteLength + behaviorUnhealthyFromMs.byteLength + behaviorSigtermExitMs.byteLength);
  bytes += <f64>(behaviorPreStopMs.byteLength + behaviorExitCode.byteLength + behaviorSigtermExitCode.byteLength);
  bytes += <f64>(behaviorPostStartMs.byteLength + processExitAt.byteLength + processExitCode.byteLength);
  bytes += <f64>(processHealthyFrom.byteLength + processUnhealthyFrom.byteLength);
  bytes += <f64>(containerState.byteLength + containerWaitingReason.byteLength + containerPhase.byteLength);
  bytes += <f64>(containerFlags.byteLength + containerKillReason.byteLength + containerPendingExit.byteLength);
  bytes += <f64>(containerKillGraceSeconds.byteLength + containerRestartCount.byteLength + containerStartedSince.byteLength);
  bytes += <f64>(containerBackOffMs.byteLength + backOffEntryMs.byteLength + backOffUpdatedAt.byteLength);
  bytes += <f64>(instanceStartedAt.byteLength + instanceFinishedAt.byteLength + instanceExitCode.byteLength);
  bytes += <f64>(previousStartedAt.byteLength + previousFinishedAt.byteLength + previousExitCode.byteLength);
  bytes += <f64>(probePeriodMs.byteLength + probeInitialDelaySeconds.byteLength + probeGraceSeconds.byteLength);
  bytes += <f64>(probeSuccessThreshold.byteLength + probeFailureThreshold.byteLength + probeStored.byteLength);
  bytes += <f64>(probeLastResult.byteLength + probeResultRun.byteLength + probeFlags.byteLength + probeAnchorMs.byteLength);
  bytes += <f64>(timerNext.byteLength + timerPrev.byteLength + timerDue.byteLength);
  return bytes;
}

/** Take the next dense pod index, or -1 when the engine is full. */
export function allocatePod(): i32 {
  if (podCount >= maxPods) return -1;
  const pod = podCount;
  podCount = podCount + 1;
  return pod;
}
