// Engine entry point: the functions exported to the WASM module and, through
// scripts/build-portable.mjs, to the JavaScript build. src/engine/ wraps them.

import {
  PROBE_TYPES, KIND_REGULAR, KIND_INIT, STATE_WAITING, STATE_RUNNING, WAITING_DEFAULT,
  RESULT_NONE, PHASE_IDLE, POD_IN_USE, PROBE_CONFIGURED, TIMER_SYNC, TIMER_DEADLINE,
  CONTAINER_HAS_INSTANCE, CONTAINER_HAS_PREVIOUS, CONTAINER_PRE_STOP_FAILS,
  TIMERS_PER_CONTAINER,
  initLayout, allocatePod, layoutBytes, maxContainers, podCount, podTimerBase,
  podFlags, podPolicy, podSize, podInitCount, podStartedAt, podGraceSeconds, podDeadlineSeconds,
  podDeletionGraceSeconds, podStartCursor, podRandomState,
  containerKind, behaviorPullMs, behaviorRunMs, behaviorHealthyFromMs, behaviorUnhealthyFromMs,
  behaviorSigtermExitMs, behaviorPreStopMs, behaviorExitCode, behaviorSigtermExitCode, behaviorPostStartMs,
  CONTAINER_POST_START_FAILS,
  containerState, containerWaitingReason, containerPhase, containerFlags, containerRestartCount,
  containerBackOffMs, backOffEntryMs, backOffUpdatedAt, instanceStartedAt, instanceFinishedAt,
  instanceExitCode, previousStartedAt, previousFinishedAt, previousExitCode,
  probePeriodMs, probeInitialDelaySeconds, probeGraceSeconds, probeSuccessThreshold,
  probeFailureThreshold, probeStored, probeLastResult, probeResultRun, probeFlags,
} from "./layout";
import { now, initWheel, popDue, earliestDue, schedule, MAX_TIME_MS } from "./wheel";
import {
  events, commands, eventCount, recordsEmitted, recordsDropped, initEvents, clearEvents,
  eventSpaceLow, setCountOnly,
} from "./events";
import {
  seedRandom, podRandomSeed, backOffHasExpired, backOffNextMs, backOffIsInBackOffSince,
  containerGraceSeconds, probeSucceeds,
} from "./rules";
import { podTimer } from "./timers";
import { startWorkers, onProbeTick, isStarted, isReady, quietTicksSkipped, setQuietTicks } from "./probe";
import { onStateTimer, setProcessExit, setProcessHealth } from "./container";
import { onPodTimer, deletePod as beginDeletion } from "./pod";

export { setCountOnly, setQuietTicks, clearEvents, backOffHasExpired, backOffNextMs, backOffIsInBackOffSince, containerGraceSeconds, probeSucceeds };

// Command buffer layout for addPod (i32 words), mirrored by src/engine/command.ts.
export const POD_HEADER_WORDS: i32 = 4;
export const CONTAINER_WORDS: i32 = 12 + PROBE_TYPES * 7;
const PROBE_WORDS: i32 = 7;
const BEHAVIOR_WORDS: i32 = 12;

// Command buffer layout for applySignals: records of SIGNAL_WORDS i32 words,
// [op | pod | container index | a | b], mirrored by src/engine/command.ts.
export const SIGNAL_WORDS: i32 = 5;
/** a = absolute exit time in ms (-1: never), b = exit code. */
export const SIGNAL_SET_EXIT: i32 = 1;
/** a = absolute time probes start to succeed (-1: never), b = absolute time they start to fail (-1: never). */
export const SIGNAL_SET_HEALTH: i32 = 2;
/** Maximum grace or deadline accepted, in seconds, so `seconds * 1000` stays inside i32 time. */
const MAX_SECONDS: i32 = 2000000;
const DEFAULT_PERIOD_SECONDS: i32 = 10;
/** Maximum probe period accepted, in seconds, so tick arithmetic stays inside i32 time. */
const MAX_PERIOD_SECONDS: i32 = 86400;

let timersFired: f64 = 0;

/** Allocate the engine for `pods` pods of up to `containers` containers; `seed` seeds every random draw. */
export function init(pods: i32, containers: i32, seed: i32): void {
  initLayout(pods, containers);
  initWheel();
  initEvents(POD_HEADER_WORDS + containers * CONTAINER_WORDS, containers);
  seedRandom(seed);
  timersFired = 0;
}

function clampSeconds(seconds: i32): i32 {
  if (seconds > MAX_SECONDS) return MAX_SECONDS;
  return seconds;
}

