/**
 * Engine factory. `createEngine` loads build/engine.wasm or build/engine.js
 * (both built from assembly/ by `npm run build`) and wraps it in the Engine
 * interface of types.ts.
 */
import { readFile } from 'node:fs/promises';
import { EngineBridge, type EngineBuffers, type RawEngine } from './bridge.js';
import { commandWords } from './command.js';
import type { EngineKind } from './types.js';

export { EngineBridge } from './bridge.js';
export type { EngineProbeState, EngineRules, EngineStats } from './bridge.js';
export * from './types.js';

export interface CreateEngineOptions {
  kind: EngineKind;
  /** Pod slots allocated up front; addPod fails once they are used. */
  maxPods: number;
  /** Containers per pod, init containers included. */
  maxContainers: number;
  /** Seed of every random draw (probe start jitter, sync requeue jitter); same seed and input give the same events. */
  seed: number;
}

const EVENT_CAPACITY = 65536;
const EVENT_WORDS = 6;
/** Pod slots × containers above this would not fit the engine's i32 timer ids. */
const MAX_CONTAINER_SLOTS = 400_000_000;

const wasmUrl = new URL('../../build/engine.wasm', import.meta.url);
const portableUrl = new URL('../../build/engine.js', import.meta.url);

let wasmModule: Promise<WebAssembly.Module> | undefined;
let portableInstances = 0;

function validate(options: CreateEngineOptions): void {
  const { maxPods, maxContainers } = options;
  if (!Number.isInteger(maxPods) || maxPods < 1) throw new RangeError(`maxPods must be a positive integer, got ${maxPods}.`);
  if (!Number.isInteger(maxContainers) || maxContainers < 1 || maxContainers > 255) {
    throw new RangeError(`maxContainers must be an integer from 1 to 255, got ${maxContainers}.`);
  }
  if (maxPods * maxContainers > MAX_CONTAINER_SLOTS) {
    throw new RangeError(`maxPods × maxContainers must be at most ${MAX_CONTAINER_SLOTS}, got ${maxPods * maxContainers}.`);
  }
}

async function loadWasm(maxContainers: number): Promise<{ raw: RawEngine; buffers: EngineBuffers }> {
  wasmModule ??= readFile(wasmUrl).then(
    (bytes) => WebAssembly.compile(bytes),
    (error: unknown) => {
      wasmModule = undefined;
      throw new Error(`Cannot read ${wasmUrl.pathname}: run \`npm run build\` first. (${String(error)})`);
    },
  );
  const module = await wasmModule;
  const instance = await WebAssembly.instantiate(module, {
    env: {
      abort(_message: number, _file: number, line: number, column: number): never {
        throw new Error(`Engine aborted at assembly line ${line}:${column} (out of memory or an invalid state).`);
      },
    },
  });
  const exports = instance.exports as unknown as RawEngine & {
    memory: WebAssembly.Memory;
    eventsPointer(): number;
    commandsPointer(): number;
  };

  // Views over WASM memory go stale when it grows; rebuild them when the buffer changes.
  let buffer: ArrayBuffer | undefined;
  let events = new Int32Array(0);
  let commands = new Int32Array(0);
  const refresh = () => {
    if (buffer === exports.memory.buffer) return;
    buffer = exports.memory.buffer;
    events = new Int32Array(buffer, exports.eventsPointer(), EVENT_CAPACITY * EVENT_WORDS);
    commands = new Int32Array(buffer, exports.commandsPointer(), commandWords(maxContainers));
  };
  return {
    raw: exports,
    buffers: {
      events: () => (refresh(), events),
      commands: () => (refresh(), commands),
    },
  };
}

async function loadPortable(): Promise<{ raw: RawEngine; buffers: EngineBuffers }> {
  // Each import with a new query string is a new module instance, so engines do not share state.
  portableInstances += 1;
  const url = `${portableUrl.href}?instance=${portableInstances}`;
  let module: RawEngine & { eventsArray(): Int32Array; commandsArray(): Int32Array };
  try {
    module = await import(url);
  } catch (error) {
    throw new Error(`Cannot load ${portableUrl.pathname}: run \`npm run build\` first. (${String(error)})`);
  }
  return {
    raw: module,
    buffers: {
      events: () => module.eventsArray(),
      commands: () => module.commandsArray(),
    },
  };
}

/** Load and initialise an engine of the given kind. Each call returns an independent engine. */
export async function createEngine(options: CreateEngineOptions): Promise<EngineBridge> {
  validate(options);
  const { raw, buffers } = options.kind === 'wasm' ? await loadWasm(options.maxContainers) : await loadPortable();
  raw.init(options.maxPods, options.maxContainers, options.seed | 0);
  return new EngineBridge(options.kind, raw, buffers, options.maxContainers);
}
