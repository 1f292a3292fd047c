/**
 * The `/` filter of the pod table, as k9s reads it: a case-insensitive
 * regular expression on the row text, `!` in front to keep the rows that do
 * not match, or `-l SELECTOR` for a label selector in `kubectl -l` syntax.
 */
import type { Pod } from '../../api/v1.js';
import { matchesSelector, parseSelector } from '../../cluster/labels.js';

/** A parsed filter: decides whether a row stays in the table. */
export interface PodFilter {
  /** The text the user typed, shown in the title bar. */
  text: string;
  /** Returns whether the row stays; `rowText` is the row's cells joined by spaces. */
  matches: (pod: Pod, rowText: string) => boolean;
  /** The reason the text was matched as literal text instead of a regular expression, if it was. */
  warning?: string;
}

const MATCH_ALL: PodFilter = { text: '', matches: () => true };

/**
 * Parses filter text. Throws an Error with the parser's message when a label
 * selector is invalid. An invalid regular expression is matched as literal text.
 */
export function parsePodFilter(text: string): PodFilter {
  const trimmed = text.trim();
  if (trimmed === '') return MATCH_ALL;

  const labelMatch = /^-l\s*(.*)$/.exec(trimmed);
  if (labelMatch) {
    const selector = parseSelector(labelMatch[1]);
    return { text: trimmed, matches: (pod) => matchesSelector(selector, pod.metadata.labels) };
  }

  const inverted = trimmed.startsWith('!');
  const pattern = inverted ? trimmed.slice(1) : trimmed;
  let regex: RegExp;
  let warning: string | undefined;
  try {
    regex = new RegExp(pattern, 'i');
  } catch (error) {
    regex = new RegExp(pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i');
    warning = `invalid regular expression, matching it as text: ${(error as Error).message}`;
  }
  return {
    text: trimmed,
    matches: (_pod, rowText) => regex.test(rowText) !== inverted,
    ...(warning === undefined ? {} : { warning }),
  };
}
