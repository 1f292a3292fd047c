/**
 * Reading scenarios: files, folders and standard input holding Kubernetes
 * manifests (multi-document YAML, flow-style YAML such as KYAML, JSON, and v1
 * Lists). Each object goes through the steps kube-apiserver applies on create:
 * kind lookup, strict decoding, defaulting and validation. An object that
 * fails is reported as an error, never dropped in silence.
 */

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, isAbsolute, join, resolve } from 'node:path';
import { LineCounter, parseAllDocuments, type Node } from 'yaml';
import type { KubeObject, Pod } from '../api/v1.js';
import { defaultPod } from './defaults.js';
import { type FieldError, formatInvalidObject, goQuote } from './field-errors.js';
import { type KindInfo, lookupKind } from './kinds.js';
import { strictDecode, strictSchemas } from './schema.js';
import { checkNodeQuantities, checkPodSpecQuantities, type QuantityDecodeError } from './quantity.js';
import { makeSource, type ObjectSource, type SourcePosition } from './source.js';
import { validateObject } from './validate-object.js';
import { validatePod } from './validate.js';

export interface LoadedObject {
  /** The object as written in the manifest, before defaulting. */
  object: KubeObject;
  source: ObjectSource;
}

export interface ScenarioError {
  /** The path as given, or `<stdin>`. */
  file: string;
  /** Position of the offending field, when the error is tied to one. */
  position?: SourcePosition;
  /** The message without the location prefix. */
  message: string;
  /** `FILE:LINE:COLUMN: message`, or `FILE: message` without a position. */
  text: string;
}

export interface LoadOptions {
  /** Contents of standard input for the path `-`; read from file descriptor 0 when absent. */
  stdin?: string;
  /** Descend into sub-folders, like `kubectl apply -R`. */
  recursive?: boolean;
}

export interface LoadResult {
  objects: LoadedObject[];
  errors: ScenarioError[];
}

const MANIFEST_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);
const STDIN_NAME = '<stdin>';

function makeError(file: string, message: string, position?: SourcePosition): ScenarioError {
  const text = position === undefined ? `${file}: ${message}` : `${file}:${position.line}:${position.column}: ${message}`;
  return { file, message, text, ...(position === undefined ? {} : { position }) };
}

/**
 * Loads every object from `paths`: files, folders (their .yaml, .yml and .json
 * files, sorted by name) and `-` for standard input. Paths are read in the
 * order given.
 */
export function loadScenario(paths: readonly string[], options: LoadOptions = {}): LoadResult {
  const result: LoadResult = { objects: [], errors: [] };
  for (const path of paths) {
    if (path === '-') {
      const text = options.stdin ?? readFileSync(0, 'utf8');
      loadText(text, STDIN_NAME, result);
      continue;
    }
    let isDirectory: boolean;
    try {
      isDirectory = statSync(path).isDirectory();
    } catch {
      result.errors.push(makeError(path, `the path ${goQuote(path)} does not exist`));
      continue;
    }
    if (!isDirectory) {
      loadFile(path, result);
      continue;
    }
    const files = listManifestFiles(path, options.recursive ?? false);
    if (files.length === 0) {
      result.errors.push(makeError(path, 'no .yaml, .yml or .json files in this folder'));
    }
    for (const file of files) loadFile(file, result);
  }
  return result;
}

/** Reads and loads one file; a file that cannot be read (a dangling link, no permission) becomes a load error. */
function loadFile(file: string, result: LoadResult): void {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'does not exist (a link to a missing file?)' : `cannot be read: ${(error as Error).message}`;
    result.errors.push(makeError(file, `the path ${goQuote(file)} ${reason}`));
    return;
  }
  loadText(text, file, result);
}

function listManifestFiles(folder: string, recursive: boolean): string[] {
  const files: string[] = [];
  // Sorted by code unit, as kubectl's directory walk orders names, not by locale.
  const entries = readdirSync(folder, { withFileTypes: true });
  entries.sort((a, b) => Number(a.name > b.name) - Number(a.name < b.name));
  for (const entry of entries) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) {
      if (recursive) files.push(...listManifestFiles(path, true));
    } else if (MANIFEST_EXTENSIONS.has(extname(entry.name).toLowerCase())) {
      files.push(path);
    }
  }
  return files;
}

