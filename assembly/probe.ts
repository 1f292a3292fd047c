// Probe workers: one per (container, probe type), as the kubelet's prober runs them.

import {
  PROBE_TYPES, PROBE_STARTUP, PROBE_READINESS, PROBE_LIVENESS,
  PROBE_CONFIGURED, PROBE_ACTIVE, PROBE_ON_HOLD, PROBE_SEEN, PROBE_QUIET, PROBE_QUIET_COUNTS,
  RESULT_NONE, RESULT_UNKNOWN, RESULT_SUCCESS, RESULT_FAILURE,
  STATE_RUNNING, STATE_TERMINATED, POLICY_NEVER,
  POD_TERMINAL, POD_DELETING, CONTAINER_HAS_INSTANCE,
  maxContainers, podFlags, podPolicy, containerState, containerFlags, instanceStartedAt,
  processHealthyFrom, processUnhealthyFrom,
  probePeriodMs, probeInitialDelaySeconds, probeSuccessThreshold, probeFailureThreshold,
  probeStored, probeLastResult, probeResultRun, probeFlags, probeAnchorMs, containerStartedSince,
} from "./layout";
import { now, schedule, cancel, MAX_TIME_MS } from "./wheel";
import { emit, EVENT_PROBE_FAILED, EVENT_PROBE_RESULT_CHANGED } from "./events";
import { probeSucceeds, randomBelow } from "./rules";
import { containerTimer, requestSync } from "./timers";

const RESULT_RUN_CAP: i32 = 65535;
/** quietUntil() result for a worker that stays quiet until resyncProbes() wakes it. */
const QUIET_UNTIL_WOKEN: i32 = 0x7fffffff;
/** quietUntil() result for a worker whose next tick may change something. */
const NOT_QUIET: i32 = -1;

/** Whether workers may skip quiet ticks; off only to check that skipping changes nothing. */
let quietTicksEnabled: bool = true;

export function setQuietTicks(enabled: bool): void {
  quietTicksEnabled = enabled;
}

/** Set by quietUntil when the skipped ticks would be passing probes. */
let quietCounts: bool = false;

/** Probe ticks skipped while quiet, for the benchmark (counted when the worker wakes). */
export let quietTicksSkipped: f64 = 0;

export function hasProbe(c: i32, probeType: i32): bool {
  return (unchecked(probeFlags[c * PROBE_TYPES + probeType]) & PROBE_CONFIGURED) != 0;
}

/**
 * Return the result stored for the current container instance, or RESULT_NONE.
 * A worker that has not seen the current instance has no result for its
 * container ID yet.
 */
export function currentResult(c: i32, probeType: i32): i32 {
  const cp = c * PROBE_TYPES + probeType;
  if ((unchecked(probeFlags[cp]) & PROBE_SEEN) == 0) return RESULT_NONE;
  return unchecked(probeStored[cp]);
}

/** Compute the `started` field: running, and no startup probe or its result is Success. */
export function isStarted(c: i32): bool {
  if (unchecked(containerState[c]) != STATE_RUNNING) return false;
  if (!hasProbe(c, PROBE_STARTUP)) return true;
  return currentResult(c, PROBE_STARTUP) == RESULT_SUCCESS;
}

/**
 * `started` as the readiness and liveness workers see it: a startup Success
 * stored in this very millisecond counts from the next one, so the order of
 * probe ticks within a millisecond does not matter.
 */
function isStartedForGating(c: i32): bool {
  if (!isStarted(c)) return false;
  return !hasProbe(c, PROBE_STARTUP) || unchecked(containerStartedSince[c]) < now;
}

/** Compute the `ready` field: started, and no readiness probe or its result is Success. */
export function isReady(c: i32): bool {
  if (!isStarted(c)) return false;
  if (!hasProbe(c, PROBE_READINESS)) return true;
  return currentResult(c, PROBE_READINESS) == RESULT_SUCCESS;
}

/**
 * Start the workers of one container when its pod is added. A worker created
 * less than one period after the kubelet started (engine time 0) first sleeps
 * a random fraction of the period. Its ticker is anchored to the end of that sleep.
 */
