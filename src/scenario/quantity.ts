/**
 * Checks resource quantities (`500m`, `1.5Gi`) as the API server decodes them
 * (k8s.io/apimachinery/pkg/api/resource, ParseQuantity, v1.31). A quantity
 * that does not parse fails the whole request at decoding time, before field
 * validation, with one of the three error texts below.
 */

import { parseQuantityNano } from '../kubelet/quantity.js';

const QUANTITY_PATTERN_TEXT = '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$';
/** resource.ErrFormatWrong. */
export const QUANTITY_FORMAT_MESSAGE = `quantities must match the regular expression '${QUANTITY_PATTERN_TEXT}'`;
/** resource.ErrSuffix. */
const QUANTITY_SUFFIX_MESSAGE = "unable to parse quantity's suffix";

const SUFFIX_CHARACTERS = 'eEinumkKMGTP';
const KNOWN_SUFFIXES = new Set(['', 'n', 'u', 'm', 'k', 'M', 'G', 'T', 'P', 'E', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei']);

/**
 * Returns the error ParseQuantity gives for `value`, or undefined when it
 * parses. JSON numbers are quantities too, as Quantity.UnmarshalJSON reads them.
 */
export function quantityError(value: unknown): string | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : QUANTITY_FORMAT_MESSAGE;
  if (typeof value !== 'string') return QUANTITY_FORMAT_MESSAGE;
  const text = value.trim();
  if (text === '') return QUANTITY_FORMAT_MESSAGE;

  // The scan of parseQuantityString: sign, digits, an optional fraction, then the suffix.
  let position = text[0] === '+' || text[0] === '-' ? 1 : 0;
  while (position < text.length && isDigit(text[position]!)) position++;
  if (text[position] === '.') {
    position++;
    while (position < text.length && isDigit(text[position]!)) position++;
  }
  const suffixStart = position;
  while (position < text.length && SUFFIX_CHARACTERS.includes(text[position]!)) position++;
  if (text[position] === '+' || text[position] === '-') position++;
  while (position < text.length && isDigit(text[position]!)) position++;
  if (position < text.length) return QUANTITY_FORMAT_MESSAGE;

  const suffix = text.slice(suffixStart);
  const exponentSuffix = /^[eE][+-]?\d+$/.test(suffix);
  if (!KNOWN_SUFFIXES.has(suffix) && !exponentSuffix) return QUANTITY_SUFFIX_MESSAGE;

  // The simulator's own parser must accept whatever passes here, or the scheduler would throw later.
  try {
    parseQuantityNano(text);
  } catch {
    return QUANTITY_FORMAT_MESSAGE;
  }
  return undefined;
}

/** Reports whether a quantity that parses is below zero. */
export function isNegativeQuantity(value: string | number): boolean {
  return parseQuantityNano(value) < 0n;
}

function isDigit(character: string): boolean {
  return character >= '0' && character <= '9';
}

/** A quantity that failed to decode, with the field path it sits at. */
export interface QuantityDecodeError {
  path: string;
  message: string;
}

/** Finds the first quantity in a ResourceList map (requests, limits, capacity) that does not parse. */
function checkResourceList(list: unknown, path: string): QuantityDecodeError | undefined {
  if (list === null || typeof list !== 'object' || Array.isArray(list)) return undefined;
  for (const [name, value] of Object.entries(list as Record<string, unknown>)) {
    if (value === null || value === undefined) continue;
    const message = quantityError(value);
    if (message !== undefined) return { path: `${path}.${name}`, message };
  }
  return undefined;
}

/** Finds the first bad quantity in a pod spec: container and init container resources, and overhead. */
export function checkPodSpecQuantities(spec: unknown, path: string): QuantityDecodeError | undefined {
  if (spec === null || typeof spec !== 'object') return undefined;
  const podSpec = spec as Record<string, unknown>;
  for (const listName of ['initContainers', 'containers', 'ephemeralContainers']) {
    const containers = podSpec[listName];
    if (!Array.isArray(containers)) continue;
    for (const [index, container] of containers.entries()) {
      const resources = (container as { resources?: Record<string, unknown> } | null)?.resources;
      if (resources === null || typeof resources !== 'object') continue;
      const resourcesPath = `${path}.${listName}[${index}].resources`;
      const found =
        checkResourceList(resources.limits, `${resourcesPath}.limits`) ??
        checkResourceList(resources.requests, `${resourcesPath}.requests`);
      if (found !== undefined) return found;
    }
  }
  return checkResourceList(podSpec.overhead, `${path}.overhead`);
}

/** Finds the first bad quantity in a Node's status capacity or allocatable. */
export function checkNodeQuantities(status: unknown): QuantityDecodeError | undefined {
  if (status === null || typeof status !== 'object') return undefined;
  const fields = status as Record<string, unknown>;
  return checkResourceList(fields.capacity, 'status.capacity') ?? checkResourceList(fields.allocatable, 'status.allocatable');
}
