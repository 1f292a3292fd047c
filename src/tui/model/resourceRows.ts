/**
 * Rows of the resource table (`:deploy`, `:nodes`...): the `kubectl get`
 * columns of src/printers/resources, with NAMESPACE first when every
 * namespace is listed, as `kubectl get -A` prints them.
 */
import type { KubeObject, Pod } from '../../api/v1.js';
import { resourceTable } from '../../printers/resources/index.js';
import type { PodTableRow } from '../components/PodTable.js';
import { kindIsNamespaced, kindView } from './kindViews.js';
import type { PodFilter } from './podFilter.js';
import { objectKeyOf, type ResourceIndex } from './resourceIndex.js';
import { scopeTitle, type ObjectScope } from './scopes.js';

/** One listed object: its key, and its cells printed at a given time. */
export interface ResourceRow {
  key: string;
  object: KubeObject;
  /** Prints the row at `nowMs` (Unix ms), so AGE stays current. */
  print(nowMs: number, wide: boolean): PodTableRow;
}

/** The header of a kind's table. */
export function resourceTableHeader(kind: string, namespace: string | undefined, wide: boolean): string[] {
  const table = resourceTable(kind);
  if (!table) return ['NAME'];
  const columns = wide ? [...table.columns, ...table.wideColumns] : [...table.columns];
  return withNamespace(kind, namespace) ? ['NAMESPACE', ...columns] : columns;
}

/**
 * Returns the title line: `deployments(default)`, `deployments(all)` or, for
 * cluster-scoped kinds, `nodes`. A scoped list is `replicasets of deployment/web`.
 */
export function resourceTitle(kind: string, namespace: string | undefined, scope?: ObjectScope): string {
  const plural = kindView(kind)?.plural ?? kind.toLowerCase();
  if (scope) return `${plural} of ${scopeTitle(scope)}`;
  return kindIsNamespaced(kind) ? `${plural}(${namespace ?? 'all'})` : plural;
}

/**
 * Returns the rows of a kind in `namespace` (every namespace when undefined)
 * that pass `filter`, and `scope` when given, sorted by namespace then name.
 * The filter reads the cells printed at `nowMs` and the object's labels.
 */
export function resourceRows(resources: ResourceIndex, kind: string, namespace: string | undefined, filter: PodFilter, nowMs: number, scope?: (object: KubeObject) => boolean): ResourceRow[] {
  const table = resourceTable(kind);
  const objects = resources.list(kind, kindIsNamespaced(kind) ? namespace : undefined);
  const rows: ResourceRow[] = [];
  const showNamespace = withNamespace(kind, namespace);
  for (const object of objects) {
    if (scope && !scope(object)) continue;
    const cellsAt = (time: number, wide: boolean): string[] => {
      const cells = table ? table.cells(object, time, wide) : [object.metadata.name ?? ''];
      return showNamespace ? [object.metadata.namespace ?? '', ...cells] : cells;
    };
    if (filter.text !== '') {
      const rowText = `${object.metadata.namespace ?? ''} ${cellsAt(nowMs, true).join(' ')}`;
      // The label selector form reads only metadata.labels, which every kind has.
      if (!filter.matches(object as Pod, rowText)) continue;
    }
    const key = objectKeyOf(object);
    rows.push({
      key,
      object,
      print: (time, wide) => {
        const cells = cellsAt(time, wide);
        return { key, cells, changed: cells.map(() => false) };
      },
    });
  }
  return rows;
}

function withNamespace(kind: string, namespace: string | undefined): boolean {
  return namespace === undefined && kindIsNamespaced(kind);
}
