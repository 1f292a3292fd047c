/**
 * The `:` command line. Each command word maps to an action. Resources whose
 * controllers podsim does not model yet return a message instead of a view,
 * and get a real view here once the control plane lands.
 */

/** The action a command requests from the app. */
export type CommandAction =
  | { type: 'view'; view: 'pods' | 'events' }
  | { type: 'namespace'; namespace: string | undefined }
  | { type: 'quit' }
  | { type: 'message'; text: string; isError: boolean };

interface CommandEntry {
  aliases: readonly string[];
  run: (argument: string) => CommandAction;
}

function notModelled(resource: string): (argument: string) => CommandAction {
  return () => ({ type: 'message', text: `${resource}: not modelled yet in the UI, which lists pods only (:pods)`, isError: false });
}

const NAMESPACE_ALL = new Set(['all', '-A', '*']);

/** The dispatch table; the first alias is the name the help screen shows. */
export const COMMANDS: readonly CommandEntry[] = [
  { aliases: ['pods', 'pod', 'po'], run: () => ({ type: 'view', view: 'pods' }) },
  { aliases: ['events', 'event', 'ev'], run: () => ({ type: 'view', view: 'events' }) },
  {
    aliases: ['ns', 'namespace'],
    run: (argument) => {
      if (argument === '') return { type: 'message', text: 'usage: :ns NAME, or :ns all for every namespace', isError: true };
      return { type: 'namespace', namespace: NAMESPACE_ALL.has(argument) ? undefined : argument };
    },
  },
  { aliases: ['deploy', 'deployments', 'deployment'], run: notModelled('deployments') },
  { aliases: ['rs', 'replicasets', 'replicaset'], run: notModelled('replicasets') },
  { aliases: ['jobs', 'job'], run: notModelled('jobs') },
  { aliases: ['ds', 'daemonsets', 'daemonset'], run: notModelled('daemonsets') },
  { aliases: ['sts', 'statefulsets', 'statefulset'], run: notModelled('statefulsets') },
  { aliases: ['svc', 'services', 'service'], run: notModelled('services') },
  { aliases: ['nodes', 'node', 'no'], run: notModelled('nodes') },
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