/** Parses one file's text and adds its objects and errors to `result`. */
export function loadText(text: string, file: string, result: LoadResult): void {
  const lineCounter = new LineCounter();
  // `merge: true` accepts `<<` merge keys, which kubectl's YAML 1.1 decoder also supports.
  const documents = parseAllDocuments(text, { lineCounter, prettyErrors: false, merge: true });
  const position = (offset: number): SourcePosition => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  if (!Array.isArray(documents)) {
    // parseAllDocuments returns an EmptyStream for input with no documents at all.
    return;
  }

  documents.forEach((document, documentIndex) => {
    if (document.errors.length > 0) {
      for (const error of document.errors) result.errors.push(makeError(file, error.message, position(error.pos[0])));
      return;
    }
    const root = document.contents as Node | null;
    let value: unknown;
    try {
      value = document.toJS({ maxAliasCount: 1000 });
    } catch (error) {
      // An alias to an unknown anchor, or so many aliases that expanding them would exhaust memory.
      const where = root?.range ? position(root.range[0]) : undefined;
      result.errors.push(makeError(file, `invalid YAML: ${(error as Error).message}`, where));
      return;
    }
    if (value === null || value === undefined) return;

    const at = (fieldPath: string, node: Node | null = root): SourcePosition =>
      makeSource(file, documentIndex, undefined, node, lineCounter).positionOf(fieldPath);

    if (typeof value !== 'object' || Array.isArray(value)) {
      const found = Array.isArray(value) ? 'a list' : `a ${typeof value}`;
      result.errors.push(makeError(file, `a manifest must be an object with apiVersion and kind, found ${found}`, at('')));
      return;
    }

    const object = value as Record<string, unknown>;
    if (isList(object)) {
      const items = object.items as unknown[];
      items.forEach((item, itemIndex) => {
        const itemNode = findItemNode(root, itemIndex);
        const source = makeSource(file, documentIndex, itemIndex, itemNode, lineCounter);
        if (item === null || typeof item !== 'object' || Array.isArray(item)) {
          result.errors.push(makeError(file, 'a List item must be an object with apiVersion and kind', source.positionOf('')));
          return;
        }
        admitObject(item as Record<string, unknown>, source, result);
      });
      return;
    }
    admitObject(object, makeSource(file, documentIndex, undefined, root, lineCounter), result);
  });
}

/** Reports whether the object is a v1 `List` or a typed list such as `PodList`, whose items kubectl flattens. */
function isList(object: Record<string, unknown>): boolean {
  const kind = object.kind;
  return object.apiVersion === 'v1' && typeof kind === 'string' && kind.endsWith('List') && Array.isArray(object.items);
}

function findItemNode(root: Node | null, index: number): Node | null {
  const items = root !== null && 'get' in root ? (root as unknown as { get(key: string, keepScalar: boolean): unknown }).get('items', true) : undefined;
  if (items !== null && typeof items === 'object' && 'items' in (items as object)) {
    const node = (items as { items: unknown[] }).items[index];
    return (node as Node | undefined) ?? root;
  }
  return root;
}

