// Container runtime actions: start (pull, create, start), exit, and killContainer.

import {
  PROBE_TYPES, PROBE_STARTUP, PROBE_LIVENESS,
  KIND_INIT, KIND_SIDECAR, POLICY_ALWAYS, POLICY_ON_FAILURE, POLICY_NEVER,
  STATE_WAITING, STATE_RUNNING, STATE_TERMINATED, WAITING_NONE,
  PHASE_IDLE, PHASE_START_PENDING, PHASE_PULLING, PHASE_EXIT_PENDING, PHASE_PRE_STOP, PHASE_POST_START,
  WAITING_DEFAULT, KILL_POST_START,
  POD_DELETING, POD_STOPPING, POD_TERMINAL, POD_REMOVED,
  CONTAINER_IMAGE_PULLED, CONTAINER_HAS_INSTANCE, CONTAINER_HAS_PREVIOUS, CONTAINER_KILLING,
  CONTAINER_PRE_STOP_FAILS, CONTAINER_POST_START_FAILS,
  maxContainers, podFlags, podPolicy, podSize, podStartCursor, podGraceSeconds,
  podDeletionGraceSeconds, podStopStartedAt, podStopReason, timerDue,
  containerKind, containerState, containerWaitingReason, containerPhase, containerFlags,
  containerKillReason, containerPendingExit, containerKillGraceSeconds, containerRestartCount,
  containerBackOffMs, instanceStartedAt, instanceFinishedAt, instanceExitCode,
  previousStartedAt, previousFinishedAt, previousExitCode,
  behaviorPullMs, behaviorRunMs, behaviorExitCode, behaviorSigtermExitMs, behaviorSigtermExitCode,
  behaviorPreStopMs, behaviorPostStartMs, behaviorHealthyFromMs, behaviorUnhealthyFromMs, probeGraceSeconds,
  processExitAt, processExitCode, processHealthyFrom, processUnhealthyFrom,
} from "./layout";
import { now, schedule, cancel } from "./wheel";
import {
  emit, EVENT_PULLING, EVENT_PULLED, EVENT_ALREADY_PRESENT, EVENT_CREATED, EVENT_STARTED,
  EVENT_EXITED, EVENT_KILLING, EVENT_PRE_STOP_FAILED, EVENT_POD_TERMINAL, EVENT_POD_REMOVED,
  EVENT_POST_START_FINISHED,
} from "./events";
import { MIN_GRACE_SECONDS, EXIT_CODE_SIGKILL, containerGraceSeconds } from "./rules";
import { containerTimer, requestSync, nextRelist } from "./timers";
import { forgetInstance, resyncProbes } from "./probe";

export function isRunning(c: i32): bool {
  return i32(unchecked(containerState[c])) == STATE_RUNNING;
}

/**
 * Queued for a start, pulling its image or running its postStart hook: the
 * container will run without another sync.
 */
export function isStartPending(c: i32): bool {
  const phase = i32(unchecked(containerPhase[c]));
  return phase == PHASE_START_PENDING || phase == PHASE_PULLING || phase == PHASE_POST_START;
}

export function hasInstance(c: i32): bool {
  return (unchecked(containerFlags[c]) & CONTAINER_HAS_INSTANCE) != 0;
}

/**
 * Decide whether a dead container restarts (ShouldContainerBeRestarted): never
 * while the pod is deleting, sidecars always, a regular init container on
 * failure unless restartPolicy is Never, app containers by restartPolicy
 * (Always: yes; OnFailure: only exit code != 0; Never: no).
 */
export function shouldRestart(pod: i32, c: i32): bool {
  if ((unchecked(podFlags[pod]) & (POD_DELETING | POD_STOPPING)) != 0) return false;
  const kind = i32(unchecked(containerKind[c]));
  if (kind == KIND_SIDECAR) return true;
  const policy = i32(unchecked(podPolicy[pod]));
  const failed = unchecked(instanceExitCode[c]) != 0;
  if (kind == KIND_INIT) return failed && policy != POLICY_NEVER;
  if (policy == POLICY_ALWAYS) return true;
  if (policy == POLICY_ON_FAILURE) return failed;
  return false;
}

/**
 * Queue a container start in the pod's serial start sequence. The kubelet
 * starts containers one after another within a sync, and each start waits for
 * its own image pull, so a start begins when the previous one's pull ended.
 */
