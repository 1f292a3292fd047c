// Timer ids and the pod sync request shared by the container, probe and pod code.

import { TIMERS_PER_CONTAINER, TIMERS_PER_POD, TIMER_SYNC, podTimerBase } from "./layout";
import { scheduleNoLater } from "./wheel";
import { RELIST_PERIOD_MS } from "./rules";

export function containerTimer(c: i32, k: i32): i32 {
  return c * TIMERS_PER_CONTAINER + k;
}

export function podTimer(pod: i32, k: i32): i32 {
  return podTimerBase + pod * TIMERS_PER_POD + k;
}

/** Ask for a pod sync at `at`, keeping an earlier request (the pod worker runs one sync at a time). */
export function requestSync(pod: i32, at: i32): void {
  scheduleNoLater(podTimer(pod, TIMER_SYNC), at);
}

/** First PLEG relist strictly after `t`: relists tick every second from engine time 0. */
export function nextRelist(t: i32): i32 {
  return i32(t / RELIST_PERIOD_MS) * RELIST_PERIOD_MS + RELIST_PERIOD_MS;
}
