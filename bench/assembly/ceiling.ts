// Ceiling of a timer loop on this machine: timers with no Kubernetes logic.
// Every timer fires, steps its own xorshift32 state, counts the firing and
// reschedules itself 1 ms to MAX_DELAY_MS later. 2^19 slots of 1 ms span more
// than MAX_DELAY_MS, so the one-level layouts never cascade.
//
// Three layouts of the wheel, with the same per-timer sequence of states:
//
//   inline      one level of 2^19 slots of 1 ms. Each slot is a list of 64-byte
//               chunks (one cache line), and each chunk carries the state words
//               of up to CHUNK_RECORDS timers. Firing a slot reads consecutive
//               memory. Rescheduling appends to the tail chunk of the target
//               slot, one of about 300,000 live tails.
//   cascade     two levels of chunked slots that carry the timers' state: 1024
//               slots of 1 ms, and 512 buckets of 1024 ms that are moved into
//               the 1 ms slots when their 1024 ms window begins. Every timer is
//               written and read twice, but always at one of 1,536 tails, whose
//               current lines fit in cache, and chunks of 512 bytes are read in
//               sequence.
//   intrusive   one level of 2^19 slots of 1 ms. Each slot is a singly linked
//               list of timer indices through timerNext, and the state lives in
//               arrays indexed by timer, as in the engine's wheel
//               (assembly/wheel.ts). Each firing touches the timer's entries in
//               three arrays at scattered offsets.
//
// The checksum sums (state ^ count) over all timers, so it does not depend on
// the order in which timers of one millisecond fire. All three layouts and both
// builds (WASM, and JavaScript through AssemblyScript's portable library) must
// give the same checksum and event count.

const SLOT_BITS: i32 = 19;
const SLOTS: i32 = 1 << SLOT_BITS;
const SLOT_MASK: i32 = SLOTS - 1;
/** Maximum delay between two firings of a timer, in ms (300 s). It must stay below SLOTS. */
export const MAX_DELAY_MS: i32 = 300000;

const CHUNK_WORDS: i32 = 16;
const CHUNK_HEADER_WORDS: i32 = 2;
const RECORD_WORDS: i32 = 2;
const CHUNK_RECORDS: i32 = (CHUNK_WORDS - CHUNK_HEADER_WORDS) / RECORD_WORDS;

/** Current time in ms. */
let now: i32 = 0;
let timerCount: i32 = 0;

// Inline layout: chunk c occupies chunks[c * CHUNK_WORDS ..]: next chunk (-1 at the
// tail), record count, then (state, count) pairs.
let slotHead: Int32Array = new Int32Array(0);
let slotTail: Int32Array = new Int32Array(0);
let chunks: Int32Array = new Int32Array(0);
let freeChunk: i32 = -1;
let unusedChunk: i32 = 0;

// Intrusive layout.
let listHead: Int32Array = new Int32Array(0);
let timerNext: Int32Array = new Int32Array(0);
let timerState: Int32Array = new Int32Array(0);
let timerFired: Int32Array = new Int32Array(0);

function xorshift(value: i32): i32 {
  let x = value;
  x ^= x << 13;
  x ^= x >>> 17;
  x ^= x << 5;
  return x;
}

function delayOf(state: i32): i32 {
  return 1 + ((state >>> 1) % MAX_DELAY_MS);
}

/** Initial xorshift state of timer `timer`. It is never 0, because 0 is a fixed point of xorshift. */
function initialState(seed: i32, timer: i32): i32 {
  let state = i32((seed ^ 0x5bd1e995) + timer + 1);
  if (state == 0) state = 1;
  for (let round = 0; round < 4; round++) state = xorshift(state);
  return state;
}

function allocateChunk(): i32 {
  let chunk = freeChunk;
  if (chunk >= 0) {
    freeChunk = unchecked(chunks[chunk * CHUNK_WORDS]);
  } else {
    chunk = unusedChunk;
    unusedChunk++;
  }
  const base = chunk * CHUNK_WORDS;
  unchecked((chunks[base] = -1));
  unchecked((chunks[base + 1] = 0));
  return chunk;
}

function append(slot: i32, state: i32, fired: i32): void {
  let tail = unchecked(slotTail[slot]);
  if (tail < 0 || unchecked(chunks[tail * CHUNK_WORDS + 1]) == CHUNK_RECORDS) {
    const chunk = allocateChunk();
    if (tail < 0) unchecked((slotHead[slot] = chunk));
    else unchecked((chunks[tail * CHUNK_WORDS] = chunk));
    unchecked((slotTail[slot] = chunk));
    tail = chunk;
  }
  const base = tail * CHUNK_WORDS;
  const count = unchecked(chunks[base + 1]);
  const at = base + CHUNK_HEADER_WORDS + count * RECORD_WORDS;
  unchecked((chunks[at] = state));
  unchecked((chunks[at + 1] = fired));
  unchecked((chunks[base + 1] = count + 1));
}

