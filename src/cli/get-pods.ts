import type { Pod } from '../api/v1.js';
import { noResourcesFoundMessage, printObjects, printPodTable } from '../printers/index.js';
import { filterObjects } from './filter.js';
import type { CommandIO } from './io.js';
import { UsageError, type CommonOptions } from './options.js';
import { loadObjects, observedPods, simulate } from './scenario.js';
import { watchPods } from './watch.js';

const OUTPUT_FORMATS = new Set(['wide', 'json', 'yaml', 'name']);

/** `podsim get pods [NAME...]`: the pods at `--at`, as `kubectl get pods` prints them. */
export async function getPods(names: string[], options: CommonOptions, io: CommandIO): Promise<number> {
  if (options.output !== undefined && !OUTPUT_FORMATS.has(options.output)) {
    throw new UsageError(`unable to match a printer suitable for the output format "${options.output}", allowed formats are: json,name,wide,yaml`);
  }
  const objects = await loadObjects(options, io);

  if (options.observed) {
    const pods = observedPods(objects);
    return printPods(filterObjects(pods, options, names), names, options.nowMs ?? Date.now(), options, io);
  }

  if (options.watch) {
    // A watch streams from time 0; `--at` is where it stops.
    const simulation = await simulate(objects, { ...options, atMs: 0 }, io);
    return watchPods(simulation, names, options, io);
  }
  const simulation = await simulate(objects, options, io);
  const pods = filterObjects(simulation.pods(), options, names);
  return printPods(pods, names, simulation.epochMs + simulation.nowMs, options, io);
}

function printPods(pods: Pod[], names: string[], nowMs: number, options: CommonOptions, io: CommandIO): number {
  for (const name of names) {
    if (!pods.some((pod) => pod.metadata.name === name)) {
      io.stderr(`Error from server (NotFound): pods "${name}" not found\n`);
    }
  }
  const missing = names.filter((name) => !pods.some((pod) => pod.metadata.name === name));

  const format = options.output;
  if (format === 'json' || format === 'yaml' || format === 'name') {
    if (pods.length > 0 || names.length === 0) io.stdout(printObjects(pods, format, names.length === 1 && pods.length === 1));
    return missing.length > 0 ? 1 : 0;
  }
  if (pods.length === 0) {
    if (names.length === 0) io.stderr(noResourcesFoundMessage(options.allNamespaces ? undefined : options.namespace));
    return missing.length > 0 ? 1 : 0;
  }
  io.stdout(printPodTable(pods, nowMs, { wide: format === 'wide', allNamespaces: options.allNamespaces, noHeaders: options.noHeaders }));
  return missing.length > 0 ? 1 : 0;
}
