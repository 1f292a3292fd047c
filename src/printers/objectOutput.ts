/**
 * `-o json`, `-o yaml` and `-o name` output. `kubectl get` prints the objects
 * it received as unstructured maps wrapped in a `List`, so keys come out
 * sorted. `kubectl events` prints typed objects, so its JSON keeps the Go
 * struct field order (see eventList.ts).
 */
import { Document, Scalar, visit } from 'yaml';

import type { KubeObject, List } from '../api/v1.js';

/** Output formats of printObjects. */
export type ObjectOutputFormat = 'json' | 'yaml' | 'name';

/** Returns a deep copy of a JSON value with every object's keys sorted, as Go sorts map keys. */
export function sortKeysDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeysDeep);
  if (value === null || typeof value !== 'object') return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const field = (value as Record<string, unknown>)[key];
    if (field !== undefined) sorted[key] = sortKeysDeep(field);
  }
  return sorted;
}

/** Escapes the characters Go's encoding/json escapes by default (HTML-safe output). */
function escapeLikeGo(json: string): string {
  return json
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** Formats a value as kubectl's JSON printer does: four-space indent, HTML-safe escapes, final newline. */
export function formatJson(value: unknown): string {
  return `${escapeLikeGo(JSON.stringify(value, null, 4))}\n`;
}

/** Plain strings that YAML 1.1 (go-yaml v2) would read as something other than a string. */
const YAML_11_NON_STRING =
  /^(?:~|null|Null|NULL|y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|[-+]?(?:\d[\d_]*)?\.?\d[\d_]*(?:[eE][-+]?\d+)?|[-+]?0x[0-9a-fA-F_]+|[-+]?0b[01_]+|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)|\d{4}-\d\d?-\d\d?(?:(?:[Tt]|[ \t]+)\d\d?:\d\d:\d\d(?:\.\d*)?(?:[ \t]*(?:Z|[-+]\d\d?(?::\d\d)?))?)?)$/;

/**
 * Formats a value as kubectl's YAML printer (sigs.k8s.io/yaml over go-yaml
 * v2) does. Keys are sorted and sequences are not indented under their key.
 * Empty strings and strings that would read as another type get double
 * quotes, other strings that need quotes get single quotes. Multi-line
 * strings become literal blocks, and long lines are not folded.
 */
export function formatYaml(value: unknown): string {
  const document = new Document(sortKeysDeep(value));
  visit(document, {
    Scalar(_key, node) {
      if (typeof node.value !== 'string') return;
      if (node.value === '' || YAML_11_NON_STRING.test(node.value)) node.type = Scalar.QUOTE_DOUBLE;
    },
  });
  // kubectl 1.32 prints long strings on one line, so folding is off (lineWidth 0).
  return document.toString({ indentSeq: false, singleQuote: true, lineWidth: 0, blockQuote: 'literal' });
}

/** Wraps objects in the `List` that `kubectl get -o json|yaml` prints. */
export function toList<T extends KubeObject>(objects: T[]): List<T> {
  return { apiVersion: 'v1', items: objects, kind: 'List', metadata: { resourceVersion: '' } };
}

/** Returns `kind/name` as `-o name` prints it, with the kind in lower case (`pod/web-0`). */
export function objectName(object: KubeObject): string {
  return `${object.kind.toLowerCase()}/${object.metadata.name ?? ''}`;
}

/**
 * Returns the stdout of `kubectl get <objects> -o json|yaml|name`. kubectl
 * prints a `List` even for one object when the request was a list; pass
 * `single` for `kubectl get pod NAME`, which prints the object itself.
 */
export function printObjects(objects: KubeObject[], format: ObjectOutputFormat, single = false): string {
  if (format === 'name') return objects.map((object) => `${objectName(object)}\n`).join('');
  const value = single && objects.length === 1 ? objects[0] : toList(objects);
  return format === 'json' ? formatJson(sortKeysDeep(value)) : formatYaml(value);
}

