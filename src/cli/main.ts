import { readFileSync } from 'node:fs';
import { describePods } from './describe-pod.js';
import { describeResources } from './describe-resources.js';
import { getEvents } from './get-events.js';
import { getPods } from './get-pods.js';
import { getResources } from './get-resources.js';
import { processIO, type CommandIO } from './io.js';
import { parseCommonOptions, UsageError } from './options.js';
import { ReportedError } from './scenario.js';
import { validate } from './validate.js';

export const USAGE = `podsim: a Kubernetes pod lifecycle simulator

Usage:
  podsim run PATH...                                   open the live terminal UI on scenario files
  podsim get pods [NAME...] -f PATH... [flags]         list pods as kubectl get pods prints them
  podsim get KIND[,KIND] [NAME...] -f PATH... [flags]  list other kinds as kubectl get prints them:
                                                       deployments (deploy), replicasets (rs),
                                                       replicationcontrollers (rc), jobs, daemonsets (ds),
                                                       statefulsets (sts), services (svc), endpoints (ep),
                                                       endpointslices, nodes (no), namespaces (ns),
                                                       podpresets, or all
  podsim describe pod NAME... -f PATH... [flags]       show pods as kubectl describe pod prints them
  podsim describe KIND [NAME...] -f PATH... [flags]    show a deployment, replicaset, job, node or service
  podsim get events -f PATH... [--for pod/NAME]        list events as kubectl events prints them
  podsim validate -f PATH...                           check manifests as the API server would
  podsim version                                       print podsim's version
  podsim bench [--pods N] [--engine wasm|js|both]      measure the engine on a generated fleet (podsim bench --help)

Flags:
  -f, --filename PATH     a file, a folder of .yaml/.yml/.json files, or - for stdin (repeatable)
  -R, --recursive         read the folders given with -f recursively
      --at DURATION       simulated time to show, Go-style (90s, 5m, 1h30m); default 0s
  -o, --output FORMAT     wide, json, yaml or name
  -n, --namespace NS      namespace to list (default "default")
  -A, --all-namespaces    list every namespace
  -l, --selector SEL      label selector (app=web, tier in (a,b), !legacy)
  -w, --watch             stream a row per pod change; stops at --at when given
      --speed N|max       simulated seconds per real second for --watch (default 1)
      --engine wasm|js    engine build (default wasm)
      --seed N            seed of every random choice (default 1)
      --start-time TIME   wall-clock time of simulated time 0 (default 2026-01-01T00:00:00Z)
      --observed          print pods that already carry a status, without simulating
      --now TIME          the current time for --observed (default: the real time)
      --no-headers        omit the table header
`;

/** The package version, read once from package.json. */
const PODSIM_VERSION: string = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

const POD_WORDS = new Set(['pods', 'pod', 'po']);
const EVENT_WORDS = new Set(['events', 'event', 'ev']);

/** Runs one podsim command line and returns the process exit code. */
export async function main(argv: string[], io: CommandIO = processIO()): Promise<number> {
  const code = await runCommand(argv, io);
  return code === 0 && io.errorsReported ? 1 : code;
}

async function runCommand(argv: string[], io: CommandIO): Promise<number> {
  const [command, ...rest] = argv;
  if (command !== 'bench' && (rest.includes('--help') || rest.includes('-h'))) {
    io.stdout(USAGE);
    return 0;
  }
  try {
    switch (command) {
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.stdout(USAGE);
        return command === undefined ? 1 : 0;
      case 'version':
      case '--version':
        io.stdout(`podsim ${PODSIM_VERSION} (simulates Kubernetes v1.31, kubectl output of v1.31)\n`);
        return 0;
      case 'get':
        return await runGet(rest, io);
      case 'describe':
        return await runDescribe(rest, io);
      case 'events':
        return await getEvents(parseCommonOptions(rest), io);
      case 'validate':
        return await validate(parseCommonOptions(rest), io);
      case 'run':
        return await runWatchFallback(rest, io);
      case 'bench':
        return await runBench(rest);
      case 'dashboard':
        return await (await import('../dashboard/command.js')).runDashboardCommand(rest, io);
      default:
        throw new UsageError(`unknown command "${command}" for "podsim"\nRun 'podsim help' for usage.`);
    }
  } catch (error) {
    if (error instanceof ReportedError) return 1;
    if (error instanceof UsageError) {
      io.stderr(`error: ${error.message}\n`);
      return 1;
    }
    // An unexpected failure (a bug, or input no check caught) prints one line, not a stack trace.
    // PODSIM_DEBUG=1 prints the stack for debugging.
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`error: ${message}\n`);
    if (process.env.PODSIM_DEBUG === '1' && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
    return 1;
  }
}

async function runGet(args: string[], io: CommandIO): Promise<number> {
  const options = parseCommonOptions(args);
  const [resource, ...names] = options.positionals;
  if (resource === undefined) {
    throw new UsageError('You must specify the type of resource to get. Use "podsim get all -f PATH" or a type such as pods, deployments, services or nodes.');
  }
  // Pods alone keep their own command, which also serves --watch and --observed.
  if (POD_WORDS.has(resource)) return getPods(names, options, io);
  if (EVENT_WORDS.has(resource)) return getEvents(options, io);
  return getResources(resource, names, options, io);
}

async function runDescribe(args: string[], io: CommandIO): Promise<number> {
  const options = parseCommonOptions(args);
  const [resource, ...names] = options.positionals;
  if (resource === undefined) {
    throw new UsageError('You must specify the type of resource to describe. Use "podsim describe KIND NAME -f PATH" with pod, deployment, replicaset, job, node or service.');
  }
  if (POD_WORDS.has(resource)) return describePods(names, options, io);
  return describeResources(resource, names, options, io);
}

/** `podsim run PATH...`: the live terminal UI; outside a terminal it points to `get pods -w` and exits 1. */
async function runWatchFallback(args: string[], io: CommandIO): Promise<number> {
  const { runTui } = await import('../tui/run.js');
  return runTui(args, io);
}

async function runBench(args: string[]): Promise<number> {
  const { benchMain } = await import('../bench/main.js');
  return benchMain(args);
}
