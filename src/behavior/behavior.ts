/**
 * Container behavior v1: what a container does over simulated time, derived,
 * in priority order, from the `podsim.io/behavior` annotation, the command and
 * args, and the image catalog. Anything not understood gets the default
 * behavior (runs until stopped, exits 143 at once on SIGTERM) and a warning.
 */

import type { Container, Pod, Probe } from '../api/v1.js';
import { ContainerKindCode, type EngineBehavior, type EngineContainer, type EnginePod, type EngineProbe, RestartPolicyCode } from '../engine/types.js';
import { hashString } from '../scenario/random.js';
import { annotationOverrides } from './annotation.js';
import { baseName, entrypointWrappers, lookupImage, parseImage, type ProgramProfile } from './catalog.js';
import { knownFileContent } from './filesystem.js';
import { type FileEvent, type NetworkView, runArgv, type RunOptions, type RunResult, SHELLS } from './interpreter.js';
import { parseShell } from './shell.js';

export interface BehaviorOptions {
  kind?: ContainerKindCode;
  /** Seed for the pull duration; the same seed and image give the same duration. */
  seed?: number | string;
  /** Whether the node already has the image; the caller keeps the node's image cache. */
  imagePresent?: (image: string) => boolean;
  /** Service names cluster DNS resolves, for commands that wait with `nslookup`. Ignored when `network` is set. */
  serviceNames?: ReadonlySet<string>;
  /** DNS and Service answers as the container sees them, in ms since its process started. */
  network?: NetworkView;
}

export type ProbeField = 'startupProbe' | 'readinessProbe' | 'livenessProbe';

/** The decision rule of one probe, which the runtime uses to follow files and name failures. */
export interface ProbePlan {
  /** The file an exec probe checks (`cat F`, `test -f F`, ...), as the target container sees it. */
  file?: string;
  /** The failure output of an exec probe that is not a file check (the timeout text, or empty). */
  execFailureOutput?: string;
  /** Probes pass from this time until that one, in ms after the process starts; -1 means never. */
  health: Health;
}

/** The container facts, beyond EngineBehavior, that the runtime uses while the container runs. */
export interface ContainerPlan {
  /** The interpreted command, or undefined for an image default, a program or a command podsim did not understand. */
  run?: RunResult;
  /** The interpreted postStart exec hook; its files change from the process start on. */
  postStart?: RunResult;
  /** Time after the start from which the program listens on `ports`, or -1 when nothing listens. */
  listenFromMs: number;
  ports: readonly number[];
  /** HTTP paths that answer 200, or undefined when every path does. */
  httpPaths?: readonly string[];
  probes: Partial<Record<ProbeField, ProbePlan>>;
  /** The image runs BusyBox tools (busybox, alpine), whose error messages differ from GNU coreutils. */
  busybox: boolean;
}

export interface BehaviorResult {
  behavior: EngineBehavior;
  warnings: string[];
  /** Commands podsim did not understand, each as `container "c": <command>`; the container runs until stopped. */
  unsupported: string[];
  plan: ContainerPlan;
}

/** Processes that, as PID 1, have no SIGTERM handler, so the kernel drops the signal and only SIGKILL stops them. */
const PID1_IGNORES_SIGTERM = new Set(['sleep', 'tail', 'cat', ...SHELLS]);

/** A preStop hook that never ends; the kubelet stops waiting at the grace period. */
const ENDLESS_MS = 2 ** 31 - 1;
/** NOTE: an estimate for an httpGet preStop hook against a local server, not a measurement. */
const HTTP_HOOK_MS = 100;

function defaultBehavior(): EngineBehavior {
  return {
    pullMs: 0,
    runMs: -1,
    exitCode: 0,
    healthyFromMs: 0,
    unhealthyFromMs: -1,
    sigtermExitMs: 0,
    sigtermExitCode: 143,
    preStopMs: -1,
    preStopFails: false,
    postStartMs: -1,
    postStartFails: false,
  };
}

