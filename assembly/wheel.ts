// Hierarchical timing wheel over the timer arrays of layout.ts.
//
//   level 0: L0_SLOTS slots of 1 ms           timers due in [now, now + L0_SLOTS)
//   level 1: L1_SLOTS slots of L0_SLOTS ms    timers whose epoch (due >> L0_BITS) is
//            less than L1_SLOTS epochs ahead of the current epoch
//   overflow: one list, rescanned each time level 1 wraps (every ~4.7 h)
//
//   timerNext/timerPrev: [ timers 0 .. timerCount-1 | sentinel of slot 0 .. WHEEL_SLOT_COUNT-1 ]
//   slots: [ level 0 (L0_SLOTS) | level 1 (L1_SLOTS) | overflow (1) ]
//   occupancy bitmaps: level0Bits (L0_SLOTS / 32 words), level1Bits (L1_SLOTS / 32 words)
//
// Each slot is a circular doubly linked list through its sentinel, so unlinking
// any timer is O(1). A level-0 slot only ever contains timers of one due time,
// because every timer in level 0 is due less than L0_SLOTS ms ahead. When time
// enters a new epoch, the level-1 slot of that epoch moves down into level 0
// (the cascade). timerDue is -1 for a timer that is not scheduled. Within a
// millisecond, probe ticks fire first (see link), then the other timers in the
// order they were scheduled.

import { timerNext, timerPrev, timerDue, timerCount, podTimerBase, TIMERS_PER_CONTAINER, WHEEL_SLOT_COUNT } from "./layout";

export const L0_BITS: i32 = 14;
export const L0_SLOTS: i32 = 1 << L0_BITS;
export const L0_MASK: i32 = L0_SLOTS - 1;
export const L1_BITS: i32 = 10;
export const L1_SLOTS: i32 = 1 << L1_BITS;
export const L1_MASK: i32 = L1_SLOTS - 1;
export const OVERFLOW_SLOT: i32 = L0_SLOTS + L1_SLOTS;

/** Latest time the engine runs to: keeps sums like `due + L0_SLOTS` inside i32. */
export const MAX_TIME_MS: i32 = 2000000000;

/** Current simulated time in ms. */
export let now: i32 = 0;

let level0Bits: Int32Array = new Int32Array(0);
let level1Bits: Int32Array = new Int32Array(0);

export function initWheel(): void {
  now = 0;
  for (let slot = 0; slot < WHEEL_SLOT_COUNT; slot++) {
    const sentinel = timerCount + slot;
    unchecked((timerNext[sentinel] = sentinel));
    unchecked((timerPrev[sentinel] = sentinel));
  }
  level0Bits = new Int32Array(L0_SLOTS >> 5);
  level1Bits = new Int32Array(L1_SLOTS >> 5);
}

function setBit(slot: i32): void {
  if (slot < L0_SLOTS) {
    const w = slot >> 5;
    unchecked((level0Bits[w] = unchecked(level0Bits[w]) | (1 << (slot & 31))));
  } else if (slot < OVERFLOW_SLOT) {
    const s = slot - L0_SLOTS;
    const w = s >> 5;
    unchecked((level1Bits[w] = unchecked(level1Bits[w]) | (1 << (s & 31))));
  }
}

function clearBit(slot: i32): void {
  if (slot < L0_SLOTS) {
    const w = slot >> 5;
    unchecked((level0Bits[w] = unchecked(level0Bits[w]) & ~(1 << (slot & 31))));
  } else if (slot < OVERFLOW_SLOT) {
    const s = slot - L0_SLOTS;
    const w = s >> 5;
    unchecked((level1Bits[w] = unchecked(level1Bits[w]) & ~(1 << (s & 31))));
  }
}

function slotFor(due: i32): i32 {
  if (due - now < L0_SLOTS) return due & L0_MASK;
  if ((due >> L0_BITS) - (now >> L0_BITS) < L1_SLOTS) return L0_SLOTS + ((due >> L0_BITS) & L1_MASK);
  return OVERFLOW_SLOT;
}

/**
 * Probe worker timers go to the head of a level-0 slot and every other timer
 * to the tail, so within one millisecond probe ticks fire before container and
 * pod timers. The engine relies on this order: a probe tick and a container
 * change in the same millisecond always see the container before the change.
 */
function link(timer: i32, slot: i32): void {
  const sentinel = timerCount + slot;
  if (unchecked(timerNext[sentinel]) == sentinel) setBit(slot);
  const isProbeTimer = timer < podTimerBase && (timer & (TIMERS_PER_CONTAINER - 1)) != 0;
  const before = isProbeTimer && slot < L0_SLOTS ? sentinel : unchecked(timerPrev[sentinel]);
  const after = unchecked(timerNext[before]);
  unchecked((timerNext[before] = timer));
  unchecked((timerPrev[timer] = before));
  unchecked((timerNext[timer] = after));
  unchecked((timerPrev[after] = timer));
}

