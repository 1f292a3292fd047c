/**
 * `podsim get KIND[,KIND...] [NAME...]` and `podsim get all` for every kind
 * the control plane keeps: the `kubectl get` tables, or the objects with
 * `-o json|yaml|name`.
 */
import type { KubeObject } from '../api/v1.js';
import type { Simulation } from '../cluster/simulation.js';
import { pluralOf } from '../cluster/store/object-store.js';
import { qualifiedSingular, resolveResource, type ResourceInfo } from '../cluster/store/resources.js';
import { noResourcesFoundMessage, printObjects } from '../printers/index.js';
import { printResourceTable, resourceTable } from '../printers/resources/index.js';
import { filterObjects } from './filter.js';
import type { CommandIO } from './io.js';
import { UsageError, type CommonOptions } from './options.js';
import { loadObjects, simulate } from './scenario.js';

const OUTPUT_FORMATS = new Set(['wide', 'json', 'yaml', 'name']);

/**
 * The kinds of kubectl's `all` category, in the order kubectl prints them:
 * the core group's resources, then apps, then batch, each alphabetically
 * (as API discovery lists them).
 */
export const ALL_CATEGORY_KINDS = ['Pod', 'ReplicationController', 'Service', 'DaemonSet', 'Deployment', 'ReplicaSet', 'StatefulSet', 'Job'];

/** Kinds `podsim get` prints; `get events` has its own command. */
export const GET_KINDS = ['Pod', 'Deployment', 'ReplicaSet', 'ReplicationController', 'Job', 'DaemonSet', 'StatefulSet', 'Service', 'Endpoints', 'EndpointSlice', 'Node', 'Namespace', 'PodPreset'];

/**
 * Resolves the resource argument of `kubectl get`: `all`, one name, or a
 * comma-separated list (`deploy,svc`).
 * @throws UsageError with kubectl's message for an unknown resource type.
 */
export function resolveResourceList(text: string, supportedKinds: readonly string[], command: string): ResourceInfo[] {
  const result: ResourceInfo[] = [];
  for (const word of text.split(',')) {
    const infos = word === 'all' ? ALL_CATEGORY_KINDS.map((kind) => resolveResource(kind)!) : [resolveResource(word)];
    for (const info of infos) {
      if (!info) throw new UsageError(`the server doesn't have a resource type "${word}"`);
      if (!supportedKinds.includes(info.kind)) {
        throw new UsageError(`podsim ${command} does not support "${word}" yet; supported: ${supportedKinds.map((kind) => resolveResource(kind)!.plural).join(', ')}`);
      }
      if (!result.includes(info)) result.push(info);
    }
  }
  return result;
}

/** Keeps the objects `-n`/`-A`, `-l` and NAME select; cluster-scoped kinds ignore the namespace. */
export function selectObjects(simulation: Simulation, info: ResourceInfo, names: readonly string[], options: CommonOptions): KubeObject[] {
  const scoped = info.namespaced ? options : { ...options, allNamespaces: true };
  return filterObjects(simulation.list(info.kind), scoped, names);
}

/** The `No resources found ...` line for an empty result, which names the namespace only for namespaced kinds. */
function emptyMessage(infos: readonly ResourceInfo[], options: CommonOptions): string {
  const namespaced = infos.some((info) => info.namespaced);
  return noResourcesFoundMessage(options.allNamespaces || !namespaced ? undefined : options.namespace);
}

/** `podsim get RESOURCE [NAME...]` for the kinds in GET_KINDS (pods go through get-pods.ts unless mixed with other kinds). */
export async function getResources(resourceText: string, names: string[], options: CommonOptions, io: CommandIO): Promise<number> {
  if (options.output !== undefined && !OUTPUT_FORMATS.has(options.output)) {
    throw new UsageError(`unable to match a printer suitable for the output format "${options.output}", allowed formats are: json,name,wide,yaml`);
  }
  const infos = resolveResourceList(resourceText, GET_KINDS, 'get');
  if (options.watch) throw new UsageError('--watch is supported for pods only: use "podsim get pods -w"');
  const objects = await loadObjects(options, io);
  const simulation = await simulate(objects, options, io);
  const nowMs = simulation.epochMs + simulation.nowMs;
  const presets = infos.find((info) => info.kind === 'PodPreset');
  if (presets && simulation.controlPlane.clusterSettings.runtimeConfig?.['settings.k8s.io/v1alpha1'] !== true) {
    // PodPresets are served only when ClusterSettings turns settings.k8s.io/v1alpha1 on, as kube-apiserver --runtime-config did.
    throw new UsageError(`the server doesn't have a resource type "${resourceText}"`);
  }

  const blocks: { info: ResourceInfo; objects: KubeObject[] }[] = [];
  let status = 0;
  for (const info of infos) {
    const selected = selectObjects(simulation, info, names, options);
    for (const name of names) {
      if (selected.some((object) => object.metadata.name === name)) continue;
      io.stderr(`Error from server (NotFound): ${pluralOf(info.kind)} "${name}" not found\n`);
      status = 1;
    }
    blocks.push({ info, objects: selected });
  }
  const found = blocks.flatMap((block) => block.objects);

  const format = options.output;
  if (format === 'name') {
    io.stdout(found.map((object) => `${qualifiedSingular(object.kind)}/${object.metadata.name ?? ''}\n`).join(''));
    return status;
  }
  if (format === 'json' || format === 'yaml') {
    const single = names.length === 1 && infos.length === 1 && found.length === 1;
    if (found.length > 0 || names.length === 0) io.stdout(printObjects(found, format, single));
    return status;
  }
  if (found.length === 0) {
    if (names.length === 0) io.stderr(emptyMessage(infos, options));
    return status;
  }

  // kubectl starts a new table, with fresh column widths, for each kind and separates them by a blank line.
  const withKind = infos.length > 1;
  const tables = blocks
    .filter((block) => block.objects.length > 0)
    .map((block) =>
      printResourceTable(resourceTable(block.info.kind)!, block.objects, nowMs, {
        wide: format === 'wide',
        allNamespaces: options.allNamespaces,
        namespaced: block.info.namespaced,
        noHeaders: options.noHeaders,
        withKind,
      }),
    );
  io.stdout(tables.join('\n'));
  return status;
}