export function queueStart(pod: i32, c: i32): void {
  const cursor = unchecked(podStartCursor[pod]);
  const at = cursor > now ? cursor : now;
  let pullMs = unchecked(behaviorPullMs[c]);
  if ((unchecked(containerFlags[c]) & CONTAINER_IMAGE_PULLED) != 0) pullMs = 0;

  unchecked((containerPhase[c] = PHASE_START_PENDING));
  unchecked((containerState[c] = STATE_WAITING));
  unchecked((containerWaitingReason[c] = WAITING_NONE));
  unchecked((containerBackOffMs[c] = 0));
  unchecked((podStartCursor[pod] = at + pullMs));
  schedule(containerTimer(c, 0), at);
}

/** Begin a queued start: pull the image if needed, else create and start. */
function beginStart(pod: i32, c: i32): void {
  const pullMs = unchecked(behaviorPullMs[c]);
  if (pullMs > 0 && (unchecked(containerFlags[c]) & CONTAINER_IMAGE_PULLED) == 0) {
    emit(pod, c - pod * maxContainers, EVENT_PULLING, 0, 0);
    unchecked((containerPhase[c] = PHASE_PULLING));
    schedule(containerTimer(c, 0), now + pullMs);
    return;
  }
  emit(pod, c - pod * maxContainers, EVENT_ALREADY_PRESENT, 0, 0);
  createAndStart(pod, c);
}

function finishPull(pod: i32, c: i32): void {
  unchecked((containerFlags[c] = unchecked(containerFlags[c]) | CONTAINER_IMAGE_PULLED));
  emit(pod, c - pod * maxContainers, EVENT_PULLED, unchecked(behaviorPullMs[c]), 0);
  createAndStart(pod, c);
}

/** Absolute time `ms` after now, or -1 when `ms` is -1 (never). */
function fromNow(ms: i32): i32 {
  return ms < 0 ? -1 : now + ms;
}

/**
 * Create and start a new process. Without a postStart hook it becomes the
 * current instance at once. With one, the status keeps showing the container
 * waiting (and the previous instance as lastState) until the hook returns.
 * The Created and Started events come before the hook, as the kubelet sends them.
 */
function createAndStart(pod: i32, c: i32): void {
  const index = c - pod * maxContainers;
  unchecked((processExitAt[c] = fromNow(unchecked(behaviorRunMs[c]))));
  unchecked((processExitCode[c] = unchecked(behaviorExitCode[c])));
  unchecked((processHealthyFrom[c] = fromNow(unchecked(behaviorHealthyFromMs[c]))));
  unchecked((processUnhealthyFrom[c] = fromNow(unchecked(behaviorUnhealthyFromMs[c]))));

  // restartCount is stamped on the new instance: the previous one's + 1, the first is 0.
  const hadInstance = (unchecked(containerFlags[c]) & CONTAINER_HAS_INSTANCE) != 0;
  const restartCount = hadInstance ? unchecked(containerRestartCount[c]) + 1 : 0;
  emit(pod, index, EVENT_CREATED, restartCount, 0);
  emit(pod, index, EVENT_STARTED, 0, 0);

  const postStartMs = unchecked(behaviorPostStartMs[c]);
  if (postStartMs >= 0) {
    unchecked((containerPhase[c] = PHASE_POST_START));
    unchecked((containerState[c] = STATE_WAITING));
    unchecked((containerWaitingReason[c] = WAITING_DEFAULT));
    schedule(containerTimer(c, 0), now + postStartMs);
    return;
  }
  beginInstance(pod, c, now);
}

/**
 * Make the started process the current instance: the previous instance
 * becomes lastState, the state is Running from `startedAt`, and the natural
 * exit is scheduled.
 */
function beginInstance(pod: i32, c: i32, startedAt: i32): void {
  let flags = i32(unchecked(containerFlags[c]));
  if ((flags & CONTAINER_HAS_INSTANCE) != 0) {
    unchecked((previousStartedAt[c] = unchecked(instanceStartedAt[c])));
    unchecked((previousFinishedAt[c] = unchecked(instanceFinishedAt[c])));
    unchecked((previousExitCode[c] = unchecked(instanceExitCode[c])));
    unchecked((containerRestartCount[c] = unchecked(containerRestartCount[c]) + 1));
    flags = flags | CONTAINER_HAS_PREVIOUS;
  }
  unchecked((containerFlags[c] = (flags | CONTAINER_HAS_INSTANCE) & ~CONTAINER_KILLING));
  unchecked((instanceStartedAt[c] = startedAt));
  unchecked((instanceFinishedAt[c] = -1));
  unchecked((instanceExitCode[c] = 0));
  unchecked((containerState[c] = STATE_RUNNING));
  unchecked((containerWaitingReason[c] = WAITING_NONE));
  unchecked((containerBackOffMs[c] = 0));
  forgetInstance(c);
  resyncProbes(c, -1);
  scheduleNaturalExit(c);

  // The PLEG notices the start at its next relist, and the pod syncs.
  requestSync(pod, nextRelist(now));
}

