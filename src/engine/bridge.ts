/**
 * The Engine interface over the raw engine exports. The WASM build and the
 * JavaScript build export the same functions (assembly/index.ts). Only the way
 * to reach the event ring and the command buffer differs (EngineBuffers).
 */
import { writePodCommand, commandWords, SIGNAL_WORDS, SignalCode, writeSignals, type SignalCommand } from './command.js';
import type {
  Engine,
  EngineContainerState,
  EngineEvent,
  EngineKind,
  EnginePod,
  EnginePodState,
  ProbeTypeCode,
} from './types.js';

/** Functions exported by assembly/index.ts. Booleans come back as 0/1 from WASM. */
export interface RawEngine {
  init(pods: number, containers: number, seed: number): void;
  addPod(): number;
  applySignals(count: number): number;
  deletePod(pod: number, graceSeconds: number): void;
  advance(untilMs: number): number;
  nowMs(): number;
  nextDueMs(): number;
  eventRecordCount(): number;
  clearEvents(): void;
  setCountOnly(flag: number | boolean): void;
  setQuietTicks(flag: number | boolean): void;
  skippedProbeTickCount(): number;
  timerEventCount(): number;
  emittedRecordCount(): number;
  droppedRecordCount(): number;
  bytesPerContainer(): number;
  podsInUse(): number;
  readContainerField(pod: number, index: number, field: number): number;
  readPodField(pod: number, field: number): number;
  readProbeField(pod: number, index: number, probeType: number, field: number): number;
  stateChecksum(): number;
  backOffHasExpired(eventMs: number, lastUpdateMs: number, maxMs: number): number | boolean;
  backOffNextMs(entryMs: number, lastUpdateMs: number, nowMs: number, initialMs: number, maxMs: number): number;
  backOffIsInBackOffSince(entryMs: number, lastUpdateMs: number, eventMs: number, nowMs: number, maxMs: number): number | boolean;
  containerGraceSeconds(deletion: number, killReason: number, pod: number, startup: number, liveness: number): number;
  probeSucceeds(healthyFromMs: number, unhealthyFromMs: number, sinceStartMs: number): number | boolean;
}

/** Views of the engine's event ring and command buffer; WASM views are rebuilt when memory grows. */
export interface EngineBuffers {
  events(): Int32Array;
  commands(): Int32Array;
}

const EVENT_WORDS = 6;

// Field codes of readContainerField and readPodField in assembly/index.ts.
const FIELD = {
  state: 0,
  waitingReason: 1,
  backOffMs: 2,
  restartCount: 3,
  ready: 4,
  started: 5,
  startedAtMs: 6,
  finishedAtMs: 7,
  exitCode: 8,
  signal: 9,
  hasLast: 10,
  lastStartedAtMs: 11,
  lastFinishedAtMs: 12,
  lastExitCode: 13,
} as const;

// podFlags bits in assembly/layout.ts.
const POD_SANDBOX_READY = 2;
const POD_TERMINAL = 4;
const POD_DEADLINE_EXCEEDED = 8;
const POD_DELETING = 16;
const POD_REMOVED = 32;

// probeFlags bits in assembly/layout.ts.
const PROBE_ACTIVE = 2;
const PROBE_ON_HOLD = 4;
const PROBE_SEEN = 8;

/** A probe worker's state, for tests and debugging. Results: -2 nothing stored, -1 Unknown, 0 Success, 1 Failure. */
export interface EngineProbeState {
  stored: number;
  resultRun: number;
  lastResult: number;
  /** The worker is still running. */
  active: boolean;
  onHold: boolean;
  /** The worker has seen the current container instance. */
  seen: boolean;
}

export interface EngineStats {
  /** Timers fired since init. */
  timerEvents: number;
  /** Probe ticks skipped by quiet workers, counted when they wake. */
  skippedProbeTicks: number;
  /** Event records written (or only counted) since init. */
  records: number;
  /** Records lost to a full ring; 0 unless the engine's reserve is too small. */
  dropped: number;
  /** Bytes of typed-array state per container slot, pod and timer storage included. */
  bytesPerContainer: number;
  pods: number;
}

