/**
 * The event recorder: turns kubelet and scheduler event messages into v1
 * Events through client-go's correlator, and keeps them in bounded storage
 * with a per-pod index for `kubectl describe`.
 */
import type { Event } from '../../api/v1.js';
import type { EventMessage } from '../../kubelet/events/messages.js';
import { eventNameSuffix } from '../../kubelet/identity.js';
import { DEFAULT_EPOCH_MS, formatRfc3339 } from '../../kubelet/time.js';
import { EventCorrelator, type CorrelatorOptions } from './correlator.js';

export interface EventRecorderOptions extends CorrelatorOptions {
  /** Wall-clock time of simulated time 0, in Unix ms (default 2026-01-01T00:00:00Z). */
  epochMs?: number;
  /** Maximum number of stored events; the oldest-created is removed first. Default 10000. */
  capacity?: number;
}

export class EventRecorder {
  private readonly correlator: EventCorrelator;
  private readonly epochMs: number;
  private readonly capacity: number;
  /** Stored events by name, in creation order (Map keeps insertion order). */
  private readonly store = new Map<string, Event>();
  /** Event names by involved pod UID. */
  private readonly byPod = new Map<string, Set<string>>();
  /** Sequence mixed into event names so two events in the same millisecond get different names. */
  private nameSequence = 0;

  constructor(options: EventRecorderOptions = {}) {
    this.correlator = new EventCorrelator(options);
    this.epochMs = options.epochMs ?? DEFAULT_EPOCH_MS;
    this.capacity = options.capacity ?? 10_000;
    if (!Number.isInteger(this.capacity) || this.capacity < 1) {
      throw new Error(`invalid event capacity ${this.capacity}: expected a positive integer`);
    }
  }

  /**
   * Records one event at simulated time `nowMs` and returns the stored v1
   * Event, or null when the spam filter dropped it.
   */
  record(message: EventMessage, nowMs: number): Event | null {
    const host = message.host ?? '';
    const result = this.correlator.correlate(
      {
        sourceComponent: message.component,
        sourceHost: host,
        objectKind: message.involvedObject.kind ?? 'Pod',
        objectNamespace: message.involvedObject.namespace,
        objectName: message.involvedObject.name,
        objectUid: message.involvedObject.uid,
        objectApiVersion: message.involvedObject.apiVersion ?? 'v1',
        fieldPath: message.fieldPath,
        type: message.type,
        reason: message.reason,
        message: message.message,
      },
      nowMs,
    );
    if (result.action === 'drop') {
      return null;
    }

    const name = result.name ?? this.newEventName(message.involvedObject.name, nowMs);
    if (result.action === 'create') {
      this.correlator.remember(result.cacheKey, name);
    }
    const firstTimestamp = formatRfc3339(result.firstMs, this.epochMs);
    const event: Event = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: {
        name,
        // Events about cluster-scoped objects live in the default namespace, as client-go's recorder puts them.
        namespace: message.involvedObject.namespace || 'default',
        creationTimestamp: firstTimestamp,
      },
      involvedObject: {
        kind: message.involvedObject.kind ?? 'Pod',
        ...(message.involvedObject.namespace ? { namespace: message.involvedObject.namespace } : {}),
        name: message.involvedObject.name,
        uid: message.involvedObject.uid,
        apiVersion: message.involvedObject.apiVersion ?? 'v1',
        ...(message.fieldPath ? { fieldPath: message.fieldPath } : {}),
      },
      reason: message.reason,
      message: result.message,
      source: { component: message.component, ...(host ? { host } : {}) },
      firstTimestamp,
      lastTimestamp: formatRfc3339(nowMs, this.epochMs),
      count: result.count,
      type: message.type,
      eventTime: null,
      reportingComponent: message.component,
      reportingInstance: host,
    };
    this.store.set(name, event);
    this.index(message.involvedObject.uid, name);
    this.evictOverCapacity();
    return event;
  }

  /** Lists every stored event in creation order. */
  events(): Event[] {
    return [...this.store.values()];
  }

  /** Lists the stored events about the pod with this UID, in creation order. */
  eventsFor(podUid: string): Event[] {
    const names = this.byPod.get(podUid);
    if (!names) {
      return [];
    }
    return [...this.store.values()].filter((event) => names.has(event.metadata.name ?? ''));
  }

  private newEventName(objectName: string, nowMs: number): string {
    // client-go names events `<object>.<UnixNano in hex>`. The sequence replaces the sub-millisecond part.
    const unixNanoseconds = BigInt(this.epochMs + nowMs) * 1_000_000n + BigInt(this.nameSequence % 1_000_000);
    this.nameSequence++;
    return `${objectName}.${eventNameSuffix(unixNanoseconds)}`;
  }

  private index(podUid: string, name: string): void {
    let names = this.byPod.get(podUid);
    if (!names) {
      names = new Set();
      this.byPod.set(podUid, names);
    }
    names.add(name);
  }

  private evictOverCapacity(): void {
    while (this.store.size > this.capacity) {
      const oldestName = this.store.keys().next().value as string;
      const oldest = this.store.get(oldestName)!;
      this.store.delete(oldestName);
      const podUid = oldest.involvedObject.uid ?? '';
      const names = this.byPod.get(podUid);
      names?.delete(oldestName);
      if (names && names.size === 0) {
        this.byPod.delete(podUid);
      }
    }
  }
}