/**
 * Add the pod written in the command buffer at the current time. Returns its
 * dense index, -1 when the engine is full, or -2 when it has too many containers.
 * The sandbox, starts and probes happen in advance(), at this time.
 */
export function addPod(): i32 {
  const size = unchecked(commands[3]);
  if (size < 0 || size > maxContainers) return -2;
  const pod = allocatePod();
  if (pod < 0) return -1;

  unchecked((podFlags[pod] = POD_IN_USE));
  unchecked((podPolicy[pod] = unchecked(commands[0])));
  unchecked((podGraceSeconds[pod] = clampSeconds(unchecked(commands[1]))));
  unchecked((podDeadlineSeconds[pod] = clampSeconds(unchecked(commands[2]))));
  unchecked((podSize[pod] = size));
  unchecked((podStartedAt[pod] = now));
  unchecked((podStartCursor[pod] = now));
  unchecked((podDeletionGraceSeconds[pod] = -1));

  let initCount = 0;
  const base = pod * maxContainers;
  for (let i = 0; i < size; i++) {
    const c = base + i;
    const word = POD_HEADER_WORDS + i * CONTAINER_WORDS;
    decodeContainer(c, word);
    if (i32(unchecked(containerKind[c])) != KIND_REGULAR && initCount == i) initCount++;
  }
  unchecked((podInitCount[pod] = initCount));

  unchecked((podRandomState[pod] = podRandomSeed(pod)));
  for (let i = 0; i < size; i++) startWorkers(pod, base + i);
  schedule(podTimer(pod, TIMER_SYNC), now);
  const deadlineSeconds = unchecked(podDeadlineSeconds[pod]);
  if (deadlineSeconds >= 0) schedule(podTimer(pod, TIMER_DEADLINE), now + deadlineSeconds * 1000);
  return pod;
}

function decodeContainer(c: i32, word: i32): void {
  const kind = unchecked(commands[word]);
  unchecked((containerKind[c] = kind));
  unchecked((behaviorPullMs[c] = unchecked(commands[word + 1])));
  unchecked((behaviorRunMs[c] = unchecked(commands[word + 2])));
  unchecked((behaviorExitCode[c] = unchecked(commands[word + 3])));
  unchecked((behaviorHealthyFromMs[c] = unchecked(commands[word + 4])));
  unchecked((behaviorUnhealthyFromMs[c] = unchecked(commands[word + 5])));
  unchecked((behaviorSigtermExitMs[c] = unchecked(commands[word + 6])));
  unchecked((behaviorSigtermExitCode[c] = unchecked(commands[word + 7])));
  unchecked((behaviorPreStopMs[c] = unchecked(commands[word + 8])));
  unchecked((behaviorPostStartMs[c] = unchecked(commands[word + 10])));

  unchecked((containerState[c] = STATE_WAITING));
  unchecked((containerWaitingReason[c] = WAITING_DEFAULT));
  unchecked((containerPhase[c] = PHASE_IDLE));
  let flags = unchecked(commands[word + 9]) != 0 ? CONTAINER_PRE_STOP_FAILS : 0;
  if (unchecked(commands[word + 11]) != 0) flags |= CONTAINER_POST_START_FAILS;
  unchecked((containerFlags[c] = flags));
  unchecked((containerRestartCount[c] = 0));
  unchecked((containerBackOffMs[c] = 0));
  unchecked((backOffEntryMs[c] = 0));
  unchecked((backOffUpdatedAt[c] = 0));
  unchecked((instanceStartedAt[c] = -1));
  unchecked((instanceFinishedAt[c] = -1));
  unchecked((instanceExitCode[c] = 0));
  unchecked((previousStartedAt[c] = -1));
  unchecked((previousFinishedAt[c] = -1));
  unchecked((previousExitCode[c] = 0));

  for (let probeType = 0; probeType < PROBE_TYPES; probeType++) {
    const cp = c * PROBE_TYPES + probeType;
    const pw = word + BEHAVIOR_WORDS + probeType * PROBE_WORDS;
    // Only regular containers and sidecars get probe workers.
    const present = unchecked(commands[pw]) != 0 && kind != KIND_INIT;
    let periodSeconds = unchecked(commands[pw + 3]);
    if (periodSeconds <= 0) periodSeconds = DEFAULT_PERIOD_SECONDS;
    if (periodSeconds > MAX_PERIOD_SECONDS) periodSeconds = MAX_PERIOD_SECONDS;
    unchecked((probeFlags[cp] = present ? PROBE_CONFIGURED : 0));
    unchecked((probeInitialDelaySeconds[cp] = unchecked(commands[pw + 1])));
    unchecked((probePeriodMs[cp] = periodSeconds * 1000));
    unchecked((probeSuccessThreshold[cp] = unchecked(commands[pw + 4])));
    unchecked((probeFailureThreshold[cp] = unchecked(commands[pw + 5])));
    unchecked((probeGraceSeconds[cp] = present ? clampSeconds(unchecked(commands[pw + 6])) : -1));
    unchecked((probeStored[cp] = RESULT_NONE));
    unchecked((probeLastResult[cp] = RESULT_NONE));
    unchecked((probeResultRun[cp] = 0));
  }
}

