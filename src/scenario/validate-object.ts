/**
 * Validation of any known kind: metadata for all of them, and for workload
 * kinds their pod template, validated as a Pod spec with the field paths
 * prefixed (`spec.template.spec.containers[0].image`).
 */

import { defaultObject } from '../cluster/store/workload-defaults.js';
import { parseTimeline } from '../cluster/timeline/timeline.js';
import type { KubeObject, PodSpec } from '../api/v1.js';
import { type FieldError, invalidGoValue, joinPath, notSupported, required } from './field-errors.js';
import { defaultPodSpec } from './defaults.js';
import type { KindInfo } from './kinds.js';
import { validateObjectMeta, validatePodSpec } from './validate.js';
import { validateWorkloadSpec } from './validate-workload.js';

/** Restart policies a workload's pod template may use (apps and batch validation). */
const templateRestartPolicies: Record<string, readonly string[]> = {
  Deployment: ['Always'],
  ReplicaSet: ['Always'],
  ReplicationController: ['Always'],
  DaemonSet: ['Always'],
  StatefulSet: ['Always'],
  Job: ['OnFailure', 'Never'],
  CronJob: ['OnFailure', 'Never'],
};

/** Kinds whose `spec.selector` is required (apps/v1). */
const selectorRequired = new Set(['Deployment', 'ReplicaSet', 'DaemonSet', 'StatefulSet']);

function getPath(object: unknown, path: readonly string[]): unknown {
  let value = object;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** Formats a label map as Go's %#v prints a map[string]string, keys sorted. */
function goMapLiteral(map: Record<string, string>): string {
  const entries = Object.keys(map)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${JSON.stringify(map[key])}`);
  return `map[string]string{${entries.join(', ')}}`;
}

/**
 * Validates an object of a known kind: metadata, the spec rules of
 * validate-workload.ts, and the pod template (if any) after defaulting.
 */
export function validateObject(object: KubeObject, info: KindInfo): FieldError[] {
  if (info.kind === 'Timeline') return validateTimeline(object);
  const errors = validateObjectMeta(object.metadata, { namespaced: info.namespaced, nameFormat: info.nameFormat });
  // The spec rules run on a defaulted copy, as the API server validates after defaulting.
  const specErrors = validateWorkloadSpec(defaultedCopy(object));
  const leadsTemplate = (error: FieldError): boolean => error.field === 'spec.replicas' || error.field.startsWith('spec.selector');
  errors.push(...specErrors.filter(leadsTemplate));
  if (info.podTemplatePath === undefined) return [...errors, ...specErrors.filter((error) => !leadsTemplate(error))];
  errors.push(...validatePodTemplate(object, info, templatePathOf(info)));
  errors.push(...specErrors.filter((error) => !leadsTemplate(error)));
  return errors;
}

/**
 * Returns a copy of `object` with the API server's defaults applied. A spec
 * too malformed to default (a list where an object belongs) is returned
 * undefaulted, and the checks then report what is wrong with it.
 */
function defaultedCopy(object: KubeObject): KubeObject {
  const copy = structuredClone(object);
  const isObject = (value: unknown): boolean => value !== null && typeof value === 'object' && !Array.isArray(value);
  if (!isObject(copy.spec) || !isObject(copy.metadata)) return copy;
  try {
    defaultObject(copy);
    return copy;
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    return structuredClone(object);
  }
}

function templatePathOf(info: KindInfo): string {
  return (info.podTemplatePath ?? []).join('.');
}

/** Validates the pod template of a workload kind: its spec, restart policy and the selector match. */
function validatePodTemplate(object: KubeObject, info: KindInfo, templatePath: string): FieldError[] {
  const errors: FieldError[] = [];
  if (info.podTemplatePath === undefined) return errors;

  const template = getPath(object, info.podTemplatePath) as { metadata?: { labels?: Record<string, string> }; spec?: PodSpec } | undefined;
  if (template === undefined || template === null) {
    errors.push(required(templatePath));
    return errors;
  }

  const specPath = joinPath(templatePath, 'spec');
  if (template.spec === undefined || template.spec === null) {
    errors.push(required(joinPath(specPath, 'containers')));
    return errors;
  }
  const spec = structuredClone(template.spec);
  defaultPodSpec(spec);
  if ((info.kind === 'Job' || info.kind === 'CronJob') && template.spec.restartPolicy === undefined) {
    // Jobs have no restartPolicy default: the API server rejects the empty value.
    spec.restartPolicy = '';
  }

  // A StatefulSet's volumeClaimTemplates become pod volumes, so mounts may name them.
  // NOTE: kube-apiserver checks only the template labels of a StatefulSet, not its pod spec.
  // podsim validates the pod spec too, so a broken template fails at load time.
  const claimTemplates = info.kind === 'StatefulSet' ? (getPath(object, ['spec', 'volumeClaimTemplates']) as unknown[] | undefined) : undefined;
  const extraVolumeNames = (claimTemplates ?? [])
    .map((claim) => getPath(claim, ['metadata', 'name']))
    .filter((name): name is string => typeof name === 'string');

  errors.push(...validatePodSpec(spec, specPath, { extraVolumeNames }));

  const allowed = templateRestartPolicies[info.kind];
  if (allowed !== undefined && spec.restartPolicy && !allowed.includes(spec.restartPolicy)) {
    errors.push(notSupported(joinPath(specPath, 'restartPolicy'), spec.restartPolicy, allowed));
  }

  if (selectorRequired.has(info.kind)) {
    const selector = getPath(object, ['spec', 'selector']) as { matchLabels?: Record<string, string> } | undefined;
    if (selector === undefined || selector === null) {
      errors.push(required('spec.selector'));
    } else {
      const labels = template.metadata?.labels ?? {};
      const matches = Object.entries(selector.matchLabels ?? {}).every(([key, value]) => labels[key] === value);
      if (!matches) {
        errors.push(invalidGoValue(joinPath(templatePath, 'metadata.labels'), goMapLiteral(labels), '`selector` does not match template `labels`'));
      }
    }
  }
  return errors;
}

/** Checks a Timeline's steps with the parser the control plane replays them with. */
function validateTimeline(object: KubeObject): FieldError[] {
  const errors = validateObjectMeta(object.metadata, { namespaced: true, nameFormat: 'subdomain' });
  try {
    parseTimeline(object.steps, object.metadata?.namespace ?? 'default');
  } catch (error) {
    errors.push(fieldErrorFromMessage(object, (error as Error).message));
  }
  return errors;
}

/**
 * Rebuilds a FieldError from the parser's `path: Type: rest` or `path: rest`
 * message, so it prints in the API server's form and points at `path` in the file.
 */
function fieldErrorFromMessage(object: KubeObject, message: string): FieldError {
  const match = /^([^:\s]+): (?:(Required value|Invalid value|Unsupported value)(?:: )?)?(.*)$/s.exec(message);
  if (!match) return { type: 'Invalid value', field: 'steps', goValue: JSON.stringify(message), detail: '' };
  const [, field, type, rest] = match;
  if (type === 'Required value') return { type, field, detail: rest };
  if (type !== undefined) return { type: type as FieldError['type'], field, goValue: rest, detail: '' };
  return { type: 'Invalid value', field, value: valueAtPath(object, field), detail: rest };
}

/** Reads `steps[2].at`-style paths from an object. */
function valueAtPath(object: unknown, path: string): unknown {
  let value: unknown = object;
  for (const part of path.split(/\.|\[(\d+)\]/).filter((piece) => piece !== undefined && piece !== '')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}
