import type { Event } from '../api/v1.js';
import { noEventsFoundMessage, printEventList, printEventsTable } from '../printers/index.js';
import type { CommandIO } from './io.js';
import { UsageError, type CommonOptions } from './options.js';
import { loadObjects, simulate } from './scenario.js';

/**
 * `podsim get events` and `podsim events`: the events recorded up to `--at`,
 * as the `kubectl events` table, or a v1 List with `-o json|yaml`.
 * `--for pod/NAME` keeps the events of one object.
 */
export async function getEvents(options: CommonOptions, io: CommandIO): Promise<number> {
  if (options.output !== undefined && options.output !== 'json' && options.output !== 'yaml') {
    throw new UsageError(`unable to match a printer suitable for the output format "${options.output}", allowed formats are: json,yaml`);
  }
  const forObject = parseForObject(options.forObject);
  const objects = await loadObjects(options, io);
  const simulation = await simulate(objects, options, io);

  const events = simulation.events().filter((event) => selectEvent(event, options, forObject));
  if (options.output === 'json' || options.output === 'yaml') {
    io.stdout(printEventList(events, options.output));
    return 0;
  }
  if (events.length === 0) {
    io.stderr(noEventsFoundMessage(options.allNamespaces ? undefined : options.namespace));
    return 0;
  }
  io.stdout(printEventsTable(events, simulation.epochMs + simulation.nowMs, { allNamespaces: options.allNamespaces }));
  return 0;
}

interface ObjectRef {
  kind: string;
  name: string;
}

const KIND_ALIASES: Record<string, string> = { pod: 'Pod', pods: 'Pod', po: 'Pod' };

function parseForObject(text: string | undefined): ObjectRef | undefined {
  if (text === undefined) return undefined;
  const match = /^([^/]+)\/(.+)$/.exec(text);
  const kind = match ? KIND_ALIASES[match[1].toLowerCase()] : undefined;
  if (!match || !kind) {
    throw new UsageError(`invalid argument "${text}" for "--for" flag: expected pod/NAME`);
  }
  return { kind, name: match[2] };
}

function selectEvent(event: Event, options: CommonOptions, forObject: ObjectRef | undefined): boolean {
  if (!options.allNamespaces && (event.metadata.namespace ?? 'default') !== options.namespace) return false;
  if (forObject === undefined) return true;
  return event.involvedObject.kind === forObject.kind && event.involvedObject.name === forObject.name;
}
