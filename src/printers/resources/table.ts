/**
 * The layout shared by every `kubectl get KIND` table: the server-side
 * columns of one kind (k8s.io/kubernetes pkg/printers/internalversion,
 * v1.31), laid out by kubectl's table printer. That printer adds NAMESPACE
 * first with `-A` for namespaced kinds, prefixes names with `kind.group/`
 * when several kinds are printed, and aligns cells with the table tabwriter.
 */
import type { KubeObject } from '../../api/v1.js';
import { qualifiedSingular } from '../../cluster/store/resources.js';
import { TABLE_TABWRITER, TabWriter } from '../tabwriter.js';

/** One kind's table: header cells (upper case, as kubectl prints them) and a row builder. */
export interface ResourceTable<T extends KubeObject = KubeObject> {
  kind: string;
  columns: string[];
  /** Columns of priority 1, shown only with `-o wide`. */
  wideColumns: string[];
  /** Returns the cells of one object, the wide ones included when `wide` is set. */
  cells(object: T, nowMs: number, wide: boolean): string[];
}

/** Output options of a resource table. */
export interface ResourceTableOptions {
  /** `-o wide`. */
  wide?: boolean;
  /** `-A`: adds a NAMESPACE column, for namespaced kinds only. */
  allNamespaces?: boolean;
  /** Whether the kind lives in a namespace; cluster-scoped kinds never get a NAMESPACE column. */
  namespaced?: boolean;
  /** `--no-headers`. */
  noHeaders?: boolean;
  /** Prefix each name with `kind.group/`, as kubectl does when a request names several kinds (`get all`). */
  withKind?: boolean;
}

/**
 * Returns the stdout of `kubectl get` for objects of one kind, in the order
 * given, or an empty string for no objects (kubectl then writes
 * `No resources found ...` to stderr).
 */
export function printResourceTable<T extends KubeObject>(table: ResourceTable<T>, objects: readonly T[], nowMs: number, options: ResourceTableOptions = {}): string {
  if (objects.length === 0) return '';
  const withNamespace = options.allNamespaces === true && options.namespaced !== false;
  const writer = new TabWriter(TABLE_TABWRITER);
  if (!options.noHeaders) {
    const header = options.wide ? [...table.columns, ...table.wideColumns] : [...table.columns];
    writer.write(tabLine(withNamespace ? ['NAMESPACE', ...header] : header));
  }
  for (const object of objects) {
    const cells = table.cells(object, nowMs, options.wide === true);
    if (options.withKind) cells[0] = `${qualifiedSingular(table.kind)}/${cells[0]}`;
    writer.write(tabLine(withNamespace ? [object.metadata.namespace ?? '', ...cells] : cells));
  }
  writer.flush();
  return writer.takeOutput();
}

function tabLine(cells: string[]): string {
  return `${cells.join('\t')}\n`;
}
