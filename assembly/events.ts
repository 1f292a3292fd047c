// Event ring from the engine to JavaScript, and the command buffer the other way.
//
//   events: [ timeMs | pod | container | code | a | b ] x EVENT_CAPACITY records (i32)
//   commands: one pod spec as written by src/engine/command.ts (see addPod in
//   index.ts), or a batch of behavior signals (see applySignals in index.ts)
//
// The ring is drained whole: JavaScript reads records [0, eventCount) and calls
// clearEvents(). advance() stops while at least eventReserve records are free,
// so the records of one timer always fit.

import { now } from "./wheel";

export const EVENT_WORDS: i32 = 6;
export const EVENT_CAPACITY: i32 = 65536;

export const EVENT_SANDBOX_READY: i32 = 1;
export const EVENT_PULLING: i32 = 2;
export const EVENT_PULLED: i32 = 3;
export const EVENT_ALREADY_PRESENT: i32 = 4;
export const EVENT_CREATED: i32 = 5;
export const EVENT_STARTED: i32 = 6;
export const EVENT_EXITED: i32 = 7;
export const EVENT_PROBE_FAILED: i32 = 8;
export const EVENT_PROBE_RESULT_CHANGED: i32 = 9;
export const EVENT_KILLING: i32 = 10;
export const EVENT_BACK_OFF: i32 = 11;
export const EVENT_PRE_STOP_FAILED: i32 = 12;
export const EVENT_DEADLINE_EXCEEDED: i32 = 13;
export const EVENT_POD_TERMINAL: i32 = 14;
export const EVENT_POD_REMOVED: i32 = 15;
/** a = 1 when the hook failed, else 0. */
export const EVENT_POST_START_FINISHED: i32 = 16;

export let events: Int32Array = new Int32Array(0);
export let eventCount: i32 = 0;
/** Records needed free before a timer fires: a pod sync can kill and start every container of a pod. */
export let eventReserve: i32 = 0;
/** When set, records are only counted (benchmarks). */
export let countOnly: bool = false;
/** Records written since init, whether stored or only counted. */
export let recordsEmitted: f64 = 0;
/** Records lost because the ring was full; stays 0 unless eventReserve is too small. */
export let recordsDropped: f64 = 0;

export let commands: Int32Array = new Int32Array(0);

export function initEvents(commandWords: i32, maxContainers: i32): void {
  events = new Int32Array(EVENT_CAPACITY * EVENT_WORDS);
  eventCount = 0;
  eventReserve = 32 + 12 * maxContainers;
  recordsEmitted = 0;
  recordsDropped = 0;
  commands = new Int32Array(commandWords);
}

export function setCountOnly(flag: bool): void {
  countOnly = flag;
}

export function clearEvents(): void {
  eventCount = 0;
}

export function eventSpaceLow(): bool {
  return !countOnly && EVENT_CAPACITY - eventCount < eventReserve;
}

export function emit(pod: i32, container: i32, code: i32, a: i32, b: i32): void {
  recordsEmitted += 1;
  if (countOnly) return;
  if (eventCount >= EVENT_CAPACITY) {
    recordsDropped += 1;
    return;
  }
  const base = eventCount * EVENT_WORDS;
  unchecked((events[base] = now));
  unchecked((events[base + 1] = pod));
  unchecked((events[base + 2] = container));
  unchecked((events[base + 3] = code));
  unchecked((events[base + 4] = a));
  unchecked((events[base + 5] = b));
  eventCount = eventCount + 1;
}
