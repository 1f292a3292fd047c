// Pod worker: the pod sync (computePodActions and doBackOff), activeDeadlineSeconds and deletion.

import {
  PROBE_TYPES, PROBE_STARTUP, PROBE_READINESS, PROBE_LIVENESS, PROBE_ACTIVE,
  KIND_INIT, KIND_SIDECAR, KIND_REGULAR, POLICY_ALWAYS, POLICY_NEVER,
  KILL_STOP, KILL_LIVENESS, KILL_STARTUP, KILL_DEADLINE,
  STATE_WAITING, WAITING_CRASH_LOOP_BACK_OFF, RESULT_FAILURE,
  POD_IN_USE, POD_SANDBOX_READY, POD_TERMINAL, POD_DEADLINE_EXCEEDED, POD_DELETING, POD_REMOVED,
  POD_INIT_DONE, POD_STOPPING, CONTAINER_KILLING, CONTAINER_SIDECAR_STARTED_ONCE,
  TIMER_SYNC, TIMER_DEADLINE,
  maxContainers, podFlags, podPolicy, podSize, podInitCount, podDeletionGraceSeconds,
  containerKind, containerState, containerWaitingReason, containerFlags, containerBackOffMs,
  backOffEntryMs, backOffUpdatedAt, instanceFinishedAt, instanceExitCode, probeFlags,
} from "./layout";
import { now } from "./wheel";
import { emit, EVENT_SANDBOX_READY, EVENT_BACK_OFF, EVENT_DEADLINE_EXCEEDED, EVENT_POD_TERMINAL } from "./events";
import {
  BACKOFF_INITIAL_MS, BACKOFF_MAX_MS, SYNC_BACKOFF_REQUEUE_MS, SYNC_BACKOFF_JITTER_MS,
  backOffIsInBackOffSince, backOffNextMs, randomBelow,
} from "./rules";
import { requestSync, nextRelist } from "./timers";
import { currentResult, isStarted, isReady, doProbe } from "./probe";
import {
  isRunning, isStartPending, hasInstance, shouldRestart, queueStart, killContainer,
  graceFor, stopPod, shortenKill, resyncPodProbes,
} from "./container";

/** Set by restartWithBackOff when a container is still in back-off during this sync. */
let syncHitBackOff: bool = false;

/**
 * Restart a dead container through doBackOff. An unexpired entry whose
 * back-off has not run out since the container's finishedAt keeps it in
 * CrashLoopBackOff (BackOff event with the back-off being waited out).
 * Otherwise the back-off moves on (10 s when new or expired, else doubled up
 * to 300 s) and the container starts.
 */
function restartWithBackOff(pod: i32, c: i32): void {
  const entry = unchecked(backOffEntryMs[c]);
  const updatedAt = unchecked(backOffUpdatedAt[c]);
  if (backOffIsInBackOffSince(entry, updatedAt, unchecked(instanceFinishedAt[c]), now, BACKOFF_MAX_MS)) {
    emit(pod, c - pod * maxContainers, EVENT_BACK_OFF, entry, 0);
    unchecked((containerState[c] = STATE_WAITING));
    unchecked((containerWaitingReason[c] = WAITING_CRASH_LOOP_BACK_OFF));
    unchecked((containerBackOffMs[c] = entry));
    syncHitBackOff = true;
    return;
  }
  unchecked((backOffEntryMs[c] = backOffNextMs(entry, updatedAt, now, BACKOFF_INITIAL_MS, BACKOFF_MAX_MS)));
  unchecked((backOffUpdatedAt[c] = now));
  queueStart(pod, c);
}

/**
 * Dead and not queued for a start. An exit in this very millisecond does not
 * count yet: the PLEG notices exits at the next relist strictly after them.
 */
function isDead(c: i32): bool {
  return hasInstance(c) && !isRunning(c) && !isStartPending(c) && unchecked(instanceFinishedAt[c]) < now;
}

function markTerminal(pod: i32): void {
  const flags = i32(unchecked(podFlags[pod]));
  if ((flags & POD_TERMINAL) != 0) return;
  unchecked((podFlags[pod] = flags | POD_TERMINAL));
  emit(pod, -1, EVENT_POD_TERMINAL, anyRunning(pod) ? 0 : 1, 0);
  resyncPodProbes(pod);
}

