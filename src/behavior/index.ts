export { behaviorFor, effectiveArgv, pullDurationMs, toEnginePod } from './behavior.js';
export type { BehaviorOptions, BehaviorResult, EnginePodOptions } from './behavior.js';
export { annotationOverrides, BEHAVIOR_ANNOTATION } from './annotation.js';
export { parseDuration } from './duration.js';