/**
 * Returns the argv a container runtime starts: ENTRYPOINT and CMD of the image
 * unless the container sets `command` (which drops CMD) or `args` (which replaces CMD).
 */
export function effectiveArgv(container: Container): string[] {
  const image = lookupImage(container.image ?? '');
  if (container.command !== undefined && container.command.length > 0) {
    return [...container.command, ...(container.args ?? [])];
  }
  return [...(image?.entrypoint ?? []), ...(container.args ?? image?.cmd ?? [])];
}

/**
 * Strips entrypoint wrappers and `sh -c` around a single simple command: shells
 * exec such a command, so it becomes PID 1 itself.
 */
function pid1Argv(argv: readonly string[]): string[] {
  let current = [...argv];
  for (;;) {
    const head = current[0];
    if (head === undefined) return current;
    if (entrypointWrappers.has(head) || entrypointWrappers.has(baseName(head))) {
      current = current.slice(1);
      continue;
    }
    const flag = current.findIndex((arg, i) => i > 0 && /^-[a-z]*c[a-z]*$/.test(arg));
    if (!SHELLS.has(baseName(head)) || flag < 0 || current[flag + 1] === undefined) return current;
    try {
      const script = parseShell(current[flag + 1]!);
      const only = script.length === 1 ? script[0]! : undefined;
      const command = only !== undefined && !only.background && only.rest.length === 0 && only.first.commands.length === 1 ? only.first.commands[0]! : undefined;
      if (command === undefined || command.type !== 'simple' || command.redirects.length > 0 || command.words.length === 0) return current;
      current = command.words;
    } catch {
      return current;
    }
  }
}

/** Builds the interpreter options for commands of `pod`: network view and the files the kubelet writes. */
function runOptionsFor(pod: Pod, options: BehaviorOptions): RunOptions {
  const runOptions: RunOptions = { fileContents: (path) => knownFileContent(pod, path) };
  if (options.network !== undefined) runOptions.network = options.network;
  else if (options.serviceNames !== undefined) runOptions.serviceNames = options.serviceNames;
  return runOptions;
}

/** Returns how a container behaves, with warnings for whatever podsim had to guess. */
export function behaviorFor(pod: Pod, container: Container, options: BehaviorOptions = {}): BehaviorResult {
  const warnings: string[] = [];
  const unsupported: string[] = [];
  const behavior = defaultBehavior();
  const argv = pid1Argv(effectiveArgv(container));
  const runOptions = runOptionsFor(pod, options);
  let profile: ProgramProfile | undefined;
  let run: RunResult | undefined;

  if (argv.length === 0) {
    // An image podsim does not know, run with its own command: it runs until stopped.
  } else {
    run = runArgv(argv, runOptions);
    if (run.notUnderstood.length > 0) {
      const text = run.notUnderstood.join(', ');
      warnings.push(`container "${container.name}": command not understood: ${text}; podsim runs it until stopped`);
      unsupported.push(text);
      run = undefined;
    } else {
      warnings.push(...run.notes.map((note) => `container "${container.name}" ${note}`));
      applyRun(behavior, run, argv);
      profile = run.program?.profile;
    }
  }

  const programStartMs = run?.program?.startMs ?? 0;
  const plan: ContainerPlan = {
    listenFromMs: profile !== undefined ? programStartMs : -1,
    ports: profile?.ports ?? [],
    probes: {},
    busybox: isBusyboxImage(container.image ?? ''),
  };
  if (run !== undefined) plan.run = run;
  if (profile?.httpPaths !== undefined) plan.httpPaths = profile.httpPaths;

  applyPostStart(behavior, plan, container, runOptions, warnings, unsupported);
  applyHealth(behavior, plan, container, run, profile, argv.length === 0, warnings);
  applyPreStop(behavior, container, runOptions, warnings, unsupported);
  behavior.pullMs = pullDurationMs(container, options);

  const annotation = annotationOverrides(pod, container.name);
  Object.assign(behavior, annotation.overrides);
  if ('pullMs' in annotation.overrides && options.imagePresent?.(container.image ?? '') === true && container.imagePullPolicy !== 'Always') {
    behavior.pullMs = 0;
  }
  warnings.push(...annotation.warnings);
  return { behavior, warnings, unsupported, plan };
}

