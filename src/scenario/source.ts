/** Positions of fields in parsed YAML, for `FILE:LINE:COLUMN:` error prefixes. */

import { isMap, isPair, isScalar, isSeq, type LineCounter, type Node } from 'yaml';

export interface SourcePosition {
  /** 1-based line. */
  line: number;
  /** 1-based column. */
  column: number;
}

/** The origin of a loaded object. */
export interface ObjectSource {
  /** The path as given to loadScenario, or `<stdin>`. */
  file: string;
  /** 0-based index of the YAML document in the file. */
  documentIndex: number;
  /** 0-based index in the `items` of a v1 List, when the object came from one. */
  itemIndex?: number;
  /**
   * Returns the position of a field given as a path such as
   * `spec.containers[0].image`: the start of its key, or of its list item.
   * A path that does not exist maps to its nearest existing ancestor, and the
   * empty path to the object itself.
   */
  positionOf(fieldPath?: string): SourcePosition;
}

/** Splits `spec.containers[0].image` into `['spec', 'containers', 0, 'image']`. */
export function parseFieldPath(fieldPath: string): Array<string | number> {
  const segments: Array<string | number> = [];
  const pattern = /([^.[\]]+)|\[(\d+)\]/g;
  for (const match of fieldPath.matchAll(pattern)) {
    if (match[2] !== undefined) segments.push(Number(match[2]));
    else segments.push(match[1]!);
  }
  return segments;
}

/** Returns the start offset of the field at `fieldPath` under `root`, or of its nearest existing ancestor. */
export function findOffset(root: Node | null, fieldPath: string): number | undefined {
  if (root === null) return undefined;
  let node: unknown = root;
  let offset = root.range?.[0];
  for (const segment of parseFieldPath(fieldPath)) {
    if (typeof segment === 'number') {
      if (!isSeq(node)) break;
      const item = node.items[segment];
      if (item === undefined || item === null || !(item as Node).range) break;
      node = item;
      offset = (item as Node).range![0];
      continue;
    }
    if (!isMap(node)) break;
    const pair = node.items.find((candidate) => isPair(candidate) && isScalar(candidate.key) && String(candidate.key.value) === segment);
    if (pair === undefined || !isScalar(pair.key)) break;
    offset = pair.key.range?.[0] ?? offset;
    node = pair.value;
  }
  return offset;
}

export function makeSource(
  file: string,
  documentIndex: number,
  itemIndex: number | undefined,
  root: Node | null,
  lineCounter: LineCounter,
): ObjectSource {
  return {
    file,
    documentIndex,
    ...(itemIndex === undefined ? {} : { itemIndex }),
    positionOf(fieldPath = ''): SourcePosition {
      const offset = findOffset(root, fieldPath) ?? 0;
      const { line, col } = lineCounter.linePos(offset);
      return { line, column: col };
    },
  };
}
