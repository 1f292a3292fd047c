/**
 * Live scenario files: watches every path given to `podsim run`, and after a
 * save loads and validates all of them again. Valid files are applied to the
 * running simulation, which creates the Pods it does not have yet. Invalid
 * files leave the simulation on its last good state and fill the banner.
 */
import { watch, type FSWatcher } from 'chokidar';
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

/** Loads `paths` again and applies them to the session's simulation, or reports the errors. */
export function reloadScenario(options: ScenarioWatcherOptions): void {
  const { session } = options;
  const paths = options.paths.filter((path) => path !== '-');
  const result = loadScenario(paths);
  if (result.errors.length > 0) {
    session.setProblems(result.errors.map((error) => ({ text: error.text })));
    return;
  }
  const applied = session.simulation.apply(result.objects.map((loaded) => loaded.object));
  if (applied.errors.length > 0) {
    session.setProblems(applied.errors.map((text) => ({ text })));
    return;
  }
  const changed = applied.output.filter((line) => !line.endsWith(' unchanged'));
  session.problems = [];
  session.announce(changed.length > 0 ? changed.join(', ') : 'scenario reloaded: nothing changed');
}

/** Starts watching; returns the function that stops the watcher. */
export function watchScenario(options: ScenarioWatcherOptions): () => Promise<void> {
  const paths = options.paths.filter((path) => path !== '-');
  if (paths.length === 0) return async () => {};

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