/** Checks whether an image's shell tools are BusyBox (busybox, alpine), whose error messages differ from GNU coreutils. */
function isBusyboxImage(image: string): boolean {
  const name = parseImage(image).repository;
  const last = name.slice(name.lastIndexOf('/') + 1);
  return last === 'busybox' || last === 'alpine';
}

/** Sets run time, exit code and SIGTERM handling from an interpreted command. */
function applyRun(behavior: EngineBehavior, run: RunResult, argv: string[]): void {
  behavior.runMs = run.endMs === Infinity ? -1 : run.endMs;
  behavior.exitCode = run.exitCode;

  const direct = !SHELLS.has(baseName(argv[0]!));
  if (run.program !== undefined && (direct || run.program.exec)) {
    behavior.sigtermExitMs = run.program.profile.sigtermExitMs;
    behavior.sigtermExitCode = run.program.profile.sigtermExitCode;
    return;
  }
  if (!direct && run.trap !== undefined) {
    // The shell runs its trap once the foreground command ends; `wait` is interrupted at once.
    const delayMs = run.usesWait ? 0 : run.longestSleepMs;
    const handled = run.trap.exitCode !== null && delayMs < ENDLESS_MS;
    behavior.sigtermExitMs = handled ? delayMs : -1;
    behavior.sigtermExitCode = run.trap.exitCode ?? 143;
    return;
  }
  if (PID1_IGNORES_SIGTERM.has(baseName(argv[0]!))) behavior.sigtermExitMs = -1;
}

export interface Health {
  healthyFromMs: number;
  unhealthyFromMs: number;
}

/** Combines every probe's outcome: all must succeed, so the latest start and the earliest end win. */
function applyHealth(
  behavior: EngineBehavior,
  plan: ContainerPlan,
  container: Container,
  run: RunResult | undefined,
  profile: ProgramProfile | undefined,
  imageDefault: boolean,
  warnings: string[],
): void {
  const probes: Array<[ProbeField, Probe | undefined]> = [
    ['startupProbe', container.startupProbe],
    ['readinessProbe', container.readinessProbe],
    ['livenessProbe', container.livenessProbe],
  ];
  let combined: Health = { healthyFromMs: 0, unhealthyFromMs: -1 };
  for (const [field, probe] of probes) {
    if (probe === undefined || probe === null) continue;
    // The postStart hook runs from the process start, so its files count as the command's.
    const fileEvents = [...(run?.fileEvents ?? []), ...(plan.postStart?.fileEvents ?? [])].sort((a, b) => a.timeMs - b.timeMs);
    const probePlan = probeHealth(container, field, probe, run, profile, imageDefault, warnings, fileEvents);
    plan.probes[field] = probePlan;
    const health = probePlan.health;
    combined = {
      healthyFromMs: combined.healthyFromMs < 0 || health.healthyFromMs < 0 ? -1 : Math.max(combined.healthyFromMs, health.healthyFromMs),
      unhealthyFromMs: minTime(combined.unhealthyFromMs, health.unhealthyFromMs),
    };
  }
  behavior.healthyFromMs = combined.healthyFromMs;
  behavior.unhealthyFromMs = combined.unhealthyFromMs;
}

/** Returns the earlier of two times, where -1 means never. */
function minTime(a: number, b: number): number {
  if (a < 0) return b;
  if (b < 0) return a;
  return Math.min(a, b);
}