/** Schedule the process's own exit (processExitAt), or leave it running when it has none. */
function scheduleNaturalExit(c: i32): void {
  const exitAt = unchecked(processExitAt[c]);
  if (exitAt < 0) {
    cancel(containerTimer(c, 0));
    unchecked((containerPhase[c] = PHASE_IDLE));
    return;
  }
  unchecked((containerPhase[c] = PHASE_EXIT_PENDING));
  unchecked((containerPendingExit[c] = unchecked(processExitCode[c])));
  schedule(containerTimer(c, 0), exitAt > now ? exitAt : now);
}

/**
 * The postStart hook returned. The process becomes the current instance,
 * started when the process started. A failed hook is a FailedPostStartHook
 * event, and the kubelet then kills the container, which restarts under the
 * restart policy.
 * NOTE: while that kill runs the status shows the container Running; the
 * kubelet's status would still show it waiting, because its sync is blocked.
 */
function finishPostStart(pod: i32, c: i32): void {
  beginInstance(pod, c, now - unchecked(behaviorPostStartMs[c]));
  const fails = (unchecked(containerFlags[c]) & CONTAINER_POST_START_FAILS) != 0;
  emit(pod, c - pod * maxContainers, EVENT_POST_START_FINISHED, fails ? 1 : 0, 0);
  if (!fails) return;
  killContainer(pod, c, KILL_POST_START, graceFor(pod, c, KILL_POST_START));
}

/** Drop a queued start (the pod is stopping). */
export function cancelStart(c: i32): void {
  if (!isStartPending(c)) return;
  cancel(containerTimer(c, 0));
  unchecked((containerPhase[c] = PHASE_IDLE));
}

/** Record the exit of the process with `exitCode`. The signal is not observable in status, so it stays 0. */
function exitContainer(pod: i32, c: i32, exitCode: i32): void {
  cancel(containerTimer(c, 0));
  unchecked((containerPhase[c] = PHASE_IDLE));
  unchecked((containerState[c] = STATE_TERMINATED));
  unchecked((containerFlags[c] = unchecked(containerFlags[c]) & ~CONTAINER_KILLING));
  unchecked((instanceFinishedAt[c] = now));
  unchecked((instanceExitCode[c] = exitCode));
  resyncProbes(c, -1);
  emit(pod, c - pod * maxContainers, EVENT_EXITED, exitCode, 0);

  // The PLEG notices the exit at its next relist, and the pod syncs.
  requestSync(pod, nextRelist(now));

  if ((unchecked(podFlags[pod]) & POD_STOPPING) != 0) continueStop(pod);
}

/**
 * Start killContainer: Killing event, then the preStop hook when there is one
 * and the grace is above 0, then SIGTERM. A deletion with grace 0 is a SIGKILL now.
 */
export function killContainer(pod: i32, c: i32, reason: i32, graceSeconds: i32): void {
  if (!isRunning(c)) {
    cancelStart(c);
    return;
  }
  if ((unchecked(containerFlags[c]) & CONTAINER_KILLING) != 0) return;

  unchecked((containerFlags[c] = unchecked(containerFlags[c]) | CONTAINER_KILLING));
  unchecked((containerKillReason[c] = reason));
  emit(pod, c - pod * maxContainers, EVENT_KILLING, reason, graceSeconds * 1000);

  // NOTE: the kubelet would still give 2 s after SIGTERM here; a deletion with grace 0 is modelled as SIGKILL at once.
  if (graceSeconds == 0 && (unchecked(podFlags[pod]) & POD_DELETING) != 0) {
    exitContainer(pod, c, EXIT_CODE_SIGKILL);
    return;
  }

  const preStopMs = unchecked(behaviorPreStopMs[c]);
  if (preStopMs >= 0 && graceSeconds > 0) {
    const budgetMs = graceSeconds * 1000;
    const hookEnd = now + (preStopMs < budgetMs ? preStopMs : budgetMs);
    unchecked((containerKillGraceSeconds[c] = graceSeconds));
    if (exitsOnItsOwnBefore(c, hookEnd)) return;
    unchecked((containerPhase[c] = PHASE_PRE_STOP));
    schedule(containerTimer(c, 0), hookEnd);
    return;
  }
  sendSigterm(c, graceSeconds);
}