/** Runs the create path for one object: kind lookup, strict decoding, defaulting and validation. */
function admitObject(object: Record<string, unknown>, source: ObjectSource, result: LoadResult): void {
  const file = source.file;
  const apiVersion = object.apiVersion;
  const kind = object.kind;
  const missing: string[] = [];
  if (typeof apiVersion !== 'string' || apiVersion === '') missing.push('apiVersion not set');
  if (typeof kind !== 'string' || kind === '') missing.push('kind not set');
  if (missing.length > 0) {
    const detail = missing.length === 1 ? missing[0]! : `[${missing.join(', ')}]`;
    result.errors.push(makeError(file, `error validating data: ${detail}`, source.positionOf('')));
    return;
  }

  const metadata = (object.metadata ?? {}) as Record<string, unknown>;
  const name = typeof metadata.name === 'string' ? metadata.name : '';
  const info = lookupKind(apiVersion as string, kind as string);
  if (info === undefined) {
    const namespace = typeof metadata.namespace === 'string' ? metadata.namespace : '';
    const message =
      `resource mapping not found for name: ${goQuote(name)} namespace: ${goQuote(namespace)} from ${goQuote(file)}: ` +
      `no matches for kind ${goQuote(kind as string)} in version ${goQuote(apiVersion as string)}`;
    result.errors.push(makeError(file, message, source.positionOf('kind')));
    return;
  }

  const decodeError = checkStrictDecoding(object, info) ?? checkQuantityDecoding(object, info);
  if (decodeError !== undefined) {
    result.errors.push(makeError(file, decodeError.message, source.positionOf(decodeError.path)));
    return;
  }

  const fieldErrors = validateLoadedObject(object as KubeObject, info);
  if (fieldErrors.length > 0) {
    const message = formatInvalidObject(info.kind, name, fieldErrors);
    result.errors.push(makeError(file, message, source.positionOf(fieldErrors[0]!.field)));
    return;
  }
  if (object.kind === 'Timeline' && file !== STDIN_NAME) resolveTimelineFiles(object, file);
  result.objects.push({ object: object as KubeObject, source });
}

/** Makes the `file` of each Timeline `apply` step absolute, resolved against the folder of the Timeline's own file. */
function resolveTimelineFiles(timeline: Record<string, unknown>, file: string): void {
  const steps = Array.isArray(timeline.steps) ? timeline.steps : [];
  for (const step of steps) {
    if (step === null || typeof step !== 'object') continue;
    const entry = step as Record<string, unknown>;
    if (typeof entry.file === 'string' && !isAbsolute(entry.file)) entry.file = resolve(dirname(file), entry.file);
  }
}

/** Strict decoding as the API server does with fieldValidation=Strict; returns the error to report, if any. */
function checkStrictDecoding(object: Record<string, unknown>, info: KindInfo): { path: string; message: string } | undefined {
  const schema = strictSchemas[info.kind];
  if (schema === undefined) return undefined;

  const prefix = decodeErrorPrefix(info);
  const decoded = strictDecode(object, schema);
  if (decoded.typeError !== undefined) {
    return { path: decoded.typeError.path, message: prefix + decoded.typeError.message };
  }
  if (decoded.unknownFields.length > 0) {
    const list = decoded.unknownFields.map((path) => `unknown field ${goQuote(path)}`).join(', ');
    return { path: decoded.unknownFields[0]!, message: `${prefix}strict decoding error: ${list}` };
  }
  return undefined;
}

/** The start of a decoding error: `Deployment in version "v1" cannot be handled as a Deployment: `. */
function decodeErrorPrefix(info: KindInfo): string {
  const version = info.apiVersion.includes('/') ? info.apiVersion.slice(info.apiVersion.indexOf('/') + 1) : info.apiVersion;
  return `${info.kind} in version ${goQuote(version)} cannot be handled as a ${info.kind}: `;
}

/**
 * Resource quantities that do not parse (`cpu: 2x`) fail decoding in the API
 * server, so the message has no field path. The returned path is used only
 * for the file position.
 */
function checkQuantityDecoding(object: Record<string, unknown>, info: KindInfo): { path: string; message: string } | undefined {
  let found: QuantityDecodeError | undefined;
  if (info.kind === 'Pod') {
    found = checkPodSpecQuantities(object.spec, 'spec');
  } else if (info.kind === 'Node') {
    found = checkNodeQuantities(object.status);
  } else if (info.podTemplatePath !== undefined) {
    let template: unknown = object;
    for (const key of info.podTemplatePath) template = (template as Record<string, unknown> | null)?.[key];
    const templatePath = info.podTemplatePath.join('.');
    found = checkPodSpecQuantities((template as Record<string, unknown> | null)?.spec, `${templatePath}.spec`);
  }
  if (found === undefined) return undefined;
  return { path: found.path, message: decodeErrorPrefix(info) + found.message };
}

function validateLoadedObject(object: KubeObject, info: KindInfo): FieldError[] {
  if (info.kind === 'Pod') {
    // The API server validates the defaulted object. The seed only picks a volume name suffix.
    return validatePod(defaultPod(object as Pod, { seed: 0 }));
  }
  return validateObject(object, info);
}