function probeHealth(
  container: Container,
  field: string,
  probe: Probe,
  run: RunResult | undefined,
  profile: ProgramProfile | undefined,
  imageDefault: boolean,
  warnings: string[],
  fileEvents: FileEvent[],
): ProbePlan {
  const healthy: Health = { healthyFromMs: 0, unhealthyFromMs: -1 };
  const never: Health = { healthyFromMs: -1, unhealthyFromMs: -1 };
  const where = `container "${container.name}" ${field}`;

  if (probe.exec) {
    const command = probe.exec.command ?? [];
    const argv = pid1Argv(command);
    const name = baseName(argv[0] ?? '');
    if (name === 'true') return { health: healthy };
    if (name === 'false' || name === 'exit') return { health: never, execFailureOutput: '' };
    const file = fileChecked(argv);
    if (file !== undefined) return { file, health: fileHealth(file, fileEvents) };
    const probeRun = argv.length > 0 ? runArgv(argv) : undefined;
    if (probeRun === undefined || probeRun.notUnderstood.length > 0) {
      warnings.push(`${where}: exec command ${JSON.stringify(command.join(' '))} not understood; podsim assumes it succeeds`);
      return { health: healthy };
    }
    // The kubelet runs an exec probe with timeoutSeconds (default 1) and fails it when the command outlasts that.
    const timeoutSeconds = probe.timeoutSeconds || 1;
    if (probeRun.endMs > timeoutSeconds * 1000) {
      return { health: never, execFailureOutput: `command timed out: "${command.join(' ')}" timed out after ${timeoutSeconds}s` };
    }
    if (probeRun.exitCode !== 0) return { health: never, execFailureOutput: probeRun.logLines.map((line) => line.text).join('\n') };
    return { health: healthy };
  }

  const port = probe.httpGet?.port ?? probe.tcpSocket?.port ?? probe.grpc?.port;
  if (port === undefined) return { health: healthy };
  // Unknown images and commands podsim did not understand may listen anywhere: assume success.
  if (imageDefault || run === undefined) return { health: healthy };
  const portNumber = typeof port === 'number' ? port : container.ports?.find((p) => p.name === port)?.containerPort;
  if (profile === undefined) {
    warnings.push(`${where}: nothing in the command listens on port ${port}, so the probe fails (connection refused)`);
    return { health: never };
  }
  if (portNumber === undefined || !profile.ports.includes(portNumber)) {
    warnings.push(`${where}: ${run.program?.name ?? 'the program'} does not listen on port ${port}, so the probe fails (connection refused)`);
    return { health: never };
  }
  const path = probe.httpGet?.path ?? '/';
  if (probe.httpGet && profile.httpPaths !== undefined && !profile.httpPaths.includes(path)) {
    warnings.push(`${where}: ${run.program?.name ?? 'the server'} answers 404 for ${path}, so the probe fails`);
    return { health: never };
  }
  // The program's health times count from when the script started it.
  const startMs = run.program?.startMs ?? 0;
  const shift = (ms: number) => (ms < 0 ? -1 : ms + startMs);
  return { health: { healthyFromMs: shift(profile.healthyFromMs), unhealthyFromMs: shift(profile.unhealthyFromMs) } };
}

/** Returns the file an exec probe checks (`cat F`, `test -f F`, `[ -e F ]`, `ls F`, `stat F`), if that is all it does. */
function fileChecked(argv: string[]): string | undefined {
  const name = baseName(argv[0] ?? '');
  const operands = argv.slice(1).filter((arg) => arg !== ']');
  if ((name === 'cat' || name === 'ls' || name === 'stat') && operands.length === 1) return operands[0];
  if ((name === 'test' || name === '[') && operands.length === 2 && ['-f', '-e', '-s', '-r'].includes(operands[0]!)) return operands[1];
  return undefined;
}

/**
 * Probes on a file succeed while it exists. Only the first existence window
 * counts. A file the command never creates is assumed to come with the image.
 */