export function startWorkers(pod: i32, c: i32): void {
  for (let probeType = 0; probeType < PROBE_TYPES; probeType++) {
    const cp = c * PROBE_TYPES + probeType;
    const flags = unchecked(probeFlags[cp]);
    if ((flags & PROBE_CONFIGURED) == 0) continue;

    unchecked((probeFlags[cp] = (flags | PROBE_ACTIVE) & ~(PROBE_QUIET | PROBE_QUIET_COUNTS)));
    const period = unchecked(probePeriodMs[cp]);
    let first = now;
    if (now < period) first = now + randomBelow(pod, period);
    unchecked((probeAnchorMs[cp] = first));
    schedule(containerTimer(c, 1 + probeType), first);
  }
}

/** Mark a new container instance as unseen by its workers (a new container ID). */
export function forgetInstance(c: i32): void {
  for (let probeType = 0; probeType < PROBE_TYPES; probeType++) {
    const cp = c * PROBE_TYPES + probeType;
    unchecked((probeFlags[cp] = unchecked(probeFlags[cp]) & ~PROBE_SEEN));
  }
}

/**
 * Worker ticker fired: probe, then wait one period unless the worker exited.
 * A worker whose next ticks cannot change anything (see quietUntil) skips them:
 * its timer jumps to the first tick at or after the time something can change,
 * or stays off until resyncProbes() wakes it. Skipped passing probes still
 * count in resultRun, so the state read out matches ticking every period.
 */
export function onProbeTick(pod: i32, c: i32, probeType: i32): void {
  const cp = c * PROBE_TYPES + probeType;
  const flags = i32(unchecked(probeFlags[cp]));
  if ((flags & PROBE_ACTIVE) == 0) return;

  const period = unchecked(probePeriodMs[cp]);
  if ((flags & PROBE_QUIET) != 0) {
    wake(cp, flags, i32((now - unchecked(probeAnchorMs[cp])) / period) - 1);
  }

  if (!doProbe(pod, c, probeType)) {
    unchecked((probeFlags[cp] = unchecked(probeFlags[cp]) & ~PROBE_ACTIVE));
    return;
  }

  const until = quietTicksEnabled ? quietUntil(pod, c, probeType) : NOT_QUIET;
  const timer = containerTimer(c, 1 + probeType);
  unchecked((probeAnchorMs[cp] = now));
  if (until == NOT_QUIET) {
    schedule(timer, now + period);
    return;
  }

  // Only skipped passing probes add to resultRun.
  const counts = quietCounts ? PROBE_QUIET_COUNTS : 0;
  unchecked((probeFlags[cp] = unchecked(probeFlags[cp]) | PROBE_QUIET | counts));
  if (until > MAX_TIME_MS) {
    cancel(timer);
    return;
  }
  let ticks = i32((until - now + period - 1) / period);
  if (ticks < 1) ticks = 1;
  schedule(timer, now + ticks * period);
}

/** Leave quiet mode after `skipped` skipped ticks. */
function wake(cp: i32, flags: i32, skipped: i32): void {
  if (skipped > 0) {
    quietTicksSkipped += <f64>skipped;
    if ((flags & PROBE_QUIET_COUNTS) != 0) {
      const run = i32(unchecked(probeResultRun[cp])) + skipped;
      unchecked((probeResultRun[cp] = run > RESULT_RUN_CAP ? RESULT_RUN_CAP : run));
    }
  }
  unchecked((probeFlags[cp] = flags & ~(PROBE_QUIET | PROBE_QUIET_COUNTS)));
}

/** Decide whether each tick only adds to resultRun: the probe runs, passes, and Success is stored. */
function isSteadySuccess(c: i32, cp: i32): bool {
  if (unchecked(containerState[c]) != STATE_RUNNING) return false;
  if ((unchecked(probeFlags[cp]) & PROBE_ON_HOLD) != 0) return false;
  return i32(unchecked(probeLastResult[cp])) == RESULT_SUCCESS
    && i32(unchecked(probeStored[cp])) == RESULT_SUCCESS
    && i32(unchecked(probeResultRun[cp])) >= i32(unchecked(probeSuccessThreshold[cp]));
}

/**
 * Return the earliest time at which this worker's next doProbe could do more
 * than repeat the last one without any event or change, QUIET_UNTIL_WOKEN
 * when only a container or pod change can (resyncProbes is then called), or
 * NOT_QUIET. Called right after a doProbe at `now` that kept the worker.
 */
