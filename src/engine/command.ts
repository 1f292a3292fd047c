/**
 * Encodings into the engine's command buffer (i32 words): an EnginePod, as
 * addPod() and decodeContainer() in assembly/index.ts read it, and batches of
 * behavior signals, as applySignals() reads them.
 */
import type { EngineContainer, EnginePod, EngineProbe } from './types.js';

export const POD_HEADER_WORDS = 4;
const BEHAVIOR_WORDS = 12;
const PROBE_WORDS = 7;
export const CONTAINER_WORDS = BEHAVIOR_WORDS + 3 * PROBE_WORDS;

/** Words needed for a pod of `containers` containers. */
export function commandWords(containers: number): number {
  return POD_HEADER_WORDS + containers * CONTAINER_WORDS;
}

function writeProbe(words: Int32Array, at: number, probe: EngineProbe | null): void {
  if (probe === null) {
    words.fill(0, at, at + PROBE_WORDS);
    return;
  }
  words[at] = 1;
  words[at + 1] = probe.initialDelaySeconds;
  words[at + 2] = probe.timeoutSeconds;
  words[at + 3] = probe.periodSeconds;
  words[at + 4] = probe.successThreshold;
  words[at + 5] = probe.failureThreshold;
  words[at + 6] = probe.terminationGracePeriodSeconds;
}

function writeContainer(words: Int32Array, at: number, container: EngineContainer): void {
  const behavior = container.behavior;
  words[at] = container.kind;
  words[at + 1] = behavior.pullMs;
  words[at + 2] = behavior.runMs;
  words[at + 3] = behavior.exitCode & 0xff;
  words[at + 4] = behavior.healthyFromMs;
  words[at + 5] = behavior.unhealthyFromMs;
  words[at + 6] = behavior.sigtermExitMs;
  words[at + 7] = behavior.sigtermExitCode & 0xff;
  words[at + 8] = behavior.preStopMs;
  words[at + 9] = behavior.preStopFails ? 1 : 0;
  words[at + 10] = behavior.postStartMs ?? -1;
  words[at + 11] = behavior.postStartFails === true ? 1 : 0;
  // Probe order matches ProbeTypeCode: startup, readiness, liveness.
  writeProbe(words, at + BEHAVIOR_WORDS, container.startupProbe);
  writeProbe(words, at + BEHAVIOR_WORDS + PROBE_WORDS, container.readinessProbe);
  writeProbe(words, at + BEHAVIOR_WORDS + 2 * PROBE_WORDS, container.livenessProbe);
}

/** Write `pod` into the command buffer `words`, which must hold commandWords(pod.containers.length). */
export function writePodCommand(words: Int32Array, pod: EnginePod): void {
  words[0] = pod.restartPolicy;
  words[1] = pod.terminationGracePeriodSeconds;
  words[2] = pod.activeDeadlineSeconds;
  words[3] = pod.containers.length;
  pod.containers.forEach((container, index) => {
    writeContainer(words, POD_HEADER_WORDS + index * CONTAINER_WORDS, container);
  });
}

/** Words of one signal record: op, pod, container index, a, b. */
export const SIGNAL_WORDS = 5;

export enum SignalCode {
  /** a = absolute exit time in ms (-1: never), b = exit code. */
  SetExit = 1,
  /** a = absolute time probes start to succeed, b = absolute time they start to fail (-1: never). */
  SetHealth = 2,
}

export interface SignalCommand {
  op: SignalCode;
  pod: number;
  container: number;
  a: number;
  b: number;
}

/** Write `signals` into the command buffer `words`, which must hold signals.length * SIGNAL_WORDS words. */
export function writeSignals(words: Int32Array, signals: readonly SignalCommand[]): void {
  signals.forEach((signal, index) => {
    const at = index * SIGNAL_WORDS;
    words[at] = signal.op;
    words[at + 1] = signal.pod;
    words[at + 2] = signal.container;
    words[at + 3] = signal.a;
    words[at + 4] = signal.b;
  });
}