function fileHealth(path: string, events: FileEvent[]): Health {
  const ofFile = events.filter((event) => event.path === path);
  if (ofFile.length === 0) return { healthyFromMs: 0, unhealthyFromMs: -1 };
  const created = ofFile.find((event) => event.exists);
  if (created === undefined) return { healthyFromMs: -1, unhealthyFromMs: -1 };
  const removed = ofFile.find((event) => !event.exists && event.timeMs >= created.timeMs);
  return { healthyFromMs: created.timeMs, unhealthyFromMs: removed?.timeMs ?? -1 };
}

function applyPreStop(behavior: EngineBehavior, container: Container, runOptions: RunOptions, warnings: string[], unsupported: string[]): void {
  const preStop = container.lifecycle?.preStop;
  if (preStop === undefined || preStop === null) return;
  if (preStop.sleep) {
    behavior.preStopMs = (preStop.sleep.seconds ?? 0) * 1000;
    return;
  }
  if (preStop.httpGet) {
    behavior.preStopMs = HTTP_HOOK_MS;
    return;
  }
  if (preStop.exec) {
    const argv = preStop.exec.command ?? [];
    const run = runArgv(pid1Argv(argv), runOptions);
    if (run.notUnderstood.length > 0) {
      warnings.push(`container "${container.name}" preStop: command not understood: ${run.notUnderstood.join(', ')}; podsim assumes it finishes at once`);
      unsupported.push(`preStop: ${run.notUnderstood.join(', ')}`);
      behavior.preStopMs = 0;
      return;
    }
    behavior.preStopMs = run.endMs === Infinity ? ENDLESS_MS : run.endMs;
    behavior.preStopFails = run.endMs !== Infinity && run.exitCode !== 0;
    return;
  }
  // A tcpSocket preStop hook is accepted by the API but the kubelet does not run it.
  behavior.preStopMs = 0;
}

/**
 * Sets the postStart hook duration and outcome. An exec hook takes as long as
 * its command and fails when it exits non-zero; an httpGet hook fails when
 * nothing in the container listens on its port; `sleep` takes its seconds.
 */
function applyPostStart(
  behavior: EngineBehavior,
  plan: ContainerPlan,
  container: Container,
  runOptions: RunOptions,
  warnings: string[],
  unsupported: string[],
): void {
  const postStart = container.lifecycle?.postStart;
  if (postStart === undefined || postStart === null) return;
  if (postStart.sleep) {
    behavior.postStartMs = (postStart.sleep.seconds ?? 0) * 1000;
    return;
  }
  if (postStart.httpGet) {
    const port = postStart.httpGet.port;
    const portNumber = typeof port === 'number' ? port : container.ports?.find((p) => p.name === port)?.containerPort;
    behavior.postStartMs = HTTP_HOOK_MS;
    // Unknown programs may listen anywhere, so only a known one that does not listen fails the hook.
    behavior.postStartFails = plan.run !== undefined && (portNumber === undefined || !plan.ports.includes(portNumber));
    return;
  }
  if (postStart.exec) {
    const run = runArgv(pid1Argv(postStart.exec.command ?? []), runOptions);
    if (run.notUnderstood.length > 0) {
      warnings.push(`container "${container.name}" postStart: command not understood: ${run.notUnderstood.join(', ')}; podsim assumes it finishes at once`);
      unsupported.push(`postStart: ${run.notUnderstood.join(', ')}`);
      behavior.postStartMs = 0;
      return;
    }
    plan.postStart = run;
    behavior.postStartMs = run.endMs === Infinity ? ENDLESS_MS : run.endMs;
    behavior.postStartFails = run.endMs !== Infinity && run.exitCode !== 0;
    return;
  }
  // tcpSocket is accepted by the API, but the kubelet does not run it.
  behavior.postStartMs = 0;
}

/**
 * Returns the image pull time in ms: 1–5 s from a hash of the seed and image
 * when the node lacks the image, 0 when it has it (IfNotPresent, Never), and
 * 200–500 ms for the digest check of `imagePullPolicy: Always`.
 */
