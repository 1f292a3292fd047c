/**
 * The `pod-template-hash` label value. The real controller hashes the
 * template with Go's spew printer and FNV-32a, then encodes the decimal
 * digits with rand.SafeEncodeString; podsim hashes the template's JSON
 * instead, so values have the same shape but differ from a real cluster's.
 */
import type { PodTemplateSpec } from '../../api/meta.js';
import { hashString } from '../../scenario/random.js';

const SAFE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** Maps each character through the alphabet (rand.SafeEncodeString). */
export function safeEncodeString(text: string): string {
  let encoded = '';
  for (const char of text) encoded += SAFE_ALPHABET[char.charCodeAt(0) % SAFE_ALPHABET.length];
  return encoded;
}

/** JSON with object keys sorted, so equal templates hash equally whatever their key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function computePodTemplateHash(template: PodTemplateSpec, collisionCount = 0): string {
  let text = canonicalJson(template);
  if (collisionCount > 0) text += `/${collisionCount}`;
  return safeEncodeString(String(hashString(text)));
}

/** Reports whether two templates are equal once the pod-template-hash label is ignored (EqualIgnoreHash). */
export function equalIgnoringHash(a: PodTemplateSpec, b: PodTemplateSpec): boolean {
  return hashlessJson(a) === hashlessJson(b);
}

/**
 * Stored templates are replaced, never edited in place (apply, set image and
 * rollback write new objects), so each one's JSON is computed once. A
 * Deployment compares its template with every ReplicaSet's on each sync.
 */
const hashlessJsonByTemplate = new WeakMap<PodTemplateSpec, string>();

function hashlessJson(template: PodTemplateSpec): string {
  let json = hashlessJsonByTemplate.get(template);
  if (json !== undefined) return json;
  const copy = structuredClone(template);
  if (copy.metadata?.labels) {
    delete copy.metadata.labels['pod-template-hash'];
    if (Object.keys(copy.metadata.labels).length === 0) delete copy.metadata.labels;
  }
  if (copy.metadata && Object.keys(copy.metadata).length === 0) delete copy.metadata;
  json = canonicalJson(copy);
  hashlessJsonByTemplate.set(template, json);
  return json;
}
