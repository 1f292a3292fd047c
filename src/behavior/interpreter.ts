/**
 * Runs a parsed shell script in simulated time. Only timing and outcome are
 * modelled: `sleep` advances the clock, `exit` and the last status give the exit
 * code, `touch`/`rm`/redirections track files (for exec probes such as
 * `cat /tmp/healthy`), loops run until a condition changes or forever.
 * Commands it does not know are collected in `notUnderstood`.
 */

import { parseSleepArguments } from './duration.js';
import { baseName, entrypointWrappers, lookupProgram, type ProgramProfile } from './catalog.js';
import { type Command, parseShell, type Pipeline, type Script, ShellSyntaxError } from './shell.js';

/** Loops that run this many times without ending are treated as running forever. */
const MAX_LOOP_ITERATIONS = 1000;
/** Simulated time at which a script counts as running forever: the engine's i32 limit in ms. */
const FOREVER_MS = 2 ** 31 - 1;
/** NOTE: an estimate of a small HTTP download (wget/curl), not a measurement. */
const NETWORK_FETCH_MS = 500;

/** Programs that do nothing observable and finish at once with status 0. */
const INSTANT_COMMANDS = new Set([
  'echo', 'printf', 'date', 'env', 'printenv', 'hostname', 'id', 'whoami', 'pwd', 'uname', 'rev', 'wc', 'head',
  'sort', 'uniq', 'tee', 'sync', 'mkdir', 'cp', 'mv', 'ln', 'chmod', 'chown', 'cd', 'export', 'set', 'unset',
  'umask', 'ulimit', 'local', 'readonly', 'shift', 'mount', 'df', 'du', 'free', 'ps', 'sed', 'awk', 'cut', 'tr',
  'basename', 'dirname', 'seq', 'yes', 'nproc', 'dmesg', 'logger', 'read', 'kill', 'killall', 'pkill', 'true',
]);

/** Shells whose `-c` argument podsim interprets. */
export const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh']);

export interface FileEvent {
  path: string;
  timeMs: number;
  exists: boolean;
}

/** Text written to a file with `echo` or `printf` and `>` or `>>`. */
export interface FileWrite {
  path: string;
  timeMs: number;
  text: string;
  append: boolean;
}

/** A line the script prints on standard output (the container log). */
export interface LogLine {
  timeMs: number;
  text: string;
}

export interface RunResult {
  /** Time the script ends on its own, in ms, or Infinity. */
  endMs: number;
  exitCode: number;
  fileEvents: FileEvent[];
  /** Names of commands podsim does not know; any entry makes the result unreliable. */
  notUnderstood: string[];
  /** Facts worth telling the user, such as a DNS wait that never ends. */
  notes: string[];
  /** The SIGTERM trap: the exit code it exits with, or null when it lets the script go on. */
  trap?: { exitCode: number | null };
  /** The maximum foreground sleep, which delays a trap until the sleep ends. */
  longestSleepMs: number;
  /** Whether the script waits with `wait`, which a trapped signal interrupts at once. */
  usesWait: boolean;
  /**
   * A long-running program the script ends in. `exec` is true when it
   * replaced the shell as PID 1; `startMs` is when it started.
   */
  program?: { name: string; profile: ProgramProfile; exec: boolean; startMs: number };
  /** Text written to files, in time order. */
  writes: FileWrite[];
  /** Lines printed on standard output, in time order. */
  logLines: LogLine[];
  /** Whether the outcome depends on cluster DNS or on a Service answering (nslookup, wget, curl). */
  usesNetwork: boolean;
}

/**
 * The network as the container reaches it, in ms since the process started.
 * -1 means never, as far as the cluster state known now goes.
 */
export interface NetworkView {
  /** Time from which cluster DNS resolves `name`. */
  dnsFromMs(name: string): number;
  /**
   * Time from which an HTTP request to `host` gets an answer (a Service with
   * ready endpoints), or undefined for a host outside the cluster, which is
   * assumed to answer.
   */
  httpFromMs(host: string): number | undefined;
}

export interface RunOptions {
  /** Service names that cluster DNS resolves (the first label of a looked-up name). Ignored when `network` is set. */
  serviceNames?: ReadonlySet<string>;
  network?: NetworkView;
  /** Contents of files known before the script runs, for `$(cat FILE)` in words. */
  fileContents?: (path: string) => string | undefined;
}

