export { behaviorFor, effectiveArgv, pullDurationMs, toEnginePod } from './behavior.js';
export type { BehaviorOptions, BehaviorResult, ContainerPlan, EnginePodOptions, Health, ProbeField, ProbePlan } from './behavior.js';
export { knownFileContent, mountsOf, PodFiles, resolvePath, SERVICE_ACCOUNT_DIR, type ResolvedPath, type Window } from './filesystem.js';
export type { NetworkView, RunResult } from './interpreter.js';
export { annotationOverrides, BEHAVIOR_ANNOTATION } from './annotation.js';
export { parseDuration } from './duration.js';
export { PodBehavior, type ClusterNetwork } from './pod-behavior.js';