/** Set up `timers` timers in the inline layout, each first due 1 ms to MAX_DELAY_MS after time 0. */
export function initInline(timers: i32, seed: i32): void {
  now = 0;
  timerCount = timers;
  slotHead = new Int32Array(SLOTS);
  slotTail = new Int32Array(SLOTS);
  slotHead.fill(-1);
  slotTail.fill(-1);
  // Every chunk but the tail of a slot is full, so this many chunks always suffice.
  const capacity = timers / CHUNK_RECORDS + 1 + (timers < SLOTS ? timers : SLOTS);
  chunks = new Int32Array(capacity * CHUNK_WORDS);
  freeChunk = -1;
  unusedChunk = 0;
  for (let timer = 0; timer < timers; timer++) {
    const state = initialState(seed, timer);
    append(delayOf(state) & SLOT_MASK, state, 0);
  }
}

/** Fire every timer due up to `untilMs` in the inline layout; returns the number fired. */
export function runInline(untilMs: i32): i32 {
  let events: i32 = 0;
  while (now < untilMs) {
    now++;
    const slot = now & SLOT_MASK;
    let chunk = unchecked(slotHead[slot]);
    if (chunk < 0) continue;
    unchecked((slotHead[slot] = -1));
    unchecked((slotTail[slot] = -1));
    while (chunk >= 0) {
      const base = chunk * CHUNK_WORDS;
      const count = unchecked(chunks[base + 1]);
      for (let record = 0; record < count; record++) {
        const at = base + CHUNK_HEADER_WORDS + record * RECORD_WORDS;
        const state = xorshift(unchecked(chunks[at]));
        append((now + delayOf(state)) & SLOT_MASK, state, unchecked(chunks[at + 1]) + 1);
      }
      events += count;
      const next = unchecked(chunks[base]);
      unchecked((chunks[base] = freeChunk));
      freeChunk = chunk;
      chunk = next;
    }
  }
  return events;
}

/** Set up `timers` timers in the intrusive layout, with the same states and due times as initInline. */
export function initIntrusive(timers: i32, seed: i32): void {
  now = 0;
  timerCount = timers;
  listHead = new Int32Array(SLOTS);
  listHead.fill(-1);
  timerNext = new Int32Array(timers);
  timerState = new Int32Array(timers);
  timerFired = new Int32Array(timers);
  for (let timer = 0; timer < timers; timer++) {
    const state = initialState(seed, timer);
    const slot = delayOf(state) & SLOT_MASK;
    unchecked((timerState[timer] = state));
    unchecked((timerNext[timer] = unchecked(listHead[slot])));
    unchecked((listHead[slot] = timer));
  }
}

/** Fire every timer due up to `untilMs` in the intrusive layout; returns the number fired. */
export function runIntrusive(untilMs: i32): i32 {
  let events: i32 = 0;
  while (now < untilMs) {
    now++;
    const slot = now & SLOT_MASK;
    let timer = unchecked(listHead[slot]);
    if (timer < 0) continue;
    unchecked((listHead[slot] = -1));
    while (timer >= 0) {
      const next = unchecked(timerNext[timer]);
      const state = xorshift(unchecked(timerState[timer]));
      unchecked((timerState[timer] = state));
      unchecked((timerFired[timer] = unchecked(timerFired[timer]) + 1));
      const target = (now + delayOf(state)) & SLOT_MASK;
      unchecked((timerNext[timer] = unchecked(listHead[target])));
      unchecked((listHead[target] = timer));
      events++;
      timer = next;
    }
  }
  return events;
}

// Cascade layout: chunk c occupies cascadeChunks[c * CASCADE_CHUNK_WORDS ..]: next
// chunk, record count, then (state, count, due time) triples. Slots 0 .. 1023 are the
// 1 ms slots of the current 1024 ms window, slots 1024 .. 1535 the 1024 ms buckets.
// The sizes are the fastest of 128, 512 or 2048-byte chunks and 256 or 1024 ms windows,
// measured with 1M timers on the machine described in BENCHMARKS.md.
const WINDOW_BITS: i32 = 10;
const WINDOW_SLOTS: i32 = 1 << WINDOW_BITS;
const WINDOW_MASK: i32 = WINDOW_SLOTS - 1;
const BUCKET_BITS: i32 = 9;
const BUCKETS: i32 = 1 << BUCKET_BITS;
const BUCKET_MASK: i32 = BUCKETS - 1;
const CASCADE_SLOTS: i32 = WINDOW_SLOTS + BUCKETS;
const CASCADE_CHUNK_WORDS: i32 = 128;
const CASCADE_RECORD_WORDS: i32 = 3;
const CASCADE_CHUNK_RECORDS: i32 = (CASCADE_CHUNK_WORDS - CHUNK_HEADER_WORDS) / CASCADE_RECORD_WORDS;