/** Keep a natural exit that comes before `time`; returns whether one does. */
function exitsOnItsOwnBefore(c: i32, time: i32): bool {
  const exitAt = unchecked(processExitAt[c]);
  if (exitAt < 0 || exitAt >= time) return false;
  unchecked((containerPhase[c] = PHASE_EXIT_PENDING));
  unchecked((containerPendingExit[c] = unchecked(processExitCode[c])));
  schedule(containerTimer(c, 0), exitAt > now ? exitAt : now);
  return true;
}

/**
 * The preStop hook ended or was cut off at the grace. A failed hook that
 * finished in time is a FailedPreStopHook event. The whole seconds it took
 * come off the grace.
 */
function finishPreStop(pod: i32, c: i32): void {
  const graceSeconds = unchecked(containerKillGraceSeconds[c]);
  const preStopMs = unchecked(behaviorPreStopMs[c]);
  const budgetMs = graceSeconds * 1000;
  const tookMs = preStopMs < budgetMs ? preStopMs : budgetMs;
  if ((unchecked(containerFlags[c]) & CONTAINER_PRE_STOP_FAILS) != 0 && preStopMs <= budgetMs) {
    emit(pod, c - pod * maxContainers, EVENT_PRE_STOP_FAILED, 0, 0);
  }
  sendSigterm(c, graceSeconds - i32(tookMs / 1000));
}

/**
 * SIGTERM with at least MIN_GRACE_SECONDS before SIGKILL. The process exits
 * with sigtermExitCode if it handles SIGTERM within the grace, else SIGKILL
 * ends it at the deadline with 137.
 */
function sendSigterm(c: i32, graceSeconds: i32): void {
  const grace = graceSeconds < MIN_GRACE_SECONDS ? MIN_GRACE_SECONDS : graceSeconds;
  const graceMs = grace * 1000;
  const sigtermExitMs = unchecked(behaviorSigtermExitMs[c]);
  let exitAt = now + graceMs;
  let exitCode = EXIT_CODE_SIGKILL;
  if (sigtermExitMs >= 0 && sigtermExitMs <= graceMs) {
    exitAt = now + sigtermExitMs;
    exitCode = unchecked(behaviorSigtermExitCode[c]);
  }
  if (exitsOnItsOwnBefore(c, exitAt)) return;
  unchecked((containerPhase[c] = PHASE_EXIT_PENDING));
  unchecked((containerPendingExit[c] = exitCode));
  schedule(containerTimer(c, 0), exitAt);
}

/** Shorten a kill in progress to a SIGKILL at `deadline` (a second deletion with a smaller grace). */
export function shortenKill(c: i32, deadline: i32): void {
  if (!isRunning(c) || (unchecked(containerFlags[c]) & CONTAINER_KILLING) == 0) return;
  const timer = containerTimer(c, 0);
  const phase = i32(unchecked(containerPhase[c]));
  if (phase == PHASE_EXIT_PENDING && unchecked(timerDue[timer]) <= deadline) return;
  unchecked((containerPhase[c] = PHASE_EXIT_PENDING));
  unchecked((containerPendingExit[c] = EXIT_CODE_SIGKILL));
  schedule(timer, deadline);
}

/** State timer fired: the next step of a start, a preStop hook or an exit. */
export function onStateTimer(pod: i32, c: i32): void {
  const phase = i32(unchecked(containerPhase[c]));
  if (phase == PHASE_START_PENDING) {
    beginStart(pod, c);
  } else if (phase == PHASE_PULLING) {
    finishPull(pod, c);
  } else if (phase == PHASE_PRE_STOP) {
    finishPreStop(pod, c);
  } else if (phase == PHASE_EXIT_PENDING) {
    exitContainer(pod, c, unchecked(containerPendingExit[c]));
  } else if (phase == PHASE_POST_START) {
    finishPostStart(pod, c);
  }
}

/**
 * setExit: the running process exits on its own at `atMs` with `exitCode`
 * (atMs -1: it runs until stopped). Applies to the current process only; the
 * next instance starts again from the behavior. During a kill, an exit
 * before the SIGTERM or SIGKILL exit replaces it, as a natural exit does.
 */
export function setProcessExit(c: i32, atMs: i32, exitCode: i32): void {
  const phase = i32(unchecked(containerPhase[c]));
  const running = isRunning(c);
  if (!running && phase != PHASE_POST_START) return;
  const at = atMs < 0 ? -1 : (atMs > now ? atMs : now);
  unchecked((processExitAt[c] = at));
  unchecked((processExitCode[c] = exitCode));
  if (!running) return;

  if ((unchecked(containerFlags[c]) & CONTAINER_KILLING) == 0) {
    scheduleNaturalExit(c);
    return;
  }
  // A kill is in progress: only an earlier exit changes it.
  const due = unchecked(timerDue[containerTimer(c, 0)]);
  if (at >= 0 && due >= 0 && at < due) exitsOnItsOwnBefore(c, due);
}