function quietUntil(pod: i32, c: i32, probeType: i32): i32 {
  const cp = c * PROBE_TYPES + probeType;
  quietCounts = false;
  const podState = i32(unchecked(podFlags[pod]));
  if ((podState & POD_TERMINAL) != 0) return NOT_QUIET;
  if ((podState & POD_DELETING) != 0 && probeType != PROBE_READINESS) return NOT_QUIET;

  // No container yet, or on hold until the next one: wait for createAndStart.
  if ((unchecked(containerFlags[c]) & CONTAINER_HAS_INSTANCE) == 0) return QUIET_UNTIL_WOKEN;
  const flags = i32(unchecked(probeFlags[cp]));
  if ((flags & PROBE_SEEN) == 0) return NOT_QUIET;
  if ((flags & PROBE_ON_HOLD) != 0) return QUIET_UNTIL_WOKEN;

  // Not running with Failure already stored: every tick stores Failure again.
  if (unchecked(containerState[c]) != STATE_RUNNING) {
    return i32(unchecked(probeStored[cp])) == RESULT_FAILURE ? QUIET_UNTIL_WOKEN : NOT_QUIET;
  }

  // Once started, the startup worker idles until a new instance. Until then
  // every worker keeps ticking, so readiness and liveness see the startup result.
  if (probeType == PROBE_STARTUP) return isStarted(c) ? QUIET_UNTIL_WOKEN : NOT_QUIET;
  if (!isStartedForGating(c)) return NOT_QUIET;

  // Inside the initial delay: nothing until it ends.
  const startedAt = unchecked(instanceStartedAt[c]);
  const delayEnd = startedAt + unchecked(probeInitialDelaySeconds[cp]) * 1000;
  if (now < delayEnd) return delayEnd;

  // Steady Success: quiet until the process turns unhealthy (setHealth wakes the worker).
  if (!isSteadySuccess(c, cp)) return NOT_QUIET;
  quietCounts = true;
  const unhealthyFrom = unchecked(processUnhealthyFrom[c]);
  if (unhealthyFrom < 0) return QUIET_UNTIL_WOKEN;
  return unhealthyFrom;
}

/**
 * Wake the quiet workers of a container after a change that can make their
 * next tick do something (new instance, exit, pod deletion or terminal pod).
 * A woken worker resumes at the next tick of its own ticker strictly after
 * now: a tick due now fires before any change in the same millisecond (see
 * link in wheel.ts), so it has already seen the old state. `except` is a probe
 * type to leave alone, or -1.
 */
export function resyncProbes(c: i32, except: i32): void {
  for (let probeType = 0; probeType < PROBE_TYPES; probeType++) {
    if (probeType == except) continue;
    const cp = c * PROBE_TYPES + probeType;
    const flags = i32(unchecked(probeFlags[cp]));
    if ((flags & PROBE_ACTIVE) == 0 || (flags & PROBE_QUIET) == 0) continue;

    const period = unchecked(probePeriodMs[cp]);
    const anchor = unchecked(probeAnchorMs[cp]);
    const ticks = i32((now - anchor) / period) + 1;
    const due = anchor + ticks * period;
    wake(cp, flags, ticks - 1);
    unchecked((probeAnchorMs[cp] = due - period));
    schedule(containerTimer(c, 1 + probeType), due);
  }
}

/**
 * Store a result in the results manager. A change is recorded as an event;
 * readiness and startup changes and liveness failures make the pod sync.
 */
function setResult(pod: i32, c: i32, probeType: i32, result: i32): void {
  const cp = c * PROBE_TYPES + probeType;
  if (i32(unchecked(probeStored[cp])) == result) return;

  unchecked((probeStored[cp] = result));
  if (probeType == PROBE_STARTUP && result == RESULT_SUCCESS) unchecked((containerStartedSince[c] = now));
  emit(pod, c - pod * maxContainers, EVENT_PROBE_RESULT_CHANGED, probeType, result);
  if (probeType != PROBE_LIVENESS || result == RESULT_FAILURE) requestSync(pod, now);
}

