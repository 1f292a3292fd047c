import type { Event, Pod } from '../api/v1.js';
import { describePod } from '../printers/index.js';
import type { CommandIO } from './io.js';
import { UsageError, type CommonOptions } from './options.js';
import { loadObjects, observedPods, simulate } from './scenario.js';

/** `podsim describe pod NAME...`: `kubectl describe pod` at `--at`, Events included. */
export async function describePods(names: string[], options: CommonOptions, io: CommandIO): Promise<number> {
  const objects = await loadObjects(options, io);
  let pods: Pod[];
  let eventsFor: (pod: Pod) => Event[];
  let nowMs: number;

  if (options.observed) {
    pods = observedPods(objects);
    eventsFor = () => [];
    nowMs = options.nowMs ?? Date.now();
  } else {
    const simulation = await simulate(objects, options, io);
    pods = simulation.pods();
    eventsFor = (pod) => simulation.eventsFor(pod);
    nowMs = simulation.epochMs + simulation.nowMs;
  }

  const inNamespace = pods.filter((pod) => options.allNamespaces || pod.metadata.namespace === options.namespace);
  const selected = names.length === 0 ? inNamespace : inNamespace.filter((pod) => names.includes(pod.metadata.name ?? ''));
  if (names.length === 0 && selected.length === 0) {
    throw new UsageError('You must specify the type of resource to describe. Use "podsim describe pod NAME -f PATH".');
  }

  let status = 0;
  for (const name of names) {
    if (!selected.some((pod) => pod.metadata.name === name)) {
      io.stderr(`Error from server (NotFound): pods "${name}" not found\n`);
      status = 1;
    }
  }
  // kubectl separates the objects it describes with one blank line.
  io.stdout(selected.map((pod) => describePod(pod, eventsFor(pod), nowMs)).join('\n\n'));
  return status;
}