function anyRunning(pod: i32): bool {
  const base = pod * maxContainers;
  const size = i32(unchecked(podSize[pod]));
  for (let i = 0; i < size; i++) {
    if (isRunning(base + i)) return true;
  }
  return false;
}

/** Liveness or startup Failure stored for the running instance: kill it (it restarts through doBackOff). */
function killUnhealthy(pod: i32, base: i32, size: i32): void {
  for (let i = 0; i < size; i++) {
    const c = base + i;
    if (!isRunning(c) || (unchecked(containerFlags[c]) & CONTAINER_KILLING) != 0) continue;
    if (currentResult(c, PROBE_LIVENESS) == RESULT_FAILURE) {
      killContainer(pod, c, KILL_LIVENESS, graceFor(pod, c, KILL_LIVENESS));
    } else if (currentResult(c, PROBE_STARTUP) == RESULT_FAILURE) {
      killContainer(pod, c, KILL_STARTUP, graceFor(pod, c, KILL_STARTUP));
    }
  }
}

/** Run the readiness manual trigger: each sync probes readiness again for started containers that are not ready. */
function triggerReadiness(pod: i32, base: i32, size: i32): void {
  for (let i = 0; i < size; i++) {
    const c = base + i;
    const cp = c * PROBE_TYPES + PROBE_READINESS;
    if ((unchecked(probeFlags[cp]) & PROBE_ACTIVE) == 0) continue;
    if (!isStarted(c) || isReady(c)) continue;
    if (!doProbe(pod, c, PROBE_READINESS)) {
      unchecked((probeFlags[cp] = unchecked(probeFlags[cp]) & ~PROBE_ACTIVE));
    }
  }
}

/**
 * Walk the init containers in order and start or restart the first one that
 * is not done. A regular init container is done when it exited 0; a sidecar
 * once it has been `started`. Returns false when the pod became terminal
 * (a failed init container under restartPolicy Never).
 */
function syncInitContainers(pod: i32, base: i32): bool {
  const initCount = i32(unchecked(podInitCount[pod]));
  for (let i = 0; i < initCount; i++) {
    const c = base + i;
    const flags = i32(unchecked(containerFlags[c]));
    if (i32(unchecked(containerKind[c])) == KIND_SIDECAR) {
      if ((flags & CONTAINER_SIDECAR_STARTED_ONCE) != 0) continue;
      if (isRunning(c) && isStarted(c)) {
        unchecked((containerFlags[c] = flags | CONTAINER_SIDECAR_STARTED_ONCE));
        continue;
      }
      if (!hasInstance(c) && !isStartPending(c)) queueStart(pod, c);
      else if (isDead(c)) restartWithBackOff(pod, c);
      return true;
    }

    if (isDead(c) && unchecked(instanceExitCode[c]) == 0) continue;
    if (!hasInstance(c) && !isStartPending(c)) {
      queueStart(pod, c);
      return true;
    }
    if (!isDead(c)) return true;
    if (i32(unchecked(podPolicy[pod])) == POLICY_NEVER) {
      // A failed init container under restartPolicy Never fails the pod.
      markTerminal(pod);
      stopPod(pod, KILL_STOP);
      return false;
    }
    restartWithBackOff(pod, c);
    return true;
  }
  unchecked((podFlags[pod] = unchecked(podFlags[pod]) | POD_INIT_DONE));
  return true;
}

/**
 * Whether every app container has stopped for good (podIsTerminal): none runs
 * or is queued, and none will restart. Under restartPolicy Always this is never true.
 */
function appContainersDone(pod: i32, base: i32, size: i32): bool {
  // Under Always every app container restarts: only deletion or a deadline ends the pod.
  if (i32(unchecked(podPolicy[pod])) == POLICY_ALWAYS) return false;
  const initCount = i32(unchecked(podInitCount[pod]));
  if (initCount == size) return false;
  for (let i = initCount; i < size; i++) {
    const c = base + i;
    if (!isDead(c)) return false;
    if (shouldRestart(pod, c)) return false;
  }
  return true;
}

