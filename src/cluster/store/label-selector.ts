/**
 * metav1.LabelSelector (matchLabels and matchExpressions) converted to the
 * requirement list of labels.ts, as metav1.LabelSelectorAsSelector does.
 */
import type { LabelSelector } from '../../api/meta.js';
import type { Requirement, Selector } from '../labels.js';

const OPERATORS: Record<string, Requirement['operator']> = {
  In: 'in',
  NotIn: 'notin',
  Exists: 'exists',
  DoesNotExist: 'doesnotexist',
};

/**
 * Converts a LabelSelector. An undefined selector selects nothing and an
 * empty one selects everything, as in the API (null means "no selector").
 * @throws Error for an unknown operator.
 */
export function fromLabelSelector(selector: LabelSelector | undefined | null): Selector | null {
  if (selector === undefined || selector === null) return null;
  const requirements: Selector = [];
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    requirements.push({ key, operator: 'in', values: [value] });
  }
  for (const expression of selector.matchExpressions ?? []) {
    const operator = OPERATORS[expression.operator];
    if (operator === undefined) {
      throw new Error(`"${expression.operator}" is not a valid label selector operator: use In, NotIn, Exists or DoesNotExist`);
    }
    requirements.push({ key: expression.key, operator, values: [...(expression.values ?? [])] });
  }
  return requirements;
}

/** Converts a ReplicationController's plain label map; an empty map selects nothing there. */
export function fromLabelMap(labels: Record<string, string> | undefined): Selector | null {
  if (labels === undefined || Object.keys(labels).length === 0) return null;
  return Object.entries(labels).map(([key, value]) => ({ key, operator: 'in' as const, values: [value] }));
}

/** kubectl's text form of a selector (`app=web,tier in (a,b)`), as the wide printers and describe show it. */
export function formatLabelSelector(selector: LabelSelector | undefined): string {
  if (!selector) return '<none>';
  const parts: string[] = [];
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) parts.push(`${key}=${value}`);
  for (const expression of selector.matchExpressions ?? []) {
    const values = [...(expression.values ?? [])].sort().join(',');
    switch (expression.operator) {
      case 'In':
        parts.push(`${expression.key} in (${values})`);
        break;
      case 'NotIn':
        parts.push(`${expression.key} notin (${values})`);
        break;
      case 'Exists':
        parts.push(expression.key);
        break;
      case 'DoesNotExist':
        parts.push(`!${expression.key}`);
        break;
    }
  }
  return parts.length === 0 ? '<none>' : parts.sort().join(',');
}
