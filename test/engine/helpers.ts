/** Builders for engine pods and small helpers shared by the engine tests. */
import { readFileSync } from 'node:fs';
import { createEngine, type EngineBridge } from '../../src/engine/index.js';
import {
  ContainerKindCode,
  EngineEventCode,
  RestartPolicyCode,
  type EngineBehavior,
  type EngineContainer,
  type EngineEvent,
  type EngineKind,
  type EnginePod,
  type EngineProbe,
} from '../../src/engine/types.js';

export const KINDS: EngineKind[] = ['wasm', 'js'];

export function probe(overrides: Partial<EngineProbe> = {}): EngineProbe {
  return {
    initialDelaySeconds: 0,
    timeoutSeconds: 1,
    periodSeconds: 10,
    successThreshold: 1,
    failureThreshold: 3,
    terminationGracePeriodSeconds: -1,
    ...overrides,
  };
}

export function behavior(overrides: Partial<EngineBehavior> = {}): EngineBehavior {
  return {
    pullMs: 0,
    runMs: -1,
    exitCode: 0,
    healthyFromMs: 0,
    unhealthyFromMs: -1,
    sigtermExitMs: 0,
    sigtermExitCode: 143,
    preStopMs: -1,
    preStopFails: false,
    ...overrides,
  };
}

export function container(overrides: Partial<Omit<EngineContainer, 'behavior'>> & { behavior?: Partial<EngineBehavior> } = {}): EngineContainer {
  return {
    kind: overrides.kind ?? ContainerKindCode.Regular,
    startupProbe: overrides.startupProbe ?? null,
    readinessProbe: overrides.readinessProbe ?? null,
    livenessProbe: overrides.livenessProbe ?? null,
    behavior: behavior(overrides.behavior),
  };
}

export function pod(containers: EngineContainer[], overrides: Partial<Omit<EnginePod, 'containers'>> = {}): EnginePod {
  return {
    restartPolicy: RestartPolicyCode.Always,
    terminationGracePeriodSeconds: 30,
    activeDeadlineSeconds: -1,
    ...overrides,
    containers,
  };
}

export function newEngine(kind: EngineKind, maxPods = 4, maxContainers = 4, seed = 1): Promise<EngineBridge> {
  return createEngine({ kind, maxPods, maxContainers, seed });
}

/**
 * Start the engine at `startMs` (probe workers of pods added later than one
 * period after engine start do not sleep first), add the pod and run to `untilMs`.
 */
export async function runPod(kind: EngineKind, spec: EnginePod, untilMs: number, startMs = 0): Promise<{ engine: EngineBridge; events: EngineEvent[] }> {
  const engine = await newEngine(kind, 2, Math.max(1, spec.containers.length));
  engine.runUntil(startMs);
  engine.addPod(spec);
  const events = engine.runUntil(untilMs);
  return { engine, events };
}

export function ofCode(events: EngineEvent[], code: EngineEventCode, container?: number): EngineEvent[] {
  return events.filter((e) => e.code === code && (container === undefined || e.container === container));
}

export function times(events: EngineEvent[], code: EngineEventCode, container?: number): number[] {
  return ofCode(events, code, container).map((e) => e.timeMs);
}

export interface SemanticsCase {
  id: string;
  topic: string;
  input: Record<string, unknown>;
  expected: Record<string, unknown>;
  note?: string;
}

const casesUrl = new URL('../data/semantics-cases.json', import.meta.url);
const allCases = (JSON.parse(readFileSync(casesUrl, 'utf8')) as { cases: SemanticsCase[] }).cases;

export function casesFor(topic: string): SemanticsCase[] {
  return allCases.filter((c) => c.topic === topic);
}