let cascadeHead: Int32Array = new Int32Array(0);
let cascadeTail: Int32Array = new Int32Array(0);
let cascadeChunks: Int32Array = new Int32Array(0);
let cascadeFree: i32 = -1;
let cascadeUnused: i32 = 0;

function allocateCascadeChunk(): i32 {
  let chunk = cascadeFree;
  if (chunk >= 0) {
    cascadeFree = unchecked(cascadeChunks[chunk * CASCADE_CHUNK_WORDS]);
  } else {
    chunk = cascadeUnused;
    cascadeUnused++;
  }
  const base = chunk * CASCADE_CHUNK_WORDS;
  unchecked((cascadeChunks[base] = -1));
  unchecked((cascadeChunks[base + 1] = 0));
  return chunk;
}

function appendCascade(slot: i32, state: i32, fired: i32, due: i32): void {
  let tail = unchecked(cascadeTail[slot]);
  if (tail < 0 || unchecked(cascadeChunks[tail * CASCADE_CHUNK_WORDS + 1]) == CASCADE_CHUNK_RECORDS) {
    const chunk = allocateCascadeChunk();
    if (tail < 0) unchecked((cascadeHead[slot] = chunk));
    else unchecked((cascadeChunks[tail * CASCADE_CHUNK_WORDS] = chunk));
    unchecked((cascadeTail[slot] = chunk));
    tail = chunk;
  }
  const base = tail * CASCADE_CHUNK_WORDS;
  const count = unchecked(cascadeChunks[base + 1]);
  const at = base + CHUNK_HEADER_WORDS + count * CASCADE_RECORD_WORDS;
  unchecked((cascadeChunks[at] = state));
  unchecked((cascadeChunks[at + 1] = fired));
  unchecked((cascadeChunks[at + 2] = due));
  unchecked((cascadeChunks[base + 1] = count + 1));
}

/** Slot of a timer due at `due`: its 1 ms slot inside the current window, otherwise its bucket. */
function cascadeSlotFor(due: i32): i32 {
  if (due >> WINDOW_BITS == now >> WINDOW_BITS) return due & WINDOW_MASK;
  return WINDOW_SLOTS + ((due >> WINDOW_BITS) & BUCKET_MASK);
}

/** Set up `timers` timers in the cascade layout, with the same states and due times as initInline. */
export function initCascade(timers: i32, seed: i32): void {
  now = 0;
  timerCount = timers;
  cascadeHead = new Int32Array(CASCADE_SLOTS);
  cascadeTail = new Int32Array(CASCADE_SLOTS);
  cascadeHead.fill(-1);
  cascadeTail.fill(-1);
  // Every chunk but the tail of a slot is full; one more chunk covers a bucket being moved.
  const capacity = timers / CASCADE_CHUNK_RECORDS + 2 + CASCADE_SLOTS;
  cascadeChunks = new Int32Array(capacity * CASCADE_CHUNK_WORDS);
  cascadeFree = -1;
  cascadeUnused = 0;
  for (let timer = 0; timer < timers; timer++) {
    const state = initialState(seed, timer);
    const due = delayOf(state);
    appendCascade(cascadeSlotFor(due), state, 0, due);
  }
}

/** Detach the list of `slot` and return its first chunk, or -1 when it is empty. */
function takeCascadeSlot(slot: i32): i32 {
  const chunk = unchecked(cascadeHead[slot]);
  unchecked((cascadeHead[slot] = -1));
  unchecked((cascadeTail[slot] = -1));
  return chunk;
}

function freeCascadeChunk(chunk: i32): i32 {
  const base = chunk * CASCADE_CHUNK_WORDS;
  const next = unchecked(cascadeChunks[base]);
  unchecked((cascadeChunks[base] = cascadeFree));
  cascadeFree = chunk;
  return next;
}

