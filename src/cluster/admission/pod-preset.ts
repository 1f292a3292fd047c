/**
 * The PodPreset admission plugin (plugin/pkg/admission/podpreset, removed in
 * v1.20): merges env, envFrom and volumeMounts of matching presets into each
 * app container (init containers are left alone) and volumes into the pod.
 * A conflict (same name, different value) leaves the pod unchanged.
 */
import type { PodPreset } from '../../api/settings.js';
import type { EnvVar, Pod, Volume, VolumeMount } from '../../api/v1.js';
import { matchesSelector } from '../labels.js';
import { fromLabelSelector } from '../store/label-selector.js';
import { canonicalJson } from '../controllers/pod-template-hash.js';

export const PODPRESET_ANNOTATION_PREFIX = 'podpreset.admission.kubernetes.io/podpreset-';
/** Pods with this annotation set to `disabled` are skipped. */
export const PODPRESET_EXCLUDE_ANNOTATION = 'podpreset.admission.kubernetes.io/exclude';

export type PodPresetResult = { applied: string[] } | { conflict: string; presets: string[] };

function mergeByName<T extends { name: string }>(existing: T[], additions: T[], what: string, keyOf: (item: T) => string = (item) => item.name): { merged: T[]; errors: string[] } {
  const merged = [...existing];
  const errors: string[] = [];
  for (const addition of additions) {
    const found = merged.find((item) => keyOf(item) === keyOf(addition));
    if (!found) {
      merged.push(addition);
    } else if (canonicalJson(found) !== canonicalJson(addition)) {
      errors.push(`merging ${what} for ${keyOf(addition)} has a conflict`);
    }
  }
  return { merged, errors };
}

/**
 * Applies the presets in `presets` whose selector matches the pod, in place.
 * Returns the names applied, or the conflict text when any merge conflicts
 * (then the pod is not changed at all, as the plugin does).
 */
export function applyPodPresets(pod: Pod, presets: PodPreset[]): PodPresetResult {
  if (pod.metadata.annotations?.[PODPRESET_EXCLUDE_ANNOTATION] === 'disabled') return { applied: [] };
  const matching = presets.filter((preset) => {
    const selector = fromLabelSelector(preset.spec.selector ?? {});
    return selector !== null && matchesSelector(selector, pod.metadata.labels);
  });
  if (matching.length === 0) return { applied: [] };

  const copy = structuredClone(pod);
  const errors: string[] = [];
  for (const preset of matching) {
    const volumes = mergeByName<Volume>(copy.spec.volumes ?? [], preset.spec.volumes ?? [], 'volumes');
    errors.push(...volumes.errors);
    if (volumes.merged.length > 0) copy.spec.volumes = volumes.merged;
    for (const container of copy.spec.containers) {
      const env = mergeByName<EnvVar>(container.env ?? [], preset.spec.env ?? [], 'env');
      const mounts = mergeByName<VolumeMount>(container.volumeMounts ?? [], preset.spec.volumeMounts ?? [], 'volume mounts', (mount) => mount.mountPath);
      errors.push(...env.errors, ...mounts.errors);
      if (env.merged.length > 0) container.env = env.merged;
      if (mounts.merged.length > 0) container.volumeMounts = mounts.merged;
      if ((preset.spec.envFrom ?? []).length > 0) container.envFrom = [...(container.envFrom ?? []), ...structuredClone(preset.spec.envFrom ?? [])];
    }
  }
  const names = matching.map((preset) => preset.metadata.name ?? '');
  if (errors.length > 0) return { conflict: errors.join('; '), presets: names };

  copy.metadata.annotations = { ...(copy.metadata.annotations ?? {}) };
  for (const preset of matching) {
    copy.metadata.annotations[`${PODPRESET_ANNOTATION_PREFIX}${preset.metadata.name}`] = preset.metadata.resourceVersion ?? '';
  }
  pod.metadata = copy.metadata;
  pod.spec = copy.spec;
  return { applied: names };
}