/** Run one pod sync, in the order of the kubelet's SyncPod. */
export function syncPod(pod: i32): void {
  const flags = i32(unchecked(podFlags[pod]));
  const base = pod * maxContainers;
  const size = i32(unchecked(podSize[pod]));

  // A removed pod has nothing left to do.
  if ((flags & POD_REMOVED) != 0 || (flags & POD_IN_USE) == 0) return;

  // First sync: the sandbox is created at once.
  if ((flags & POD_SANDBOX_READY) == 0) {
    unchecked((podFlags[pod] = flags | POD_SANDBOX_READY));
    emit(pod, -1, EVENT_SANDBOX_READY, 0, 0);
  }

  // Deletion: stop everything with the deletion grace; nothing restarts.
  if ((flags & POD_DELETING) != 0) {
    stopPod(pod, KILL_STOP);
    return;
  }

  // A terminal pod runs nothing more.
  if ((flags & POD_TERMINAL) != 0) return;

  syncHitBackOff = false;
  killUnhealthy(pod, base, size);
  triggerReadiness(pod, base, size);

  if ((unchecked(podFlags[pod]) & POD_INIT_DONE) == 0) {
    if (!syncInitContainers(pod, base)) return;
  }

  if ((unchecked(podFlags[pod]) & POD_INIT_DONE) != 0) {
    syncAppContainers(pod, base, size);
    if (appContainersDone(pod, base, size)) {
      // Every app container stopped for good: the pod is terminal, sidecars are stopped.
      markTerminal(pod);
      stopPod(pod, KILL_STOP);
      return;
    }
  }

  // Exits in this millisecond were not seen by this sync; the next relist brings them.
  for (let i = 0; i < size; i++) {
    const c = base + i;
    if (hasInstance(c) && !isRunning(c) && unchecked(instanceFinishedAt[c]) == now) {
      requestSync(pod, nextRelist(now));
      break;
    }
  }

  // A sync that hit a back-off is an error for the pod worker: requeue after 10-15 s.
  if (syncHitBackOff) {
    requestSync(pod, now + SYNC_BACKOFF_REQUEUE_MS + randomBelow(pod, SYNC_BACKOFF_JITTER_MS));
  }
}

/** Start app containers that never ran, in spec order, and restart dead app containers and sidecars. */
function syncAppContainers(pod: i32, base: i32, size: i32): void {
  for (let i = 0; i < size; i++) {
    const c = base + i;
    const kind = i32(unchecked(containerKind[c]));
    if (kind == KIND_INIT) continue;
    if (kind == KIND_REGULAR && !hasInstance(c) && !isStartPending(c)) {
      queueStart(pod, c);
      continue;
    }
    if (isDead(c) && shouldRestart(pod, c)) restartWithBackOff(pod, c);
  }
}

/** activeDeadlineSeconds passed (counted from the pod's start): kill everything, the pod is terminal. */
export function onDeadline(pod: i32): void {
  const flags = i32(unchecked(podFlags[pod]));
  if ((flags & (POD_TERMINAL | POD_DELETING | POD_REMOVED)) != 0) return;
  unchecked((podFlags[pod] = flags | POD_DEADLINE_EXCEEDED));
  emit(pod, -1, EVENT_DEADLINE_EXCEEDED, 0, 0);
  markTerminal(pod);
  stopPod(pod, KILL_DEADLINE);
}

/**
 * Begin a graceful deletion. A second deletion can only shorten the grace:
 * kills in progress then get a SIGKILL at the new deadline.
 */
export function deletePod(pod: i32, graceSeconds: i32): void {
  const flags = i32(unchecked(podFlags[pod]));
  if ((flags & POD_IN_USE) == 0 || (flags & POD_REMOVED) != 0) return;
  const grace = graceSeconds < 0 ? 1 : graceSeconds;

  if ((flags & POD_DELETING) != 0) {
    if (grace >= unchecked(podDeletionGraceSeconds[pod])) return;
    unchecked((podDeletionGraceSeconds[pod] = grace));
    const base = pod * maxContainers;
    const size = i32(unchecked(podSize[pod]));
    for (let i = 0; i < size; i++) shortenKill(base + i, now + grace * 1000);
    return;
  }

  unchecked((podFlags[pod] = flags | POD_DELETING));
  unchecked((podDeletionGraceSeconds[pod] = grace));
  resyncPodProbes(pod);
  requestSync(pod, now);
}

/** Timer dispatch for pod timers. */
export function onPodTimer(pod: i32, k: i32): void {
  if (k == TIMER_SYNC) syncPod(pod);
  else if (k == TIMER_DEADLINE) onDeadline(pod);
}
