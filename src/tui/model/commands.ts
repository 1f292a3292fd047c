/**
 * The `:` command line. Each command word maps to an action: a pod or event
 * screen, a resource view of another kind (kindViews.ts), a namespace, or quit.
 */
import { KIND_VIEWS } from './kindViews.js';

/** The action a command requests from the app. */
export type CommandAction =
  | { type: 'view'; view: 'pods' | 'events' }
  | { type: 'kind'; kind: string }
  | { type: 'namespace'; namespace: string | undefined }
  | { type: 'quit' }
  | { type: 'message'; text: string; isError: boolean };

interface CommandEntry {
  aliases: readonly string[];
  run: (argument: string) => CommandAction;
}

const NAMESPACE_ALL = new Set(['all', '-A', '*']);

/** The dispatch table; the first alias is the name the help screen shows. */
export const COMMANDS: readonly CommandEntry[] = [
  { aliases: ['pods', 'pod', 'po'], run: () => ({ type: 'view', view: 'pods' }) },
  { aliases: ['events', 'event', 'ev'], run: () => ({ type: 'view', view: 'events' }) },
  {
    aliases: ['ns', 'namespace'],
    run: (argument) => {
      if (argument === '') return { type: 'kind', kind: 'Namespace' };
      return { type: 'namespace', namespace: NAMESPACE_ALL.has(argument) ? undefined : argument };
    },
  },
  ...KIND_VIEWS.map((view) => ({ aliases: view.aliases, run: (): CommandAction => ({ type: 'kind', kind: view.kind }) })),
  { aliases: ['q', 'quit'], run: () => ({ type: 'quit' }) },
];

/** Runs one command line (without the leading `:`). */
export function runCommand(line: string): CommandAction {
  const [word = '', ...rest] = line.trim().split(/\s+/);
  const argument = rest.join(' ');
  const entry = COMMANDS.find((candidate) => candidate.aliases.includes(word));
  if (!entry) {
    const known = COMMANDS.map((candidate) => candidate.aliases[0]).join(', ');
    return { type: 'message', text: `unknown command "${word}": try one of ${known}`, isError: true };
  }
  return entry.run(argument);
}
