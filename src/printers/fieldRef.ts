/**
 * The value kubectl describe shows for an environment variable set from a
 * `fieldRef`. kubectl (v1.31, util/fieldpath) resolves only metadata fields
 * on the client; every other path, such as `status.podIP` or `spec.nodeName`,
 * prints as an empty value.
 */
import type { Pod } from '../api/v1.js';

/** Formats a map as `key="value"` lines sorted by key, as fieldpath.FormatMap does. */
function formatMap(map: Record<string, string> | undefined): string {
  return Object.keys(map ?? {})
    .sort()
    .map((key) => `${key}=${JSON.stringify(map?.[key] ?? '')}`)
    .join('\n');
}

/** Returns the value of a fieldRef path for the pod, or an empty string when kubectl cannot resolve it. */
export function resolveFieldRef(pod: Pod, fieldPath: string): string {
  const subscript = /^(metadata\.(?:annotations|labels))\['(.*)'\]$/.exec(fieldPath);
  if (subscript) {
    const map = subscript[1] === 'metadata.labels' ? pod.metadata.labels : pod.metadata.annotations;
    return map?.[subscript[2]] ?? '';
  }

  switch (fieldPath) {
    case 'metadata.annotations':
      return formatMap(pod.metadata.annotations);
    case 'metadata.labels':
      return formatMap(pod.metadata.labels);
    case 'metadata.name':
      return pod.metadata.name ?? '';
    case 'metadata.namespace':
      return pod.metadata.namespace ?? '';
    case 'metadata.uid':
      return pod.metadata.uid ?? '';
    default:
      return '';
  }
}
