import type { KubeObject } from '../api/v1.js';
import { matchesSelector, parseSelector } from '../cluster/labels.js';
import type { CommonOptions } from './options.js';
import { UsageError } from './options.js';

/** Keeps the objects that `-n`/`-A`, `-l` and the NAME arguments select. */
export function filterObjects<T extends KubeObject>(objects: readonly T[], options: CommonOptions, names: readonly string[]): T[] {
  let selector;
  try {
    selector = parseSelector(options.selector);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  return objects.filter((object) => {
    if (!options.allNamespaces && (object.metadata.namespace ?? 'default') !== options.namespace) return false;
    if (names.length > 0 && !names.includes(object.metadata.name ?? '')) return false;
    return matchesSelector(selector, object.metadata.labels);
  });
}
