/**
 * `podsim run PATH...`: loads the scenario, starts the simulation and the
 * file watcher, and hands the terminal to the UI until the user quits.
 */
import type { CommandIO } from '../cli/io.js';
import { parseCommonOptions, UsageError } from '../cli/options.js';
import { loadObjects, simulate } from '../cli/scenario.js';
import { watchScenario } from './scenarioWatcher.js';
import { TuiSession } from './session.js';
import { initialViewState } from './viewState.js';

/** Returns the error for `podsim run` or `podsim dashboard` when stdout is a pipe or a file. */
export function notATerminalMessage(command: string): string {
  return (
    `error: podsim ${command} draws an interactive screen, but stdout is not a terminal.\n` +
    'To stream pod changes as text, run: podsim get pods -w -A -f PATH\n'
  );
}

/** Starts a session on the paths in `args`; the caller owns the terminal from then on. */
export async function startSession(args: string[], io: CommandIO): Promise<{ session: TuiSession; paths: string[]; namespace: string | undefined; stop: () => Promise<void> }> {
  const options = parseCommonOptions(args);
  const paths = [...options.filenames, ...options.positionals];
  if (paths.length === 0) throw new UsageError('podsim run needs a scenario: podsim run PATH... (a file, a folder of manifests, or - for stdin)');
  options.filenames = paths;

  const objects = await loadObjects(options, io);
  // Warnings printed now would vanish behind the full-screen UI, so they go to the message line.
  const warnings: string[] = [];
  const simulation = await simulate(objects, options, { ...io, stderr: (text) => warnings.push(text.trim()) });

  const session = new TuiSession({ simulation, speed: options.speed });
  if (warnings.length > 0) session.notice = warnings.join('  ');
  const stopWatching = watchScenario({ session, paths, seed: options.seed });
  const namespaceGiven = args.some((arg) => arg === '-n' || arg.startsWith('--namespace'));
  const namespace = options.allNamespaces || !namespaceGiven ? undefined : options.namespace;
  return {
    session,
    paths,
    namespace,
    stop: async () => {
      session.stop();
      await stopWatching();
    },
  };
}

/** Runs `podsim run`; returns the exit code. */
export async function runTui(args: string[], io: CommandIO): Promise<number> {
  if (!io.isTTY) {
    io.stderr(notATerminalMessage('run'));
    return 1;
  }
  prepareInteractiveTerminal();
  const { session, namespace, stop } = await startSession(args, io);
  const { TerminalHost } = await import('./terminalHost.js');
  session.start();
  try {
    return await new TerminalHost(session, initialViewState(namespace)).run();
  } finally {
    await stop();
  }
}

/**
 * Ink (through the is-in-ci package) prints nothing but the last frame when
 * CI or CONTINUOUS_INTEGRATION is set, and reads them once when first
 * imported. An interactive screen on a real terminal needs live frames, so
 * these are cleared before Ink loads.
 */
export function prepareInteractiveTerminal(): void {
  delete process.env.CI;
  delete process.env.CONTINUOUS_INTEGRATION;
}
