/**
 * The multi-line map fields of `kubectl describe` (Labels, Annotations,
 * Node-Selectors, Tolerations), written as kubectl v1.31 writes them. The
 * first entry follows `Title:\t`. Each further entry starts a line with a tab,
 * so all of them line up in the value column.
 */
import type { Toleration } from '../api/v1.js';
import { DescribeWriter, LEVEL_0 } from './describeWriter.js';

/** Annotations kubectl describe never prints. */
const SKIPPED_ANNOTATIONS = new Set(['kubectl.kubernetes.io/last-applied-configuration']);

/** Longest `key: value` annotation kubectl prints on one line, in bytes. */
const MAX_ANNOTATION_BYTES = 140;

function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** Cuts text to `maxBytes` UTF-8 bytes and appends `...`, as kubectl's shorten does. */
function shorten(text: string, maxBytes: number): string {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= maxBytes) return text;
  return `${bytes.subarray(0, maxBytes).toString('utf8')}...`;
}

/** Writes `Title:\t` then `key=value` lines sorted by key, or `<none>`. */
export function describeLabels(w: DescribeWriter, title: string, labels: Record<string, string> | undefined): void {
  w.write(LEVEL_0, `${title}:\t`);
  const keys = Object.keys(labels ?? {}).sort();
  if (keys.length === 0) {
    w.write(LEVEL_0, '<none>\n');
    return;
  }
  keys.forEach((key, index) => {
    if (index !== 0) w.write(LEVEL_0, '\t');
    w.write(LEVEL_0, `${key}=${labels?.[key] ?? ''}\n`);
  });
}

/**
 * Writes `Title:\t` then `key: value` lines sorted by key, or `<none>`. A
 * value that is multi-line, or too long together with its key, is printed
 * under `key:` one line at a time, each cut at 138 bytes.
 */
export function describeAnnotations(w: DescribeWriter, title: string, annotations: Record<string, string> | undefined): void {
  w.write(LEVEL_0, `${title}:\t`);
  const keys = Object.keys(annotations ?? {})
    .filter((key) => !SKIPPED_ANNOTATIONS.has(key))
    .sort();
  if (keys.length === 0) {
    w.write(LEVEL_0, '<none>\n');
    return;
  }
  keys.forEach((key, index) => {
    if (index !== 0) w.write(LEVEL_0, '\t');
    const value = (annotations?.[key] ?? '').replace(/\n$/, '');
    if (byteLength(value) + byteLength(key) + 2 > MAX_ANNOTATION_BYTES || value.includes('\n')) {
      w.write(LEVEL_0, `${key}:\n`);
      for (const line of value.split('\n')) w.write(LEVEL_0, `\t  ${shorten(line, MAX_ANNOTATION_BYTES - 2)}\n`);
    } else {
      w.write(LEVEL_0, `${key}: ${value}\n`);
    }
  });
}

/** Formats one toleration as `key=value:Effect op=Exists for 300s`, leaving out unset parts. */
export function formatToleration(toleration: Toleration): string {
  let text = toleration.key ?? '';
  if (toleration.value) text += `=${toleration.value}`;
  if (toleration.effect) text += `:${toleration.effect}`;
  // An Exists toleration with no key and no effect tolerates every taint and prints as just "op=Exists".
  if (toleration.operator === 'Exists' && !toleration.value) {
    text += toleration.key || toleration.effect ? ' op=Exists' : 'op=Exists';
  }
  if (toleration.tolerationSeconds !== undefined && toleration.tolerationSeconds !== null) {
    text += ` for ${toleration.tolerationSeconds}s`;
  }
  return text;
}

/** Writes `Title:\t` then one toleration per line sorted by key, or `<none>`. */
export function describeTolerations(w: DescribeWriter, title: string, tolerations: Toleration[] | undefined): void {
  w.write(LEVEL_0, `${title}:\t`);
  const sorted = [...(tolerations ?? [])].sort((a, b) => ((a.key ?? '') < (b.key ?? '') ? -1 : (a.key ?? '') > (b.key ?? '') ? 1 : 0));
  if (sorted.length === 0) {
    w.write(LEVEL_0, '<none>\n');
    return;
  }
  sorted.forEach((toleration, index) => {
    if (index !== 0) w.write(LEVEL_0, '\t');
    w.write(LEVEL_0, `${formatToleration(toleration)}\n`);
  });
}
