/**
 * Cell formats the server-side table printers share (k8s.io/kubernetes
 * pkg/printers/internalversion/printers.go and k8s.io/apimachinery labels,
 * v1.31).
 */
import type { LabelSelector, PodTemplateSpec } from '../../api/meta.js';

function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/**
 * Formats a label selector as `metav1.LabelSelectorAsSelector(s).String()`:
 * requirements sorted by key, `k=v` for matchLabels, `k in (a,b)`,
 * `k notin (a,b)`, `k` and `!k` for expressions, joined by commas. An
 * empty or missing selector formats as an empty string.
 */
export function formatSelector(selector: LabelSelector | undefined): string {
  const requirements: { key: string; text: string }[] = [];
  for (const [key, value] of Object.entries(selector?.matchLabels ?? {})) requirements.push({ key, text: `${key}=${value}` });
  for (const expression of selector?.matchExpressions ?? []) {
    const values = [...(expression.values ?? [])].sort(compareStrings).join(',');
    switch (expression.operator) {
      case 'In':
        requirements.push({ key: expression.key, text: `${expression.key} in (${values})` });
        break;
      case 'NotIn':
        requirements.push({ key: expression.key, text: `${expression.key} notin (${values})` });
        break;
      case 'Exists':
        requirements.push({ key: expression.key, text: expression.key });
        break;
      case 'DoesNotExist':
        requirements.push({ key: expression.key, text: `!${expression.key}` });
        break;
    }
  }
  // Go's sort.Sort is not stable, but keys within one selector are unique in practice.
  return requirements
    .sort((a, b) => compareStrings(a.key, b.key))
    .map((requirement) => requirement.text)
    .join(',');
}

/** `metav1.FormatLabelSelector`: the selector string, or `<none>` when it is empty. */
export function formatLabelSelector(selector: LabelSelector | undefined): string {
  return formatSelector(selector) || '<none>';
}

/** `labels.SelectorFromSet(m).String()`: `k=v` pairs sorted by key and joined by commas, empty for no labels. */
export function formatLabelSet(labels: Record<string, string> | undefined): string {
  const keys = Object.keys(labels ?? {}).sort(compareStrings);
  return keys.map((key) => `${key}=${labels?.[key] ?? ''}`).join(',');
}

/** `labels.FormatLabels`: like formatLabelSet, but `<none>` for no labels. */
export function formatLabels(labels: Record<string, string> | undefined): string {
  return formatLabelSet(labels) || '<none>';
}

/** The CONTAINERS and IMAGES cells of `-o wide`: names and images joined by commas. */
export function containerCells(template: PodTemplateSpec | undefined): [string, string] {
  const containers = template?.spec?.containers ?? [];
  return [containers.map((container) => container.name).join(','), containers.map((container) => container.image ?? '').join(',')];
}

/** Joins up to three items and appends ` + N more...` for the rest, as the Endpoints and EndpointSlice columns do. */
export function listWithMore(items: readonly string[], total: number, max = 3): string {
  const shown = items.slice(0, max).join(',');
  return total > max ? `${shown} + ${total - max} more...` : shown;
}