/** The pure kubelet rules of the engine, callable from tests. */
export interface EngineRules {
  backOffHasExpired(eventMs: number, lastUpdateMs: number, maxMs: number): boolean;
  backOffNextMs(entryMs: number, lastUpdateMs: number, nowMs: number, initialMs: number, maxMs: number): number;
  backOffIsInBackOffSince(entryMs: number, lastUpdateMs: number, eventMs: number, nowMs: number, maxMs: number): boolean;
  /** -1 means unset for every argument; killReason is a KillReasonCode. */
  containerGraceSeconds(deletion: number, killReason: number, pod: number, startup: number, liveness: number): number;
  probeSucceeds(healthyFromMs: number, unhealthyFromMs: number, sinceStartMs: number): boolean;
}

export class EngineBridge implements Engine {
  readonly kind: EngineKind;
  readonly maxContainers: number;
  readonly rules: EngineRules;
  private readonly raw: RawEngine;
  private readonly buffers: EngineBuffers;
  /** setExit and setHealth calls not yet written to the engine, oldest first. */
  private pendingSignals: SignalCommand[] = [];

  constructor(kind: EngineKind, raw: RawEngine, buffers: EngineBuffers, maxContainers: number) {
    this.kind = kind;
    this.raw = raw;
    this.buffers = buffers;
    this.maxContainers = maxContainers;
    this.rules = {
      backOffHasExpired: (e, l, m) => Boolean(raw.backOffHasExpired(e, l, m)),
      backOffNextMs: (e, l, n, i, m) => raw.backOffNextMs(e, l, n, i, m),
      backOffIsInBackOffSince: (e, l, ev, n, m) => Boolean(raw.backOffIsInBackOffSince(e, l, ev, n, m)),
      containerGraceSeconds: (d, k, p, s, l) => raw.containerGraceSeconds(d, k, p, s, l),
      probeSucceeds: (h, u, t) => Boolean(raw.probeSucceeds(h, u, t)),
    };
  }

  get nowMs(): number {
    return this.raw.nowMs();
  }

  setExit(pod: number, container: number, atMs: number, exitCode: number): void {
    this.pendingSignals.push({ op: SignalCode.SetExit, pod, container, a: Math.trunc(atMs), b: exitCode & 0xff });
  }

  setHealth(pod: number, container: number, healthyFromAbsMs: number, unhealthyFromAbsMs: number): void {
    this.pendingSignals.push({ op: SignalCode.SetHealth, pod, container, a: Math.trunc(healthyFromAbsMs), b: Math.trunc(unhealthyFromAbsMs) });
  }

  /** Write the queued signals to the engine in batches that fit the command buffer. */
  private flushSignals(): void {
    if (this.pendingSignals.length === 0) return;
    const signals = this.pendingSignals;
    this.pendingSignals = [];
    const words = this.buffers.commands();
    const perBatch = Math.floor(words.length / SIGNAL_WORDS);
    for (let start = 0; start < signals.length; start += perBatch) {
      const batch = signals.slice(start, start + perBatch);
      writeSignals(words, batch);
      this.raw.applySignals(batch.length);
    }
  }

  addPod(pod: EnginePod): number {
    this.flushSignals();
    if (pod.containers.length > this.maxContainers) {
      throw new RangeError(
        `Pod has ${pod.containers.length} containers but the engine was created with maxContainers ${this.maxContainers}; create it with a larger maxContainers.`,
      );
    }
    const words = this.buffers.commands();
    if (words.length < commandWords(pod.containers.length)) {
      throw new RangeError(`Command buffer of ${words.length} words is too small for ${pod.containers.length} containers.`);
    }
    writePodCommand(words, pod);
    const index = this.raw.addPod();
    if (index === -1) throw new RangeError('Engine is full: every pod slot (maxPods) is in use.');
    if (index < 0) throw new RangeError(`Engine rejected the pod (code ${index}).`);
    return index;
  }

  deletePod(pod: number, gracePeriodSeconds: number): void {
    this.flushSignals();
    this.raw.deletePod(pod, Math.trunc(gracePeriodSeconds));
  }

  advance(untilMs: number): number {
    this.flushSignals();
    return this.raw.advance(Math.trunc(untilMs));
  }

  nextDueMs(): number {
    this.flushSignals();
    return this.raw.nextDueMs();
  }