export function pullDurationMs(container: Container, options: Pick<BehaviorOptions, 'seed' | 'imagePresent'>): number {
  const image = container.image ?? '';
  const present = options.imagePresent?.(image) ?? false;
  const hash = hashString(`${options.seed ?? 0}|${image}`);
  if (container.imagePullPolicy === 'Never') return 0;
  if (present) return container.imagePullPolicy === 'Always' ? 200 + (hash % 301) : 0;
  return 1000 + (hash % 4001);
}

export interface EnginePodOptions extends Omit<BehaviorOptions, 'kind'> {
  /** Receives each warning with the name of the container it is about. */
  onWarning?: (containerName: string, warning: string) => void;
  /** Receives each command podsim did not understand, with the name of its container. */
  onUnsupported?: (containerName: string, command: string) => void;
  /** Receives each container's plan, with its index in EnginePod.containers. */
  onPlan?: (index: number, container: Container, plan: ContainerPlan) => void;
}

function toEngineProbe(probe: Probe | undefined): EngineProbe | null {
  if (probe === undefined || probe === null) return null;
  return {
    initialDelaySeconds: probe.initialDelaySeconds ?? 0,
    timeoutSeconds: probe.timeoutSeconds || 1,
    periodSeconds: probe.periodSeconds || 10,
    successThreshold: probe.successThreshold || 1,
    failureThreshold: probe.failureThreshold || 3,
    terminationGracePeriodSeconds: probe.terminationGracePeriodSeconds ?? -1,
  };
}

const restartPolicyCodes: Record<string, RestartPolicyCode> = {
  Always: RestartPolicyCode.Always,
  OnFailure: RestartPolicyCode.OnFailure,
  Never: RestartPolicyCode.Never,
};

/**
 * Converts a (defaulted) Pod into the engine's numeric form: init containers
 * first in spec order, then app containers. Probe defaults are applied here
 * too, so an undefaulted pod converts the same way.
 */
export function toEnginePod(pod: Pod, options: EnginePodOptions = {}): EnginePod {
  const containers: EngineContainer[] = [];
  // The kubelet pulls a pod's containers in order, so a later container finds an image an earlier one pulled.
  const pulledInPod = new Set<string>();
  const imagePresent = (image: string): boolean => pulledInPod.has(image) || (options.imagePresent?.(image) ?? false);
  const add = (container: Container, kind: ContainerKindCode): void => {
    const { behavior, warnings, unsupported, plan } = behaviorFor(pod, container, { ...options, kind, imagePresent });
    if (container.image) pulledInPod.add(container.image);
    for (const warning of warnings) options.onWarning?.(container.name, warning);
    for (const command of unsupported) options.onUnsupported?.(container.name, command);
    options.onPlan?.(containers.length, container, plan);
    const probes = kind !== ContainerKindCode.Init;
    containers.push({
      kind,
      startupProbe: probes ? toEngineProbe(container.startupProbe) : null,
      readinessProbe: probes ? toEngineProbe(container.readinessProbe) : null,
      livenessProbe: probes ? toEngineProbe(container.livenessProbe) : null,
      behavior,
    });
  };
  for (const container of pod.spec.initContainers ?? []) {
    add(container, container.restartPolicy === 'Always' ? ContainerKindCode.Sidecar : ContainerKindCode.Init);
  }
  for (const container of pod.spec.containers ?? []) add(container, ContainerKindCode.Regular);

  return {
    restartPolicy: restartPolicyCodes[pod.spec.restartPolicy ?? 'Always'] ?? RestartPolicyCode.Always,
    terminationGracePeriodSeconds: pod.spec.terminationGracePeriodSeconds ?? 30,
    activeDeadlineSeconds: pod.spec.activeDeadlineSeconds ?? -1,
    containers,
  };
}
