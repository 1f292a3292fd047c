/**
 * client-go's EventCorrelator (tools/record/events_cache.go): aggregation of
 * similar events, de-duplication of identical ones, and the per-object spam
 * filter, in that order. It works on event keys and counts only; the
 * recorder turns its results into stored v1 Events.
 */
import { LruCache } from './lru-cache.js';
import { TokenBucket } from './token-bucket.js';

/** The event fields the correlator compares. */
export interface CorrelatorInput {
  sourceComponent: string;
  sourceHost: string;
  objectKind: string;
  objectNamespace: string;
  objectName: string;
  objectUid: string;
  objectApiVersion: string;
  fieldPath: string;
  type: string;
  reason: string;
  message: string;
}

export interface CorrelatorOptions {
  /** LRU size of each cache; client-go uses 4096. */
  cacheSize?: number;
  /** Distinct messages within the interval that switch on aggregation; client-go uses 10. */
  maxSimilarEvents?: number;
  /** Aggregation window, in simulated ms; client-go uses 600 s. */
  maxIntervalMs?: number;
  /** Spam filter burst per source and object; client-go uses 25. */
  spamBurst?: number;
  /** Spam filter refill interval per token, in simulated ms; client-go uses 300 s (qps 1/300). */
  spamRefillIntervalMs?: number;
}

export const AGGREGATED_MESSAGE_PREFIX = '(combined from similar events): ';

/** Correlator decision for one event: drop it, create a new object, or update an existing one. */
export type CorrelationResult =
  | { action: 'drop' }
  | {
      action: 'create' | 'update';
      /** Name of the existing event to update (set for `update`). */
      name?: string;
      /** Message to store: the original, or the combined message when aggregated. */
      message: string;
      /** Event count after this occurrence. */
      count: number;
      /** First time this (possibly aggregated) event was seen, in simulated ms. */
      firstMs: number;
      /** Cache key to pass to `remember` once the event has a name. */
      cacheKey: string;
    };

interface AggregateRecord {
  /** Distinct messages seen, oldest first. */
  messages: string[];
  lastMs: number;
}

interface EventLog {
  count: number;
  firstMs: number;
  name: string;
}

const SEPARATOR = '\u0000';

function eventKey(e: CorrelatorInput): string {
  return [
    e.sourceComponent,
    e.sourceHost,
    e.objectKind,
    e.objectNamespace,
    e.objectName,
    e.fieldPath,
    e.objectUid,
    e.objectApiVersion,
    e.type,
    e.reason,
    e.message,
  ].join(SEPARATOR);
}

/** Aggregation key: like the event key but without fieldPath and message, so all containers of a pod share it. */
function aggregateKey(e: CorrelatorInput): string {
  return [
    e.sourceComponent,
    e.sourceHost,
    e.objectKind,
    e.objectNamespace,
    e.objectName,
    e.objectUid,
    e.objectApiVersion,
    e.type,
    e.reason,
  ].join(SEPARATOR);
}

function spamKey(e: CorrelatorInput): string {
  return [e.sourceComponent, e.sourceHost, e.objectKind, e.objectNamespace, e.objectName, e.objectUid, e.objectApiVersion].join(
    SEPARATOR,
  );
}

export class EventCorrelator {
  private readonly aggregates: LruCache<string, AggregateRecord>;
  private readonly observations: LruCache<string, EventLog>;
  private readonly spamBuckets: LruCache<string, TokenBucket>;
  private readonly maxSimilarEvents: number;
  private readonly maxIntervalMs: number;
  private readonly spamBurst: number;
  private readonly spamRefillIntervalMs: number;

  constructor(options: CorrelatorOptions = {}) {
    const cacheSize = options.cacheSize ?? 4096;
    this.aggregates = new LruCache(cacheSize);
    this.observations = new LruCache(cacheSize);
    this.spamBuckets = new LruCache(cacheSize);
    this.maxSimilarEvents = options.maxSimilarEvents ?? 10;
    this.maxIntervalMs = options.maxIntervalMs ?? 600_000;
    this.spamBurst = options.spamBurst ?? 25;
    this.spamRefillIntervalMs = options.spamRefillIntervalMs ?? 300_000;
  }

  /**
   * Correlates one event at `nowMs`. The de-duplication cache is updated even
   * when the spam filter then drops the event, as in client-go, so a later
   * accepted event's count includes the dropped occurrences.
   */
  correlate(event: CorrelatorInput, nowMs: number): CorrelationResult {
    const { key, message } = this.aggregate(event, nowMs);

    const previous = this.observations.get(key);
    const count = previous ? previous.count + 1 : 1;
    const firstMs = previous ? previous.firstMs : nowMs;
    this.observations.set(key, { count, firstMs, name: previous?.name ?? '' });

    if (!this.allowBySpamFilter(event, nowMs)) {
      return { action: 'drop' };
    }
    if (previous && previous.name !== '') {
      return { action: 'update', name: previous.name, message, count, firstMs, cacheKey: key };
    }
    return { action: 'create', message, count, firstMs, cacheKey: key };
  }

  /** Stores the name a created event got, so later duplicates update it. */
  remember(cacheKey: string, name: string): void {
    const observation = this.observations.get(cacheKey);
    if (observation) {
      observation.name = name;
    }
  }

  /**
   * Groups events that differ only in message. Once `maxSimilarEvents`
   * distinct messages arrive with gaps of at most `maxIntervalMs`, new
   * messages are folded into one combined event.
   */
  private aggregate(event: CorrelatorInput, nowMs: number): { key: string; message: string } {
    const groupKey = aggregateKey(event);
    let record = this.aggregates.get(groupKey);
    if (!record || nowMs - record.lastMs > this.maxIntervalMs) {
      record = { messages: [], lastMs: nowMs };
    }
    if (!record.messages.includes(event.message)) {
      record.messages.push(event.message);
    }
    record.lastMs = nowMs;
    this.aggregates.set(groupKey, record);

    if (record.messages.length < this.maxSimilarEvents) {
      return { key: eventKey(event), message: event.message };
    }
    // client-go drops an arbitrary message (Go map order); dropping the oldest keeps runs reproducible.
    record.messages.shift();
    return { key: groupKey, message: `${AGGREGATED_MESSAGE_PREFIX}${event.message}` };
  }

  private allowBySpamFilter(event: CorrelatorInput, nowMs: number): boolean {
    const key = spamKey(event);
    let bucket = this.spamBuckets.get(key);
    if (!bucket) {
      bucket = new TokenBucket(this.spamBurst, this.spamRefillIntervalMs, nowMs);
      this.spamBuckets.set(key, bucket);
    }
    return bucket.tryAccept(nowMs);
  }
}
