/**
 * Event message templates that differ between Kubernetes releases. Only the
 * strings that changed are in the table; the others are shared by every release.
 */

export type EventStringsVersion = '1.30' | '1.31' | '1.36';

export const DEFAULT_EVENT_STRINGS_VERSION: EventStringsVersion = '1.31';

export interface VersionedEventStrings {
  created: (containerName: string) => string;
  started: (containerName: string) => string;
}

/**
 * Upstream 1.30.7 writes `Created container <c>`, and 1.31.12 and 1.32.10 add
 * a colon. In 1.36 the container name is gone from both the Created and
 * Started messages (`Container created`, `Container started`).
 */
export const EVENT_STRINGS: Record<EventStringsVersion, VersionedEventStrings> = {
  '1.30': {
    created: (name) => `Created container ${name}`,
    started: (name) => `Started container ${name}`,
  },
  '1.31': {
    created: (name) => `Created container: ${name}`,
    started: (name) => `Started container ${name}`,
  },
  '1.36': {
    created: () => 'Container created',
    started: () => 'Container started',
  },
};

/** Looks up the message templates for a release. */
export function eventStringsFor(version: EventStringsVersion = DEFAULT_EVENT_STRINGS_VERSION): VersionedEventStrings {
  return EVENT_STRINGS[version];
}