/** Fire every timer due up to `untilMs` in the cascade layout; returns the number fired. */
export function runCascade(untilMs: i32): i32 {
  let events: i32 = 0;
  while (now < untilMs) {
    now++;
    if ((now & WINDOW_MASK) == 0) {
      // A new window begins: move its bucket into the 1 ms slots.
      let chunk = takeCascadeSlot(WINDOW_SLOTS + ((now >> WINDOW_BITS) & BUCKET_MASK));
      while (chunk >= 0) {
        const base = chunk * CASCADE_CHUNK_WORDS;
        const count = unchecked(cascadeChunks[base + 1]);
        for (let record = 0; record < count; record++) {
          const at = base + CHUNK_HEADER_WORDS + record * CASCADE_RECORD_WORDS;
          const due = unchecked(cascadeChunks[at + 2]);
          appendCascade(due & WINDOW_MASK, unchecked(cascadeChunks[at]), unchecked(cascadeChunks[at + 1]), due);
        }
        chunk = freeCascadeChunk(chunk);
      }
    }
    let chunk = takeCascadeSlot(now & WINDOW_MASK);
    while (chunk >= 0) {
      const base = chunk * CASCADE_CHUNK_WORDS;
      const count = unchecked(cascadeChunks[base + 1]);
      for (let record = 0; record < count; record++) {
        const at = base + CHUNK_HEADER_WORDS + record * CASCADE_RECORD_WORDS;
        const state = xorshift(unchecked(cascadeChunks[at]));
        const due = now + delayOf(state);
        appendCascade(cascadeSlotFor(due), state, unchecked(cascadeChunks[at + 1]) + 1, due);
      }
      events += count;
      chunk = freeCascadeChunk(chunk);
    }
  }
  return events;
}

/** Sum of (state ^ fired count) over every timer of the cascade layout. */
export function checksumCascade(): i32 {
  let sum: i32 = 0;
  let seen: i32 = 0;
  for (let slot = 0; slot < CASCADE_SLOTS; slot++) {
    let chunk = unchecked(cascadeHead[slot]);
    while (chunk >= 0) {
      const base = chunk * CASCADE_CHUNK_WORDS;
      const count = unchecked(cascadeChunks[base + 1]);
      for (let record = 0; record < count; record++) {
        const at = base + CHUNK_HEADER_WORDS + record * CASCADE_RECORD_WORDS;
        sum = i32(sum + (unchecked(cascadeChunks[at]) ^ unchecked(cascadeChunks[at + 1])));
      }
      seen += count;
      chunk = unchecked(cascadeChunks[base]);
    }
  }
  return seen == timerCount ? sum : i32(sum ^ 0x7fffffff);
}

/** Bytes of wheel and timer state per timer in the cascade layout (chunks allocated so far included). */
export function bytesPerTimerCascade(): f64 {
  return f64(CASCADE_SLOTS * 8 + cascadeUnused * CASCADE_CHUNK_WORDS * 4) / f64(timerCount);
}

/** Sum of (state ^ fired count) over every timer of the inline layout. */
export function checksumInline(): i32 {
  let sum: i32 = 0;
  let seen: i32 = 0;
  for (let slot = 0; slot < SLOTS; slot++) {
    let chunk = unchecked(slotHead[slot]);
    while (chunk >= 0) {
      const base = chunk * CHUNK_WORDS;
      const count = unchecked(chunks[base + 1]);
      for (let record = 0; record < count; record++) {
        const at = base + CHUNK_HEADER_WORDS + record * RECORD_WORDS;
        sum = i32(sum + (unchecked(chunks[at]) ^ unchecked(chunks[at + 1])));
      }
      seen += count;
      chunk = unchecked(chunks[base]);
    }
  }
  // A lost or duplicated timer makes the checksum differ from the intrusive layout's.
  return seen == timerCount ? sum : i32(sum ^ 0x7fffffff);
}

/** Sum of (state ^ fired count) over every timer of the intrusive layout. */
export function checksumIntrusive(): i32 {
  let sum: i32 = 0;
  for (let timer = 0; timer < timerCount; timer++) {
    sum = i32(sum + (unchecked(timerState[timer]) ^ unchecked(timerFired[timer])));
  }
  return sum;
}

/** Bytes of wheel and timer state per timer in the inline layout (chunks allocated so far included). */
export function bytesPerTimerInline(): f64 {
  return f64(SLOTS * 8 + unusedChunk * CHUNK_WORDS * 4) / f64(timerCount);
}

/** Bytes of wheel and timer state per timer in the intrusive layout. */
export function bytesPerTimerIntrusive(): f64 {
  return f64(SLOTS * 4 + timerCount * 12) / f64(timerCount);
}
