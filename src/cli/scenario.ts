import type { KubeObject, Pod } from '../api/v1.js';
import { engineContainerSlots, enginePodSlots } from '../cluster/capacity.js';
import { Simulation } from '../cluster/simulation.js';
import { loadScenario } from '../scenario/load.js';
import type { CommandIO } from './io.js';
import type { CommonOptions } from './options.js';

/** Thrown after the errors were printed; main exits 1 without printing more. */
export class ReportedError extends Error {}

/**
 * Loads `-f` paths, prints every error to stderr and throws ReportedError
 * when there was any, so a command never runs on half a scenario.
 */
export async function loadObjects(options: CommonOptions, io: CommandIO): Promise<KubeObject[]> {
  if (options.filenames.length === 0) {
    io.stderr('error: missing -f PATH: give a manifest file, a folder of manifests, or - for standard input\n');
    throw new ReportedError();
  }
  const stdin = options.filenames.includes('-') ? await io.readStdin() : undefined;
  const result = loadScenario(options.filenames, { stdin, recursive: options.recursive });
  for (const error of result.errors) io.stderr(`error: ${error.text}\n`);
  if (result.errors.length > 0) throw new ReportedError();
  for (const loaded of result.objects) sourceFiles.set(loaded.object, loaded.source.file);
  return result.objects.map((loaded) => loaded.object);
}

/** The file each loaded object came from, so API errors name it as kubectl apply does. */
const sourceFiles = new WeakMap<KubeObject, string>();

/** Returns the Pods among the loaded objects as they are, for observed mode, which prints what a real cluster wrote. */
export function observedPods(objects: readonly KubeObject[]): Pod[] {
  return objects.filter((object): object is Pod => object.kind === 'Pod');
}

/**
 * Builds a simulation of the loaded objects, applied at time 0 as `kubectl
 * apply` would, and advanced to `--at`. Objects the API server rejects
 * (admission, immutable fields) are reported on stderr, as kubectl apply
 * reports them, and the rest of the scenario runs; the command then exits 1.
 */
export async function simulate(objects: readonly KubeObject[], options: CommonOptions, io: CommandIO): Promise<Simulation> {
  const simulation = await Simulation.create({
    engine: options.engine,
    seed: options.seed,
    epochMs: options.epochMs,
    maxPods: enginePodSlots(objects),
    maxContainers: engineContainerSlots(objects),
  });
  const errors: string[] = [];
  for (const [file, group] of groupByFile(objects)) errors.push(...simulation.apply(group, file).errors);
  for (const line of errors) io.stderr(`${line}\n`);
  if (errors.length > 0) io.errorsReported = true;
  simulation.advanceTo(options.atMs);
  reportFailedTimelineSteps(simulation, io);
  return simulation;
}

/** Splits objects into runs from the same file, keeping their order. */
function groupByFile(objects: readonly KubeObject[]): [string | undefined, KubeObject[]][] {
  const groups: [string | undefined, KubeObject[]][] = [];
  for (const object of objects) {
    const file = sourceFiles.get(object);
    const last = groups.at(-1);
    if (last && last[0] === file) last[1].push(object);
    else groups.push([file, [object]]);
  }
  return groups;
}

/** Prints the Timeline steps that failed when they ran (a missing file, a pod that no longer exists). */
function reportFailedTimelineSteps(simulation: Simulation, io: CommandIO): void {
  for (const record of simulation.controlPlane.timeline.records) {
    if (record.error === undefined) continue;
    io.stderr(`warning: Timeline step "${record.action}" at ${formatDuration(record.atMs)} failed: ${record.error}\n`);
  }
}

function formatDuration(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}