/**
 * Apply `count` behavior signals written in the command buffer, at the
 * current time. Signals for a pod or container index out of range, or for a
 * container with no running process, are ignored. Returns how many were applied.
 */
export function applySignals(count: i32): i32 {
  const capacity = i32(commands.length / SIGNAL_WORDS);
  const total = count < capacity ? count : capacity;
  let applied = 0;
  for (let i = 0; i < total; i++) {
    const word = i * SIGNAL_WORDS;
    const op = unchecked(commands[word]);
    const pod = unchecked(commands[word + 1]);
    const index = unchecked(commands[word + 2]);
    if (pod < 0 || pod >= podCount || index < 0 || index >= i32(unchecked(podSize[pod]))) continue;
    if ((unchecked(podFlags[pod]) & POD_IN_USE) == 0) continue;
    const c = pod * maxContainers + index;
    const a = unchecked(commands[word + 3]);
    const b = unchecked(commands[word + 4]);
    if (op == SIGNAL_SET_EXIT) setProcessExit(c, a, b & 0xff);
    else if (op == SIGNAL_SET_HEALTH) setProcessHealth(c, a, b);
    else continue;
    applied++;
  }
  return applied;
}

/** Start the graceful deletion of a pod; it takes effect in advance(), at this time. */
export function deletePod(pod: i32, graceSeconds: i32): void {
  if (pod < 0 || pod >= podCount) return;
  beginDeletion(pod, clampSeconds(graceSeconds));
}

function dispatch(timer: i32): void {
  if (timer >= podTimerBase) {
    const relative = timer - podTimerBase;
    onPodTimer(relative >> 1, relative & 1);
    return;
  }
  const c = timer >> 2;
  const k = timer & (TIMERS_PER_CONTAINER - 1);
  const pod = i32(c / maxContainers);
  if (k == 0) onStateTimer(pod, c);
  else onProbeTick(pod, c, k - 1);
}

/**
 * Fire every timer due up to `untilMs`, or stop early when the event ring is
 * nearly full. Returns the time reached.
 */
export function advance(untilMs: i32): i32 {
  const target = untilMs > MAX_TIME_MS ? MAX_TIME_MS : untilMs;
  if (target < now) return now;
  while (true) {
    if (eventSpaceLow()) return now;
    const timer = popDue(target);
    if (timer < 0) return now;
    timersFired += 1;
    dispatch(timer);
  }
  return now;
}

export function nowMs(): i32 {
  return now;
}

export function nextDueMs(): i32 {
  return earliestDue();
}

export function eventRecordCount(): i32 {
  return eventCount;
}

export function eventsArray(): Int32Array {
  return events;
}

export function commandsArray(): Int32Array {
  return commands;
}

/** Byte address of the event ring in WASM memory (WASM build only). */
export function eventsPointer(): usize {
  return events.dataStart;
}

/** Byte address of the command buffer in WASM memory (WASM build only). */
export function commandsPointer(): usize {
  return commands.dataStart;
}

export function timerEventCount(): f64 {
  return timersFired;
}

/** Probe ticks skipped by quiet workers (accounted when they wake). */
export function skippedProbeTickCount(): f64 {
  return quietTicksSkipped;
}

export function emittedRecordCount(): f64 {
  return recordsEmitted;
}

export function droppedRecordCount(): f64 {
  return recordsDropped;
}

export function bytesPerContainer(): f64 {
  return layoutBytes;
}

export function podsInUse(): i32 {
  return podCount;
}

// Field codes of readContainerField, mirrored by src/engine/bridge.ts.
const FIELD_STATE: i32 = 0;
const FIELD_WAITING_REASON: i32 = 1;
const FIELD_BACK_OFF_MS: i32 = 2;
const FIELD_RESTART_COUNT: i32 = 3;
const FIELD_READY: i32 = 4;
const FIELD_STARTED: i32 = 5;
const FIELD_STARTED_AT: i32 = 6;
const FIELD_FINISHED_AT: i32 = 7;
const FIELD_EXIT_CODE: i32 = 8;
const FIELD_SIGNAL: i32 = 9;
const FIELD_HAS_LAST: i32 = 10;
const FIELD_LAST_STARTED_AT: i32 = 11;
const FIELD_LAST_FINISHED_AT: i32 = 12;
const FIELD_LAST_EXIT_CODE: i32 = 13;

