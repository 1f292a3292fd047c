/** Builds EngineContainerState values for tests, with every field at its "nothing yet" value. */
import { ContainerStateCode, WaitingReasonCode, type EngineContainerState } from '../../src/engine/types.js';

export function engineState(overrides: Partial<EngineContainerState> = {}): EngineContainerState {
  return {
    state: ContainerStateCode.Waiting,
    waitingReason: WaitingReasonCode.Default,
    backOffMs: 0,
    restartCount: 0,
    ready: false,
    started: -1,
    startedAtMs: -1,
    finishedAtMs: -1,
    exitCode: 0,
    signal: 0,
    hasLast: false,
    lastStartedAtMs: -1,
    lastFinishedAtMs: -1,
    lastExitCode: 0,
    lastSignal: 0,
    ...overrides,
  };
}
