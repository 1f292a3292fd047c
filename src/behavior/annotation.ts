/**
 * The `podsim.io/behavior` annotation: explicit behavior for containers that
 * podsim cannot infer from the command or image. See README.md in this folder.
 */

import { parse } from 'yaml';
import type { Pod } from '../api/v1.js';
import type { EngineBehavior } from '../engine/types.js';
import { parseDuration } from './duration.js';

export const BEHAVIOR_ANNOTATION = 'podsim.io/behavior';

/** The fields one container's entry may set. */
const KNOWN_KEYS = new Set([
  'exitAfter', 'exitCode', 'healthyAfter', 'unhealthyAfter', 'onSigterm', 'sigtermExitCode', 'pull', 'preStop', 'preStopFails',
]);

export interface AnnotationResult {
  overrides: Partial<EngineBehavior>;
  warnings: string[];
}

/** Parses a duration that may also be `never`; returns -1 for never. */
function durationOrNever(value: unknown): number | undefined {
  if (value === 'never' || value === null) return -1;
  if (typeof value === 'string' || typeof value === 'number') return parseDuration(value);
  return undefined;
}

/** Reads the entries for `containerName` from the pod-wide and the per-container annotation. */
function entriesFor(pod: Pod, containerName: string, warnings: string[]): Record<string, unknown> {
  const annotations = pod.metadata?.annotations ?? {};
  const merged: Record<string, unknown> = {};

  const podWide = annotations[BEHAVIOR_ANNOTATION];
  if (podWide !== undefined) {
    const parsed = parseAnnotation(BEHAVIOR_ANNOTATION, podWide, warnings);
    const entry = parsed?.[containerName];
    if (entry !== undefined && entry !== null) {
      if (typeof entry === 'object' && !Array.isArray(entry)) Object.assign(merged, entry);
      else warnings.push(`annotation ${BEHAVIOR_ANNOTATION}: the entry for container "${containerName}" must be a map`);
    }
  }
  const perContainerKey = `${BEHAVIOR_ANNOTATION}.${containerName}`;
  const perContainer = annotations[perContainerKey];
  if (perContainer !== undefined) {
    const parsed = parseAnnotation(perContainerKey, perContainer, warnings);
    if (parsed !== undefined) Object.assign(merged, parsed);
  }
  return merged;
}

function parseAnnotation(key: string, text: string, warnings: string[]): Record<string, unknown> | undefined {
  let value: unknown;
  try {
    value = parse(text);
  } catch (error) {
    warnings.push(`annotation ${key} is not valid YAML or JSON: ${(error as Error).message.split('\n')[0]}`);
    return undefined;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    warnings.push(`annotation ${key} must be a map, found ${JSON.stringify(value)}`);
    return undefined;
  }
  return value as Record<string, unknown>;
}

/** Returns the behavior fields the annotations set for one container, and warnings for values they reject. */
export function annotationOverrides(pod: Pod, containerName: string): AnnotationResult {
  const warnings: string[] = [];
  const entry = entriesFor(pod, containerName, warnings);
  const overrides: Partial<EngineBehavior> = {};
  const reject = (key: string, expected: string): void => {
    warnings.push(`annotation ${BEHAVIOR_ANNOTATION} for container "${containerName}": ${key} must be ${expected}, found ${JSON.stringify(entry[key])}`);
  };

  for (const key of Object.keys(entry)) {
    if (!KNOWN_KEYS.has(key)) {
      warnings.push(`annotation ${BEHAVIOR_ANNOTATION} for container "${containerName}": unknown key "${key}" ignored`);
    }
  }
  const setDuration = (key: string, field: keyof EngineBehavior, allowNever: boolean): void => {
    if (!(key in entry)) return;
    const raw = entry[key];
    let value: number | undefined;
    if (allowNever) value = durationOrNever(raw);
    else if (typeof raw === 'string' || typeof raw === 'number') value = parseDuration(raw);
    if (value === undefined) reject(key, allowNever ? 'a duration such as "30s" or "never"' : 'a duration such as "2s"');
    else (overrides[field] as number) = value;
  };
  const setInteger = (key: string, field: 'exitCode' | 'sigtermExitCode'): void => {
    if (!(key in entry)) return;
    const value = entry[key];
    if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 255) overrides[field] = value;
    else reject(key, 'an integer from 0 to 255');
  };

  setDuration('exitAfter', 'runMs', true);
  setInteger('exitCode', 'exitCode');
  setDuration('healthyAfter', 'healthyFromMs', true);
  setDuration('unhealthyAfter', 'unhealthyFromMs', true);
  setDuration('pull', 'pullMs', false);
  setDuration('preStop', 'preStopMs', false);
  setInteger('sigtermExitCode', 'sigtermExitCode');
  if ('preStopFails' in entry) {
    if (typeof entry.preStopFails === 'boolean') overrides.preStopFails = entry.preStopFails;
    else reject('preStopFails', 'true or false');
  }
  if ('onSigterm' in entry) {
    const value = entry.onSigterm;
    const delayed = typeof value === 'string' ? /^exit-after:(.+)$/.exec(value) : null;
    if (value === 'exit') {
      overrides.sigtermExitMs = 0;
    } else if (value === 'ignore') {
      overrides.sigtermExitMs = -1;
    } else if (delayed !== null && parseDuration(delayed[1]!) !== undefined) {
      overrides.sigtermExitMs = parseDuration(delayed[1]!)!;
    } else {
      reject('onSigterm', '"exit", "ignore" or "exit-after:<duration>"');
    }
  }
  return { overrides, warnings };
}
