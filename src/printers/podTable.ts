/**
 * The text of `kubectl get pods`: the server's table (see podRow.ts) laid out
 * by kubectl's table printer, which joins cells with tabs and aligns them with
 * a tabwriter of minwidth 6 and padding 3. The last column is never padded.
 */
import type { Pod } from '../api/v1.js';
import { printPodRow } from './podRow.js';
import { TABLE_TABWRITER, TabWriter } from './tabwriter.js';

/** Output options of `kubectl get pods`. */
export interface PodTableOptions {
  /** `-o wide`. */
  wide?: boolean;
  /** `-A` / `--all-namespaces`: adds a NAMESPACE column first. */
  allNamespaces?: boolean;
  /** `--no-headers`. */
  noHeaders?: boolean;
}

const COLUMNS = ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'];
const WIDE_COLUMNS = ['IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES'];

/** Returns the header cells for the given options. */
export function podTableHeader(options: PodTableOptions = {}): string[] {
  const header = options.wide ? [...COLUMNS, ...WIDE_COLUMNS] : [...COLUMNS];
  return options.allNamespaces ? ['NAMESPACE', ...header] : header;
}

/** Returns the cells of one pod, with the namespace first when listing all namespaces. */
export function podTableCells(pod: Pod, nowMs: number, options: PodTableOptions = {}): string[] {
  const cells = printPodRow(pod, nowMs, { wide: options.wide });
  return options.allNamespaces ? [pod.metadata.namespace ?? '', ...cells] : cells;
}

/** Joins cells into one tab-separated line for the tabwriter. */
export function tabLine(cells: string[]): string {
  return `${cells.join('\t')}\n`;
}

/**
 * Returns the stdout of `kubectl get pods` for `pods`, in the order given.
 * An empty list prints nothing on stdout; kubectl then writes
 * `noResourcesFoundMessage` to stderr.
 */
export function printPodTable(pods: Pod[], nowMs: number, options: PodTableOptions = {}): string {
  if (pods.length === 0) return '';
  const writer = new TabWriter(TABLE_TABWRITER);
  if (!options.noHeaders) writer.write(tabLine(podTableHeader(options)));
  for (const pod of pods) writer.write(tabLine(podTableCells(pod, nowMs, options)));
  writer.flush();
  return writer.takeOutput();
}

/**
 * Returns the line kubectl writes to stderr when a list is empty, newline
 * included: `No resources found in default namespace.`, or
 * `No resources found` for `--all-namespaces`.
 */
export function noResourcesFoundMessage(namespace: string | undefined): string {
  return namespace ? `No resources found in ${namespace} namespace.\n` : 'No resources found\n';
}