function unlink(timer: i32): void {
  const prev = unchecked(timerPrev[timer]);
  const next = unchecked(timerNext[timer]);
  unchecked((timerNext[prev] = next));
  unchecked((timerPrev[next] = prev));
  unchecked((timerDue[timer] = -1));
  // The list is empty when its sentinel now points at itself.
  if (prev == next && prev >= timerCount) clearBit(prev - timerCount);
}

/** Schedule `timer` at `due` (not before now), replacing any earlier schedule. Times past MAX_TIME_MS never fire. */
export function schedule(timer: i32, due: i32): void {
  if (unchecked(timerDue[timer]) >= 0) unlink(timer);
  if (due > MAX_TIME_MS || due < 0) return;
  const at = due < now ? now : due;
  unchecked((timerDue[timer] = at));
  link(timer, slotFor(at));
}

/** Schedule `timer` at `due` unless it is already scheduled no later than that. */
export function scheduleNoLater(timer: i32, due: i32): void {
  const current = unchecked(timerDue[timer]);
  if (current >= 0 && current <= due) return;
  schedule(timer, due);
}

export function cancel(timer: i32): void {
  if (unchecked(timerDue[timer]) >= 0) unlink(timer);
}

/** First set bit at or after `from` in a bitmap of `words` words, or -1. */
function nextSetBit(bits: Int32Array, words: i32, from: i32): i32 {
  let w = from >> 5;
  if (w >= words) return -1;
  let word = unchecked(bits[w]) & (-1 << (from & 31));
  while (word == 0) {
    w++;
    if (w >= words) return -1;
    word = unchecked(bits[w]);
  }
  return (w << 5) + ctz(word);
}

/** Move the timers of one slot back through slotFor (the cascade). */
function redistribute(slot: i32): void {
  const sentinel = timerCount + slot;
  let timer = unchecked(timerNext[sentinel]);
  if (timer == sentinel) return;
  unchecked((timerNext[sentinel] = sentinel));
  unchecked((timerPrev[sentinel] = sentinel));
  clearBit(slot);
  while (timer != sentinel) {
    const next = unchecked(timerNext[timer]);
    link(timer, slotFor(unchecked(timerDue[timer])));
    timer = next;
  }
}

/** Enter the epoch starting at `now`: rescan the overflow list when level 1 wraps, then cascade. */
function enterEpoch(): void {
  const epoch = now >> L0_BITS;
  if ((epoch & L1_MASK) == 0) redistribute(OVERFLOW_SLOT);
  redistribute(L0_SLOTS + (epoch & L1_MASK));
}

/**
 * Pop the next timer due at or before `until`, moving `now` to its due time,
 * or return -1 after moving `now` to `until` when none is due by then.
 */
export function popDue(until: i32): i32 {
  while (true) {
    const slot = nextSetBit(level0Bits, L0_SLOTS >> 5, now & L0_MASK);
    if (slot >= 0) {
      const due = (now & ~L0_MASK) + slot;
      if (due > until) {
        now = until;
        return -1;
      }
      now = due;
      const timer = unchecked(timerNext[timerCount + slot]);
      unlink(timer);
      return timer;
    }

    const epochStart = (now & ~L0_MASK) + L0_SLOTS;
    if (epochStart > until) {
      now = until;
      return -1;
    }
    now = epochStart;
    enterEpoch();
  }
  return -1;
}

/** Minimum due time over a slot's list, or -1 when it is empty. */
function minDueInSlot(slot: i32): i32 {
  let best: i32 = -1;
  const sentinel = timerCount + slot;
  let timer = unchecked(timerNext[sentinel]);
  while (timer != sentinel) {
    const due = unchecked(timerDue[timer]);
    if (best < 0 || due < best) best = due;
    timer = unchecked(timerNext[timer]);
  }
  return best;
}

/** Time of the earliest scheduled timer, or -1 when none is scheduled. Walks lists: not for the hot loop. */
export function earliestDue(): i32 {
  let best: i32 = -1;
  let slot = nextSetBit(level0Bits, L0_SLOTS >> 5, 0);
  while (slot >= 0) {
    const due = unchecked(timerDue[unchecked(timerNext[timerCount + slot])]);
    if (best < 0 || due < best) best = due;
    slot = nextSetBit(level0Bits, L0_SLOTS >> 5, slot + 1);
  }
  let s1 = nextSetBit(level1Bits, L1_SLOTS >> 5, 0);
  while (s1 >= 0) {
    const due = minDueInSlot(L0_SLOTS + s1);
    if (best < 0 || due < best) best = due;
    s1 = nextSetBit(level1Bits, L1_SLOTS >> 5, s1 + 1);
  }
  const overflow = minDueInSlot(OVERFLOW_SLOT);
  if (overflow >= 0 && (best < 0 || overflow < best)) best = overflow;
  return best;
}