/** Interprets `script` (shell text) from time 0. */
export function runShellText(text: string, options: RunOptions = {}): RunResult {
  let script: Script;
  try {
    script = parseShell(text);
  } catch (error) {
    if (!(error instanceof ShellSyntaxError)) throw error;
    return { ...emptyResult(), notUnderstood: [`sh -c ${JSON.stringify(text)} (${error.message})`] };
  }
  const interpreter = new Interpreter(options);
  interpreter.runScript(script);
  return interpreter.result();
}

/** Interprets a command given as argv, as a container runs it without a shell. */
export function runArgv(argv: readonly string[], options: RunOptions = {}): RunResult {
  const interpreter = new Interpreter(options);
  interpreter.runSimple(argv[0]!, argv.slice(1));
  return interpreter.result();
}

function emptyResult(): RunResult {
  return { endMs: 0, exitCode: 0, fileEvents: [], notUnderstood: [], notes: [], longestSleepMs: 0, usesWait: false, writes: [], logLines: [], usesNetwork: false };
}

/** Finds the host of a wget or curl URL operand: `http://web.default:8080/x` → `web.default`. */
function urlHost(url: string): string {
  const withoutScheme = url.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
  const authority = withoutScheme.split(/[/?#]/)[0] ?? '';
  const host = authority.slice(authority.lastIndexOf('@') + 1);
  return host.replace(/:\d+$/, '');
}

class Interpreter {
  private timeMs = 0;
  private status = 0;
  private exited = false;
  private forever = false;
  private readonly files = new Map<string, boolean>();
  private readonly fileEvents: FileEvent[] = [];
  private readonly notUnderstood = new Set<string>();
  private readonly notes: string[] = [];
  private readonly stoppedPrograms = new Set<string>();
  private readonly backgroundEnds: number[] = [];
  private trap?: { exitCode: number | null };
  private longestSleepMs = 0;
  private usesWait = false;
  private program?: { name: string; profile: ProgramProfile; exec: boolean; startMs: number };
  private readonly writes: FileWrite[] = [];
  private readonly logLines: LogLine[] = [];
  private usesNetwork = false;
  /** Earliest future time (ms) at which a network lookup made so far changes its answer, or Infinity. */
  private nextNetworkChangeMs = Infinity;

  constructor(private readonly options: RunOptions) {}

  result(): RunResult {
    const result: RunResult = {
      endMs: this.forever ? Infinity : this.timeMs,
      exitCode: this.status,
      fileEvents: this.fileEvents,
      notUnderstood: [...this.notUnderstood],
      notes: this.notes,
      longestSleepMs: this.longestSleepMs,
      usesWait: this.usesWait,
      writes: this.writes,
      logLines: this.logLines,
      usesNetwork: this.usesNetwork,
    };
    if (this.trap !== undefined) result.trap = this.trap;
    if (this.program !== undefined) result.program = this.program;
    return result;
  }

  private get stopped(): boolean {
    return this.exited || this.forever;
  }

  runScript(script: Script): void {
    for (const list of script) {
      if (this.stopped) return;
      if (list.background) {
        this.runBackground(() => this.runAndOr(list.first, list.rest));
        continue;
      }
      this.runAndOr(list.first, list.rest);
    }
  }

  private runBackground(run: () => void): void {
    const start = this.timeMs;
    const longest = this.longestSleepMs;
    run();
    this.backgroundEnds.push(this.forever ? Infinity : this.timeMs);
    this.timeMs = start;
    this.forever = false;
    this.exited = false;
    this.status = 0;
    this.longestSleepMs = longest;
  }

  private runAndOr(first: Pipeline, rest: Array<{ op: '&&' | '||'; pipeline: Pipeline }>): void {
    this.runPipeline(first);
    for (const { op, pipeline } of rest) {
      if (this.stopped) return;
      if (op === '&&' && this.status !== 0) continue;
      if (op === '||' && this.status === 0) continue;
      this.runPipeline(pipeline);
    }
  }

  private runPipeline(pipeline: Pipeline): void {
    for (const command of pipeline.commands) {
      if (this.stopped) return;
      this.runCommand(command);
    }
    if (pipeline.negated) this.status = this.status === 0 ? 1 : 0;
  }

  private runCommand(command: Command): void {
    switch (command.type) {
      case 'simple': {
        let output: { path: string; append: boolean } | undefined;
        for (const redirect of command.redirects) {
          if (redirect.op !== '>' && redirect.op !== '>>' && redirect.op !== '&>') continue;
          output = { path: redirect.target, append: redirect.op === '>>' };
          if (!redirect.target.startsWith('/dev/') || redirect.target === '/dev/termination-log') this.setFile(redirect.target, true);
        }
        // Leading NAME=value words are variable assignments, not the command.
        const words = command.words.map((word) => this.expand(word));
        const start = words.findIndex((word) => !/^[A-Za-z_]\w*=/.test(word));
        if (start < 0) {
          this.status = 0;
          return;
        }
        const name = baseName(words[start]!);
        if (name === 'echo' || name === 'printf') this.recordOutput(name, words.slice(start + 1), output);
        this.runSimple(words[start]!, words.slice(start + 1));
        return;
      }
      case 'group':
        this.runScript(command.body);
        return;
      case 'if': {
        for (const branch of command.branches) {
          this.runScript(branch.condition);
          if (this.stopped) return;
          if (this.status === 0) {
            this.runScript(branch.body);
            return;
          }
        }
        if (command.otherwise !== undefined) this.runScript(command.otherwise);
        else this.status = 0;
        return;
      }
      case 'for': {
        const count = countForItems(command.items);
        for (let i = 0; i < count && !this.stopped; i++) this.runScript(command.body);
        return;
      }
      case 'loop': {
        let lastIterationMs = -1;
        for (let i = 0; i < MAX_LOOP_ITERATIONS; i++) {
          const iterationStart = this.timeMs;
          const fileEventCount = this.fileEvents.length;
          this.runScript(command.condition);
          if (this.stopped) return;
          const holds = this.status === 0;
          if (command.until ? holds : !holds) {
            this.status = 0;
            return;
          }
          this.runScript(command.body);
          if (this.stopped) return;
          if (this.timeMs >= FOREVER_MS) break;
          const iterationMs = this.timeMs - iterationStart;
          if (iterationMs > 0 && iterationMs === lastIterationMs && this.fileEvents.length === fileEventCount) {
            this.skipRepeatedIterations(iterationMs);
          }
          lastIterationMs = iterationMs;
        }
        this.forever = true;
        return;
      }
    }
  }

  /**
   * Jumps over loop iterations that repeat the last one, up to the last one
   * that starts before the next network change, so a wait for a Service
   * created hours later still ends on time.
   */
  private skipRepeatedIterations(iterationMs: number): void {
    if (this.nextNetworkChangeMs >= FOREVER_MS) return;
    const target = this.nextNetworkChangeMs;
    const skipped = Math.floor((target - this.timeMs) / iterationMs) - 1;
    if (skipped > 0) this.timeMs += skipped * iterationMs;
  }

  /** Replaces `$(cat FILE)` and `` `cat FILE` `` with the file's content when it is known. */
  private expand(word: string): string {
    const read = this.options.fileContents;
    if (read === undefined || !word.includes('cat ')) return word;
    return word.replace(/\$\(cat\s+([^()\s]+)\s*\)|`cat\s+([^`\s]+)\s*`/g, (whole, a: string | undefined, b: string | undefined) => {
      const content = read((a ?? b)!);
      return content === undefined ? whole : content.trim();
    });
  }

  private recordOutput(name: string, args: string[], output: { path: string; append: boolean } | undefined): void {
    let words = args;
    if (name === 'echo') while (words[0] === '-n' || words[0] === '-e') words = words.slice(1);
    let text = words.join(' ');
    if (name === 'printf') text = text.replace(/\\n/g, '\n');
    if (output === undefined) {
      for (const line of text.split('\n')) if (line !== '' || name === 'echo') this.logLines.push({ timeMs: this.timeMs, text: line });
      return;
    }
    if (name === 'echo') text += '\n';
    this.writes.push({ path: output.path, timeMs: this.timeMs, text, append: output.append });
  }

  runSimple(path: string, args: string[]): void {
    const name = baseName(path);
    if (SHELLS.has(name)) {
      this.runShell(path, args);
      return;
    }
    if (entrypointWrappers.has(path) || entrypointWrappers.has(name)) {
      if (args.length === 0) this.status = 0;
      else this.runSimple(args[0]!, args.slice(1));
      return;
    }
    const profile = lookupProgram(path);
    if (profile !== undefined && !(name === 'nginx' && args.includes('-s'))) {
      this.program = { name, profile, exec: false, startMs: this.timeMs };
      this.forever = true;
      return;
    }
    this.runBuiltin(name, args);
  }

  private runShell(path: string, args: string[]): void {
    const flagIndex = args.findIndex((arg) => /^-[a-z]*c[a-z]*$/.test(arg));
    if (flagIndex < 0 || flagIndex + 1 >= args.length) {
      if (args.length === 0) {
        // A shell without a script reads standard input; with none attached it exits 0 at once.
        this.status = 0;
        return;
      }
      this.notUnderstood.add(`${path} ${args.join(' ')}`);
      return;
    }
    const text = args[flagIndex + 1]!;
    let script: Script;
    try {
      script = parseShell(text);
    } catch (error) {
      if (!(error instanceof ShellSyntaxError)) throw error;
      this.notUnderstood.add(`${path} -c ${JSON.stringify(text)} (${error.message})`);
      return;
    }
    this.runScript(script);
  }

  private runBuiltin(name: string, args: string[]): void {
    const operands = args.filter((arg) => !arg.startsWith('-'));
    switch (name) {
      case 'sleep': {
        const durationMs = parseSleepArguments(args);
        if (durationMs === undefined) {
          // A variable or substitution could hold any time; anything else is an invalid interval.
          if (args.some((arg) => arg.includes('$') || arg.includes('`'))) this.notUnderstood.add(`sleep ${args.join(' ')}`);
          else this.status = 1;
          return;
        }
        if (durationMs === Infinity || this.timeMs + durationMs >= FOREVER_MS) {
          this.longestSleepMs = FOREVER_MS;
          this.forever = true;
          return;
        }
        this.timeMs += durationMs;
        this.longestSleepMs = Math.max(this.longestSleepMs, durationMs);
        this.status = 0;
        return;
      }
      case 'exit': {
        const code = args.length > 0 ? Number.parseInt(args[0]!, 10) : this.status;
        if (Number.isNaN(code)) {
          this.notUnderstood.add(`exit ${args[0]}`);
          return;
        }
        this.status = ((code % 256) + 256) % 256;
        this.exited = true;
        return;
      }
      case ':':
      case 'true':
        this.status = 0;
        return;
      case 'false':
        this.status = 1;
        return;
      case 'trap':
        this.setTrap(args);
        return;
      case 'wait':
        this.usesWait = true;
        if (this.backgroundEnds.some((end) => end === Infinity)) this.forever = true;
        else this.timeMs = Math.max(this.timeMs, ...this.backgroundEnds);
        this.status = 0;
        return;
      case 'exec':
        if (args.length === 0) {
          this.status = 0;
          return;
        }
        this.runSimple(args[0]!, args.slice(1));
        if (this.program !== undefined) this.program.exec = true;
        this.exited = true;
        return;
      case 'touch':
        for (const operand of operands) this.setFile(operand, true);
        this.status = 0;
        return;
      case 'rm':
        for (const operand of operands) this.setFile(operand, false);
        this.status = 0;
        return;
      case 'cat':
      case 'ls':
      case 'stat':
        this.status = operands.every((operand) => this.files.get(operand) ?? true) ? 0 : 1;
        return;
      case 'test':
      case '[':
        this.status = this.evaluateTest(args);
        return;
      case 'tail':
        if (args.some((arg) => arg === '-f' || arg === '-F' || arg === '--follow')) this.forever = true;
        this.status = 0;
        return;
      case 'wget':
      case 'curl':
        this.status = this.fetch(operands.find((operand) => operand.includes('://')) ?? operands[operands.length - 1] ?? '');
        return;
      case 'nc':
      case 'netcat':
        // `nc -l` listens until stopped; `nc [-z] HOST PORT` connects, which works once the Service has ready endpoints.
        // NOTE: the port `nc -l` opens is not offered to probes; give the container's probes an annotation instead.
        if (args.includes('-l') || args.some((arg) => /^-[a-zA-Z]*l/.test(arg))) {
          this.forever = true;
          return;
        }
        this.status = this.fetch(operands[0] ?? '');
        return;
      case 'nslookup':
      case 'dig':
      case 'host':
      case 'getent':
        this.status = this.resolve(operands[operands.length - 1] ?? '');
        return;
      case 'ping': {
        const countIndex = args.indexOf('-c');
        if (countIndex < 0) {
          this.forever = true;
          return;
        }
        this.timeMs += Number.parseInt(args[countIndex + 1] ?? '1', 10) * 1000;
        this.status = 0;
        return;
      }
      case 'nginx':
        // `nginx -s quit|stop` signals the running master; only the signal is modelled.
        if (args.includes('quit') || args.includes('stop')) this.stoppedPrograms.add('nginx');
        this.status = 0;
        return;
      case 'pgrep':
      case 'pidof':
        this.status = this.stoppedPrograms.has(operands[0] ?? '') ? 1 : 0;
        return;
    }
    if ((name === 'killall' || name === 'kill') && args[0] === '-0') {
      this.status = this.stoppedPrograms.has(operands[0] ?? '') ? 1 : 0;
      return;
    }
    if (INSTANT_COMMANDS.has(name)) {
      this.status = 0;
      return;
    }
    this.notUnderstood.add(name);
  }

  private setTrap(args: string[]): void {
    if (args.length < 2) return;
    const [action, ...signals] = args;
    if (!signals.some((signal) => ['TERM', 'SIGTERM', '15'].includes(signal))) return;
    if (action === '-') {
      this.trap = undefined;
      return;
    }
    const exit = /(?:^|[;&|\s])exit(?:\s+(\d+))?/.exec(action!);
    this.trap = { exitCode: exit === null ? null : Number(exit[1] ?? 0) };
  }

  private evaluateTest(args: string[]): number {
    const operands = args.filter((arg) => arg !== ']');
    const fileTest = operands.findIndex((arg) => ['-f', '-e', '-s', '-d', '-r'].includes(arg));
    if (fileTest < 0) return 0;
    const negated = operands[0] === '!';
    const exists = this.files.get(operands[fileTest + 1] ?? '') ?? false;
    return exists !== negated ? 0 : 1;
  }

  private resolve(name: string): number {
    this.usesNetwork = true;
    const service = name.split('.')[0] ?? '';
    const network = this.options.network;
    const fromMs = network !== undefined ? network.dnsFromMs(name) : this.options.serviceNames?.has(service) ? 0 : -1;
    if (fromMs >= 0 && this.timeMs >= fromMs) return 0;
    if (fromMs >= 0) {
      this.nextNetworkChangeMs = Math.min(this.nextNetworkChangeMs, fromMs);
      return 1;
    }
    const note = `looks up the DNS name "${name}", which fails until a Service named "${service}" exists`;
    if (!this.notes.includes(note)) this.notes.push(note);
    return 1;
  }

  /** Runs a wget or curl request, which succeeds once the Service behind the host has ready endpoints. */
  private fetch(url: string): number {
    const host = urlHost(url);
    const fromMs = this.options.network?.httpFromMs(host);
    // Without a network view (the first plan, made before the process starts) the answer is
    // only provisional, so the command is marked to be run again against the cluster at start.
    if (fromMs !== undefined || this.options.network === undefined) this.usesNetwork = true;
    if (fromMs === undefined || (fromMs >= 0 && this.timeMs >= fromMs)) {
      this.timeMs += NETWORK_FETCH_MS;
      return 0;
    }
    if (fromMs >= 0) this.nextNetworkChangeMs = Math.min(this.nextNetworkChangeMs, fromMs);
    // A refused connection or NXDOMAIN fails at once.
    return 1;
  }

  private setFile(path: string, exists: boolean): void {
    if ((this.files.get(path) ?? false) === exists) return;
    this.files.set(path, exists);
    this.fileEvents.push({ path, timeMs: this.timeMs, exists });
  }
}

/** Counts the iterations of `for x in ITEMS`: literal words, `$(seq A B)` or `{A..B}`. */
function countForItems(items: string[]): number {
  let count = 0;
  for (const item of items) {
    const seq = /^\$\(seq\s+(?:(\d+)\s+)?(\d+)\)$/.exec(item);
    const brace = /^\{(\d+)\.\.(\d+)\}$/.exec(item);
    if (seq !== null) count += Number(seq[2]) - Number(seq[1] ?? 1) + 1;
    else if (brace !== null) count += Number(brace[2]) - Number(brace[1]) + 1;
    else count += 1;
  }
  return Math.max(count, 0);
}
