/**
 * `kubectl events -o json|yaml` (kubectl v1.32). kubectl prints a typed
 * `EventList`, so JSON keys follow the Go struct field order of
 * k8s.io/api/core/v1, empty `omitempty` fields are left out, and unset
 * timestamps print as null. YAML output goes through JSON and a map, so its
 * keys are sorted.
 */
import type { Event, ObjectMeta, ObjectReference } from '../api/v1.js';
import { eventsCommandSortTime, sortEvents } from './eventTiming.js';
import { formatJson, formatYaml } from './objectOutput.js';

type JsonObject = Record<string, unknown>;

function isEmpty(value: unknown): boolean {
  if (value === undefined || value === null || value === '' || value === 0 || value === false) return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') return Object.keys(value).length === 0;
  return false;
}

/** Copies `fields` of `source` in the given order, leaving out empty values (Go's `omitempty`). */
function pickOmitEmpty(source: object, fields: string[]): JsonObject {
  const result: JsonObject = {};
  for (const field of fields) {
    const value = (source as JsonObject)[field];
    if (!isEmpty(value)) result[field] = value;
  }
  return result;
}

function typedObjectMeta(metadata: ObjectMeta): JsonObject {
  const head = pickOmitEmpty(metadata, ['name', 'generateName', 'namespace', 'selfLink', 'uid', 'resourceVersion', 'generation']);
  const tail = pickOmitEmpty(metadata, [
    'deletionTimestamp',
    'deletionGracePeriodSeconds',
    'labels',
    'annotations',
    'ownerReferences',
    'finalizers',
    'managedFields',
  ]);
  // creationTimestamp is a struct in Go, so omitempty never drops it: unset prints null.
  return { ...head, creationTimestamp: metadata.creationTimestamp ?? null, ...tail };
}

function typedReference(reference: ObjectReference): JsonObject {
  return pickOmitEmpty(reference, ['kind', 'namespace', 'name', 'uid', 'apiVersion', 'resourceVersion', 'fieldPath']);
}

/** Returns an event with its fields in Go struct order, as kubectl's typed printers output it. */
export function typedEvent(event: Event): JsonObject {
  const extra = event as Event & { series?: unknown; action?: string; related?: ObjectReference };
  return {
    ...pickOmitEmpty(event, ['kind', 'apiVersion']),
    metadata: typedObjectMeta(event.metadata),
    involvedObject: typedReference(event.involvedObject ?? {}),
    ...pickOmitEmpty(event, ['reason', 'message']),
    source: pickOmitEmpty(event.source ?? {}, ['component', 'host']),
    firstTimestamp: event.firstTimestamp || null,
    lastTimestamp: event.lastTimestamp || null,
    ...pickOmitEmpty(event, ['count', 'type']),
    eventTime: event.eventTime || null,
    ...pickOmitEmpty(extra, ['series', 'action']),
    ...(extra.related ? { related: typedReference(extra.related) } : {}),
    reportingComponent: event.reportingComponent ?? '',
    reportingInstance: event.reportingInstance ?? '',
  };
}

/** Returns the stdout of `kubectl events -o json|yaml` for `events`, sorted as kubectl sorts them. */
export function printEventList(events: Event[], format: 'json' | 'yaml'): string {
  const list = {
    kind: 'EventList',
    apiVersion: 'v1',
    metadata: {},
    items: sortEvents(events, eventsCommandSortTime).map(typedEvent),
  };
  return format === 'json' ? formatJson(list) : formatYaml(list);
}