/**
 * Read one status field of a container. A waiting container that has run
 * before shows that dead instance as lastState (CrashLoopBackOff). Otherwise
 * the current instance is the state and the one before it is lastState.
 */
export function readContainerField(pod: i32, index: i32, field: i32): i32 {
  const c = pod * maxContainers + index;
  const state = i32(unchecked(containerState[c]));
  const flags = i32(unchecked(containerFlags[c]));
  const hasInstance = (flags & CONTAINER_HAS_INSTANCE) != 0;
  const waiting = state == STATE_WAITING;
  const lastIsInstance = waiting && hasInstance;
  const hasLast = lastIsInstance || (!waiting && (flags & CONTAINER_HAS_PREVIOUS) != 0);

  if (field == FIELD_STATE) return state;
  if (field == FIELD_WAITING_REASON) {
    if (!waiting) return 0;
    return hasInstance ? i32(unchecked(containerWaitingReason[c])) : WAITING_DEFAULT;
  }
  if (field == FIELD_BACK_OFF_MS) return waiting ? unchecked(containerBackOffMs[c]) : 0;
  if (field == FIELD_RESTART_COUNT) return unchecked(containerRestartCount[c]);
  if (field == FIELD_READY) return isReady(c) ? 1 : 0;
  if (field == FIELD_STARTED) {
    if (state != STATE_RUNNING) return -1;
    return isStarted(c) ? 1 : 0;
  }
  if (field == FIELD_STARTED_AT) return waiting ? -1 : unchecked(instanceStartedAt[c]);
  if (field == FIELD_FINISHED_AT) return waiting ? -1 : unchecked(instanceFinishedAt[c]);
  if (field == FIELD_EXIT_CODE) return waiting ? 0 : i32(unchecked(instanceExitCode[c]));
  if (field == FIELD_SIGNAL) return 0;
  if (field == FIELD_HAS_LAST) return hasLast ? 1 : 0;
  if (!hasLast) return field == FIELD_LAST_EXIT_CODE ? 0 : -1;
  if (field == FIELD_LAST_STARTED_AT) return lastIsInstance ? unchecked(instanceStartedAt[c]) : unchecked(previousStartedAt[c]);
  if (field == FIELD_LAST_FINISHED_AT) return lastIsInstance ? unchecked(instanceFinishedAt[c]) : unchecked(previousFinishedAt[c]);
  if (field == FIELD_LAST_EXIT_CODE) return lastIsInstance ? i32(unchecked(instanceExitCode[c])) : i32(unchecked(previousExitCode[c]));
  return 0;
}

/** Pod fields: 0 startedAt, 1 flag bits (see layout.ts podFlags). */
export function readPodField(pod: i32, field: i32): i32 {
  if (field == 0) return unchecked(podStartedAt[pod]);
  return i32(unchecked(podFlags[pod]));
}

/** Probe worker fields: 0 stored result, 1 resultRun, 2 lastResult, 3 flag bits (see layout.ts probeFlags). */
export function readProbeField(pod: i32, index: i32, probeType: i32, field: i32): i32 {
  const cp = (pod * maxContainers + index) * PROBE_TYPES + probeType;
  if (field == 0) return i32(unchecked(probeStored[cp]));
  if (field == 1) return i32(unchecked(probeResultRun[cp]));
  if (field == 2) return i32(unchecked(probeLastResult[cp]));
  return i32(unchecked(probeFlags[cp]));
}

/** Checksum over every container's state, waiting reason, restart count, exit code and readiness. */
export function stateChecksum(): i32 {
  let hash: i32 = 0x12345678;
  const count = podCount * maxContainers;
  for (let c = 0; c < count; c++) {
    const pod = i32(c / maxContainers);
    if (c - pod * maxContainers >= i32(unchecked(podSize[pod]))) continue;
    hash = mix(hash, i32(unchecked(containerState[c])));
    hash = mix(hash, i32(unchecked(containerWaitingReason[c])));
    hash = mix(hash, unchecked(containerRestartCount[c]));
    hash = mix(hash, i32(unchecked(instanceExitCode[c])));
    hash = mix(hash, isReady(c) ? 1 : 0);
  }
  return hash;
}

function mix(hash: i32, value: i32): i32 {
  const x = hash ^ value;
  return i32(((x << 5) | (x >>> 27)) + 0x3c6ef372);
}