/**
 * setHealth: probes of the current process succeed from `healthyFromMs`
 * until `unhealthyFromMs` (absolute times, -1: never). Quiet probe workers
 * wake, so the next tick sees the new window.
 */
export function setProcessHealth(c: i32, healthyFromMs: i32, unhealthyFromMs: i32): void {
  if (!isRunning(c) && i32(unchecked(containerPhase[c])) != PHASE_POST_START) return;
  unchecked((processHealthyFrom[c] = healthyFromMs < 0 ? -1 : healthyFromMs));
  unchecked((processUnhealthyFrom[c] = unhealthyFromMs < 0 ? -1 : unhealthyFromMs));
  resyncProbes(c, -1);
}

/** Grace in seconds for killing container `c` with `reason`, before preStop. */
export function graceFor(pod: i32, c: i32, reason: i32): i32 {
  const deletion = (unchecked(podFlags[pod]) & POD_DELETING) != 0 ? unchecked(podDeletionGraceSeconds[pod]) : -1;
  const cp = c * PROBE_TYPES;
  return containerGraceSeconds(
    deletion,
    reason,
    unchecked(podGraceSeconds[pod]),
    unchecked(probeGraceSeconds[cp + PROBE_STARTUP]),
    unchecked(probeGraceSeconds[cp + PROBE_LIVENESS]),
  );
}

/**
 * Stop the whole pod (deletion, activeDeadlineSeconds, or a terminal pod):
 * drop queued starts, kill every running non-sidecar container, then the
 * sidecars one at a time in reverse spec order once nothing else runs.
 */
export function stopPod(pod: i32, reason: i32): void {
  const flags = i32(unchecked(podFlags[pod]));
  if ((flags & POD_STOPPING) == 0) {
    unchecked((podFlags[pod] = flags | POD_STOPPING));
    unchecked((podStopStartedAt[pod] = now));
    unchecked((podStopReason[pod] = reason));
  }
  const base = pod * maxContainers;
  const size = i32(unchecked(podSize[pod]));
  for (let i = 0; i < size; i++) {
    const c = base + i;
    if (!isRunning(c)) {
      cancelStart(c);
      continue;
    }
    if (i32(unchecked(containerKind[c])) == KIND_SIDECAR) continue;
    killContainer(pod, c, reason, graceFor(pod, c, reason));
  }
  continueStop(pod);
}

/**
 * Called after each exit while the pod stops: the last running sidecar gets
 * its kill once no non-sidecar container and no later sidecar runs, with the
 * time waited taken off its grace. When nothing runs, a deleted pod is removed.
 */
export function continueStop(pod: i32): void {
  const base = pod * maxContainers;
  const size = i32(unchecked(podSize[pod]));
  let lastSidecar: i32 = -1;
  for (let i = 0; i < size; i++) {
    const c = base + i;
    if (!isRunning(c)) continue;
    if (i32(unchecked(containerKind[c])) != KIND_SIDECAR) return;
    lastSidecar = c;
  }

  if (lastSidecar >= 0) {
    if ((unchecked(containerFlags[lastSidecar]) & CONTAINER_KILLING) != 0) return;
    const reason = i32(unchecked(podStopReason[pod]));
    const waitedSeconds = i32((now - unchecked(podStopStartedAt[pod])) / 1000);
    let grace = graceFor(pod, lastSidecar, reason) - waitedSeconds;
    if (grace < 0) grace = 0;
    killContainer(pod, lastSidecar, reason, grace);
    return;
  }

  finishStop(pod);
}

/** Wake every quiet probe worker of the pod (it is being deleted or became terminal). */
export function resyncPodProbes(pod: i32): void {
  const base = pod * maxContainers;
  const size = i32(unchecked(podSize[pod]));
  for (let i = 0; i < size; i++) resyncProbes(base + i, -1);
}

/** Nothing runs any more: a deleted pod is terminal and can be removed. */
function finishStop(pod: i32): void {
  const flags = i32(unchecked(podFlags[pod]));
  if ((flags & POD_DELETING) == 0 || (flags & POD_REMOVED) != 0) return;
  if ((flags & POD_TERMINAL) == 0) emit(pod, -1, EVENT_POD_TERMINAL, 1, 0);
  unchecked((podFlags[pod] = flags | POD_TERMINAL | POD_REMOVED));
  emit(pod, -1, EVENT_POD_REMOVED, 0, 0);
}