function initialValue(probeType: i32): i32 {
  if (probeType == PROBE_READINESS) return RESULT_FAILURE;
  if (probeType == PROBE_LIVENESS) return RESULT_SUCCESS;
  return RESULT_UNKNOWN;
}

/** Convert an absolute time of the process to ms since the instance started (-1 stays never, earlier times become 0). */
function sinceStartOf(timeMs: i32, c: i32): i32 {
  if (timeMs < 0) return -1;
  const since = timeMs - unchecked(instanceStartedAt[c]);
  return since < 0 ? 0 : since;
}

/** One doProbe of the kubelet's worker; returns whether the worker keeps running. */
export function doProbe(pod: i32, c: i32, probeType: i32): bool {
  const cp = c * PROBE_TYPES + probeType;

  // A terminal pod (Succeeded or Failed): the worker exits.
  if ((unchecked(podFlags[pod]) & POD_TERMINAL) != 0) return false;

  // No container ID yet: nothing to probe.
  if ((unchecked(containerFlags[c]) & CONTAINER_HAS_INSTANCE) == 0) return true;

  // A new container ID: store the initial value and resume probing. resultRun and lastResult are kept.
  let flags = i32(unchecked(probeFlags[cp]));
  if ((flags & PROBE_SEEN) == 0) {
    flags = (flags | PROBE_SEEN) & ~PROBE_ON_HOLD;
    unchecked((probeFlags[cp] = flags));
    setResult(pod, c, probeType, initialValue(probeType));
  }

  // On hold after a liveness or startup failure, until the next container ID.
  if ((flags & PROBE_ON_HOLD) != 0) return true;

  // Not running: Failure; the worker exits if the container is terminated and will never restart.
  const state = i32(unchecked(containerState[c]));
  if (state != STATE_RUNNING) {
    setResult(pod, c, probeType, RESULT_FAILURE);
    return !(state == STATE_TERMINATED && i32(unchecked(podPolicy[pod])) == POLICY_NEVER);
  }

  // Graceful deletion: liveness and startup are pinned to Success and stop. Readiness keeps probing.
  if ((unchecked(podFlags[pod]) & POD_DELETING) != 0 && probeType != PROBE_READINESS) {
    setResult(pod, c, probeType, RESULT_SUCCESS);
    return false;
  }

  // Inside initialDelaySeconds, counted in whole seconds since the instance started.
  const sinceStart = now - unchecked(instanceStartedAt[c]);
  if (i32(sinceStart / 1000) < unchecked(probeInitialDelaySeconds[cp])) return true;

  // Startup gating: the startup worker idles once started; the others idle until then.
  if (probeType == PROBE_STARTUP) {
    if (isStarted(c)) return true;
  } else if (!isStartedForGating(c)) {
    return true;
  }

  // Run the probe. Each failed attempt is an Unhealthy event.
  const succeeded = probeSucceeds(sinceStartOf(unchecked(processHealthyFrom[c]), c), sinceStartOf(unchecked(processUnhealthyFrom[c]), c), sinceStart);
  const result = succeeded ? RESULT_SUCCESS : RESULT_FAILURE;
  if (!succeeded) emit(pod, c - pod * maxContainers, EVENT_PROBE_FAILED, probeType, 0);

  // Consecutive results: same as the last one extends the run, else a new run starts.
  let run = i32(unchecked(probeResultRun[cp]));
  if (i32(unchecked(probeLastResult[cp])) == result) {
    if (run < RESULT_RUN_CAP) run++;
  } else {
    unchecked((probeLastResult[cp] = result));
    run = 1;
  }
  unchecked((probeResultRun[cp] = run));

  // Below the threshold: keep the stored result.
  if (result == RESULT_FAILURE && run < i32(unchecked(probeFailureThreshold[cp]))) return true;
  if (result == RESULT_SUCCESS && run < i32(unchecked(probeSuccessThreshold[cp]))) return true;

  setResult(pod, c, probeType, result);

  // A liveness or startup failure: hold until the container restarts, and restart the count.
  if (probeType != PROBE_READINESS && result == RESULT_FAILURE) {
    unchecked((probeFlags[cp] = unchecked(probeFlags[cp]) | PROBE_ON_HOLD));
    unchecked((probeResultRun[cp] = 0));
  }
  return true;
}
