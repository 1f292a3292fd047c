/**
 * Live scenario files: watches every path given to `podsim run`, and after a
 * save loads and validates all of them again. Valid files are applied to the
 * running simulation, which creates the Pods it does not have yet, and
 * objects the files no longer contain are deleted, as `kubectl apply
 * --prune` deletes what a file applied before. Invalid files leave the
 * simulation on its last good state and fill the banner.
 */
import { watch, type FSWatcher } from 'chokidar';
import type { KubeObject } from '../api/v1.js';
import { ApiError } from '../cluster/store/errors.js';
import { isNamespaced, qualifiedSingular } from '../cluster/store/resources.js';
import { loadScenario } from '../scenario/load.js';
import type { TuiSession } from './session.js';

/** Real ms to wait after the last file event, so a two-step save loads once. */
export const RELOAD_DEBOUNCE_MS = 40;
/** Real ms a file's size must stay the same before chokidar reports the write. */
const WRITE_STABILITY_MS = 50;

export interface ScenarioWatcherOptions {
  session: TuiSession;
  /** The paths given on the command line; `-` (stdin) is loaded once and never watched. */
  paths: readonly string[];
  /** Seed of the simulation, kept for callers that pass the command-line options through. */
  seed: number;
}

/** An object the watched files applied: kind, namespace (empty for cluster-scoped kinds) and name. */
interface AppliedObject {
  kind: string;
  namespace: string | undefined;
  name: string;
}

/** The objects the files contained at their last good load, by session, keyed by `KIND/NAMESPACE/NAME`. */
const lastApplied = new WeakMap<TuiSession, Map<string, AppliedObject>>();

function appliedObjects(objects: readonly KubeObject[]): Map<string, AppliedObject> {
  const result = new Map<string, AppliedObject>();
  for (const object of objects) {
    const namespace = isNamespaced(object.kind) ? object.metadata.namespace || 'default' : undefined;
    const entry = { kind: object.kind, namespace, name: object.metadata.name ?? '' };
    result.set(`${entry.kind}/${entry.namespace ?? ''}/${entry.name}`, entry);
  }
  return result;
}

/**
 * Records what `paths` contain as the objects the files applied, so the
 * first reload prunes against them. Does nothing when the files do not load.
 */
export function rememberAppliedObjects(session: TuiSession, paths: readonly string[]): void {
  const result = loadScenario(paths.filter((path) => path !== '-'));
  if (result.errors.length === 0) lastApplied.set(session, appliedObjects(result.objects.map((loaded) => loaded.object)));
}

/** Loads `paths` again and applies them to the session's simulation, or reports the errors. */
export function reloadScenario(options: ScenarioWatcherOptions): void {
  const { session } = options;
  const paths = options.paths.filter((path) => path !== '-');
  const result = loadScenario(paths);
  if (result.errors.length > 0) {
    session.setProblems(result.errors.map((error) => ({ text: error.text })));
    return;
  }
  const objects = result.objects.map((loaded) => loaded.object);
  const applied = session.simulation.apply(objects);
  if (applied.errors.length > 0) {
    session.setProblems(applied.errors.map((text) => ({ text })));
    return;
  }
  const current = appliedObjects(objects);
  const pruned = pruneRemoved(session, lastApplied.get(session), current);
  lastApplied.set(session, current);

  // The files did apply, so a failed prune goes to the notice line rather than the "not applied" banner.
  const changed = [...applied.output.filter((line) => !line.endsWith(' unchanged')), ...pruned.lines, ...pruned.errors];
  session.problems = [];
  session.announce(changed.length > 0 ? changed.join(', ') : 'scenario reloaded: nothing changed');
}

/**
 * Deletes, with their default grace period, the objects in `previous` that
 * `current` no longer contains. Returns kubectl's `KIND/NAME pruned` lines
 * and the API errors. An object already gone (deleted by hand or by its
 * owner) is skipped, as kubectl's prune skips it.
 */
function pruneRemoved(session: TuiSession, previous: Map<string, AppliedObject> | undefined, current: Map<string, AppliedObject>): { lines: string[]; errors: string[] } {
  const lines: string[] = [];
  const errors: string[] = [];
  for (const [key, object] of previous ?? []) {
    if (current.has(key)) continue;
    try {
      session.simulation.controlPlane.delete(object.kind, object.namespace, object.name);
      lines.push(`${qualifiedSingular(object.kind)}/${object.name} pruned`);
    } catch (error) {
      if (error instanceof ApiError && error.reason === 'NotFound') continue;
      errors.push(error instanceof ApiError ? error.kubectlText : `error: pruning ${qualifiedSingular(object.kind)}/${object.name} failed: ${(error as Error).message}`);
    }
  }
  // Applying no objects reconciles at the current time, so a pruned pod shows Terminating at once.
  if (lines.length > 0) session.simulation.apply([]);
  return { lines, errors };
}

/** Starts watching; returns the function that stops the watcher. */
export function watchScenario(options: ScenarioWatcherOptions): () => Promise<void> {
  const paths = options.paths.filter((path) => path !== '-');
  if (paths.length === 0) return async () => {};
  rememberAppliedObjects(options.session, paths);

  const watcher: FSWatcher = watch(paths, {
    ignoreInitial: true,
    // Editors that save by writing a temporary file and renaming it over the original
    // produce an unlink and an add. The atomic option folds that pair into one change.
    atomic: true,
    awaitWriteFinish: { stabilityThreshold: WRITE_STABILITY_MS, pollInterval: 10 },
  });

  let pending: NodeJS.Timeout | undefined;
  const schedule = () => {
    clearTimeout(pending);
    pending = setTimeout(() => reloadScenario(options), RELOAD_DEBOUNCE_MS);
  };
  watcher.on('add', schedule).on('change', schedule).on('unlink', schedule);
  watcher.on('error', (error) => options.session.announce(`watching the scenario files failed: ${(error as Error).message}`));

  return async () => {
    clearTimeout(pending);
    await watcher.close();
  };
}
