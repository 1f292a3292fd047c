import { parseArgs } from 'node:util';
import type { EngineKind } from '../engine/types.js';
import { parseDuration } from './duration.js';

/** Flags shared by the headless commands, with kubectl's names where kubectl has them. */
export interface CommonOptions {
  positionals: string[];
  filenames: string[];
  /** `-R`: read folders given with -f recursively. */
  recursive: boolean;
  atMs: number;
  output?: string;
  namespace: string;
  allNamespaces: boolean;
  selector: string;
  watch: boolean;
  /** Simulated ms per real ms for `-w`; Infinity for `--speed max`. */
  speed: number;
  engine: EngineKind;
  seed: number;
  /** Wall-clock time of simulated time 0, in Unix ms. */
  epochMs: number;
  observed: boolean;
  /** `--now` for observed mode, in Unix ms. */
  nowMs?: number;
  forObject?: string;
  noHeaders: boolean;
  gracePeriod?: number;
  force: boolean;
}

/** Thrown for a bad command line; main prints the message and exits 1, as kubectl does. */
export class UsageError extends Error {}

const OPTION_SPEC = {
  filename: { type: 'string', short: 'f', multiple: true },
  recursive: { type: 'boolean', short: 'R' },
  at: { type: 'string' },
  output: { type: 'string', short: 'o' },
  namespace: { type: 'string', short: 'n' },
  'all-namespaces': { type: 'boolean', short: 'A' },
  selector: { type: 'string', short: 'l' },
  watch: { type: 'boolean', short: 'w' },
  speed: { type: 'string' },
  engine: { type: 'string' },
  seed: { type: 'string' },
  'start-time': { type: 'string' },
  observed: { type: 'boolean' },
  now: { type: 'string' },
  for: { type: 'string' },
  'no-headers': { type: 'boolean' },
  'grace-period': { type: 'string' },
  force: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export const DEFAULT_START_TIME = '2026-01-01T00:00:00Z';
/** The engine keeps time in 32-bit milliseconds and stops at this many. */
const MAX_SIMULATED_MS = 2_000_000_000;

function parseInteger(flag: string, text: string): number {
  if (!/^-?\d+$/.test(text)) {
    throw new UsageError(`invalid argument "${text}" for "--${flag}" flag: expected a whole number`);
  }
  return Number(text);
}

function parseSpeed(text: string | undefined): number {
  if (text === undefined) return 1;
  if (text === 'max') return Number.POSITIVE_INFINITY;
  const value = Number(text.replace(/^x/, ''));
  if (!Number.isFinite(value) || value <= 0) {
    throw new UsageError(`invalid argument "${text}" for "--speed" flag: expected a positive number or "max"`);
  }
  return value;
}

function parseTime(flag: string, text: string): number {
  const value = Date.parse(text);
  if (Number.isNaN(value)) {
    throw new UsageError(`invalid argument "${text}" for "--${flag}" flag: expected an RFC 3339 time such as ${DEFAULT_START_TIME}`);
  }
  return value;
}

/** Parses the command line after the command words; throws UsageError on bad flags. */
export function parseCommonOptions(args: string[]): CommonOptions & { help: boolean } {
  let parsed;
  try {
    parsed = parseArgs({ args, options: OPTION_SPEC, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const values = parsed.values;

  const engine = values.engine ?? 'wasm';
  if (engine !== 'wasm' && engine !== 'js') {
    throw new UsageError(`invalid argument "${engine}" for "--engine" flag: supported values are "wasm" and "js"`);
  }

  let atMs = 0;
  if (values.at !== undefined) {
    try {
      atMs = parseDuration(values.at);
    } catch (error) {
      throw new UsageError(`invalid argument "${values.at}" for "--at" flag: ${(error as Error).message}`);
    }
    if (atMs > MAX_SIMULATED_MS) {
      throw new UsageError(`invalid argument "${values.at}" for "--at" flag: the engine simulates at most 555h33m20s (2,000,000,000 ms)`);
    }
  }

  return {
    positionals: parsed.positionals,
    filenames: values.filename ?? [],
    recursive: values.recursive ?? false,
    atMs,
    output: values.output,
    namespace: values.namespace ?? 'default',
    allNamespaces: values['all-namespaces'] ?? false,
    selector: values.selector ?? '',
    watch: values.watch ?? false,
    speed: parseSpeed(values.speed),
    engine,
    seed: values.seed === undefined ? 1 : parseInteger('seed', values.seed),
    epochMs: parseTime('start-time', values['start-time'] ?? DEFAULT_START_TIME),
    observed: values.observed ?? false,
    nowMs: values.now === undefined ? undefined : parseTime('now', values.now),
    forObject: values.for,
    noHeaders: values['no-headers'] ?? false,
    gracePeriod: values['grace-period'] === undefined ? undefined : parseInteger('grace-period', values['grace-period']),
    force: values.force ?? false,
    help: values.help ?? false,
  };
}
