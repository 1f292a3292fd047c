// Pure kubelet rules, kept free of engine state so tests can call them directly.

import { KILL_LIVENESS, KILL_STARTUP, podRandomState } from "./layout";

/** The kubelet's container back-off: first delay and cap (backOffPeriod, MaxContainerBackOff). */
export const BACKOFF_INITIAL_MS: i32 = 10000;
export const BACKOFF_MAX_MS: i32 = 300000;

/** Pod worker requeue after a sync that hit a back-off: 10 s x (1 + rand x 0.5). */
export const SYNC_BACKOFF_REQUEUE_MS: i32 = 10000;
export const SYNC_BACKOFF_JITTER_MS: i32 = 5000;

/** The PLEG relists every second; container starts and exits are noticed at the next relist. */
export const RELIST_PERIOD_MS: i32 = 1000;

/** killContainer never gives less than this after the preStop hook (minimumGracePeriodInSeconds). */
export const MIN_GRACE_SECONDS: i32 = 2;

/** Exit code of a process ended by SIGKILL (128 + 9). */
export const EXIT_CODE_SIGKILL: i32 = 137;

/**
 * Decide whether a back-off entry has expired: the event is more than 2 x max
 * after the entry's last update (flowcontrol hasExpired).
 */
export function backOffHasExpired(eventMs: i32, lastUpdateMs: i32, maxMs: i32): bool {
  return eventMs - lastUpdateMs > 2 * maxMs;
}

/**
 * Compute the back-off after flowcontrol Next at `nowMs`: the initial delay
 * when there is no entry (entryMs <= 0) or it has expired, else double, capped.
 */
export function backOffNextMs(entryMs: i32, lastUpdateMs: i32, nowMs: i32, initialMs: i32, maxMs: i32): i32 {
  if (entryMs <= 0 || backOffHasExpired(nowMs, lastUpdateMs, maxMs)) return initialMs;
  const doubled = entryMs > maxMs ? maxMs : entryMs * 2;
  return doubled > maxMs ? maxMs : doubled;
}

/**
 * Decide flowcontrol IsInBackOffSince: an unexpired entry whose back-off has
 * not yet run out since `eventMs` (the dead container's finishedAt).
 */
export function backOffIsInBackOffSince(entryMs: i32, lastUpdateMs: i32, eventMs: i32, nowMs: i32, maxMs: i32): bool {
  if (entryMs <= 0) return false;
  if (backOffHasExpired(eventMs, lastUpdateMs, maxMs)) return false;
  return nowMs - eventMs < entryMs;
}

/**
 * Choose a container's grace period in seconds before preStop
 * (setTerminationGracePeriod): the deletion grace when deleting, else the
 * probe-level value for liveness and startup kills (even when larger), else the
 * pod's terminationGracePeriodSeconds, else 2. -1 means unset for every input.
 */
export function containerGraceSeconds(
  deletionGraceSeconds: i32,
  killReason: i32,
  podGraceSeconds: i32,
  startupGraceSeconds: i32,
  livenessGraceSeconds: i32,
): i32 {
  if (deletionGraceSeconds >= 0) return deletionGraceSeconds;
  if (killReason == KILL_STARTUP && startupGraceSeconds >= 0) return startupGraceSeconds;
  if (killReason == KILL_LIVENESS && livenessGraceSeconds >= 0) return livenessGraceSeconds;
  if (podGraceSeconds >= 0) return podGraceSeconds;
  return MIN_GRACE_SECONDS;
}

/**
 * Decide one probe attempt from the behavior, `sinceStartMs` after the
 * container started: success from healthyFromMs on, unless unhealthyFromMs has come.
 */
export function probeSucceeds(healthyFromMs: i32, unhealthyFromMs: i32, sinceStartMs: i32): bool {
  if (healthyFromMs < 0 || sinceStartMs < healthyFromMs) return false;
  return !(unhealthyFromMs >= 0 && sinceStartMs >= unhealthyFromMs);
}

/** Advance a xorshift32 state; never returns 0 for a non-zero state. */
export function xorshift32(state: i32): i32 {
  let x = state;
  x = x ^ (x << 13);
  x = x ^ (x >>> 17);
  x = x ^ (x << 5);
  return x;
}

let randomSeed: i32 = 0x2545f491;

export function seedRandom(seed: i32): void {
  randomSeed = seed == 0 ? 0x2545f491 : seed;
}

/**
 * First random state of a pod's own stream. Each pod draws from its own
 * xorshift32 stream, so its timeline does not depend on the order in which
 * other pods' timers fire within a millisecond.
 */
export function podRandomSeed(pod: i32): i32 {
  let x = randomSeed ^ ((pod << 16) | (pod >>> 16)) ^ 0x5bd1e995;
  if (x == 0) x = 0x2545f491;
  x = xorshift32(x);
  x = xorshift32(x ^ pod);
  return x == 0 ? 0x2545f491 : x;
}

/** Return a random integer in [0, bound) from `pod`'s stream; bound must be > 0. */
export function randomBelow(pod: i32, bound: i32): i32 {
  const x = xorshift32(unchecked(podRandomState[pod]));
  unchecked((podRandomState[pod] = x));
  return (x >>> 1) % bound;
}