  drainEvents(): EngineEvent[] {
    const count = this.raw.eventRecordCount();
    const words = this.buffers.events();
    const out: EngineEvent[] = new Array(count);
    for (let i = 0; i < count; i++) {
      const at = i * EVENT_WORDS;
      out[i] = {
        timeMs: words[at],
        pod: words[at + 1],
        container: words[at + 2],
        code: words[at + 3],
        a: words[at + 4],
        b: words[at + 5],
      };
    }
    this.raw.clearEvents();
    return out;
  }

  /** Copy the raw records written since the last drain and clear the ring (6 words a record). */
  drainRecords(): Int32Array {
    const count = this.raw.eventRecordCount();
    const copy = this.buffers.events().slice(0, count * EVENT_WORDS);
    this.raw.clearEvents();
    return copy;
  }

  /** Advance to `untilMs`, draining the ring as often as needed; returns every event on the way. */
  runUntil(untilMs: number): EngineEvent[] {
    const out: EngineEvent[] = [];
    for (;;) {
      const reached = this.advance(untilMs);
      for (const event of this.drainEvents()) out.push(event);
      if (reached >= untilMs) return out;
    }
  }

  readContainer(pod: number, container: number): EngineContainerState {
    this.flushSignals();
    const read = (field: number) => this.raw.readContainerField(pod, container, field);
    return {
      state: read(FIELD.state),
      waitingReason: read(FIELD.waitingReason),
      backOffMs: read(FIELD.backOffMs),
      restartCount: read(FIELD.restartCount),
      ready: read(FIELD.ready) === 1,
      started: read(FIELD.started),
      startedAtMs: read(FIELD.startedAtMs),
      finishedAtMs: read(FIELD.finishedAtMs),
      exitCode: read(FIELD.exitCode),
      signal: read(FIELD.signal),
      hasLast: read(FIELD.hasLast) === 1,
      lastStartedAtMs: read(FIELD.lastStartedAtMs),
      lastFinishedAtMs: read(FIELD.lastFinishedAtMs),
      lastExitCode: read(FIELD.lastExitCode),
      lastSignal: 0,
    };
  }

  readPod(pod: number): EnginePodState {
    this.flushSignals();
    const flags = this.raw.readPodField(pod, 1);
    return {
      startedAtMs: this.raw.readPodField(pod, 0),
      sandboxReady: (flags & POD_SANDBOX_READY) !== 0,
      terminal: (flags & POD_TERMINAL) !== 0,
      deadlineExceeded: (flags & POD_DEADLINE_EXCEEDED) !== 0,
      deleting: (flags & POD_DELETING) !== 0,
      removed: (flags & POD_REMOVED) !== 0,
    };
  }

  readProbe(pod: number, container: number, probeType: ProbeTypeCode): EngineProbeState {
    const flags = this.raw.readProbeField(pod, container, probeType, 3);
    return {
      stored: this.raw.readProbeField(pod, container, probeType, 0),
      resultRun: this.raw.readProbeField(pod, container, probeType, 1),
      lastResult: this.raw.readProbeField(pod, container, probeType, 2),
      active: (flags & PROBE_ACTIVE) !== 0,
      onHold: (flags & PROBE_ON_HOLD) !== 0,
      seen: (flags & PROBE_SEEN) !== 0,
    };
  }

  /** Only count event records instead of storing them (benchmarks); drainEvents then returns nothing. */
  setCountOnly(countOnly: boolean): void {
    this.raw.setCountOnly(countOnly ? 1 : 0);
  }

  /**
   * Let probe workers skip ticks that cannot change anything (the default), or
   * tick every period. Both give the same events; skipping is much faster.
   */
  setQuietTicks(enabled: boolean): void {
    this.raw.setQuietTicks(enabled ? 1 : 0);
  }

  stats(): EngineStats {
    return {
      timerEvents: this.raw.timerEventCount(),
      skippedProbeTicks: this.raw.skippedProbeTickCount(),
      records: this.raw.emittedRecordCount(),
      dropped: this.raw.droppedRecordCount(),
      bytesPerContainer: this.raw.bytesPerContainer(),
      pods: this.raw.podsInUse(),
    };
  }

  /** Checksum over every container's state, waiting reason, restart count, exit code and readiness. */
  stateChecksum(): number {
    return this.raw.stateChecksum() | 0;
  }
}
