/**
 * `kubectl get pods --watch` output: the table once, then one row per change.
 * kubectl keeps one table tabwriter for the whole watch and flushes it after
 * each object. The writer remembers column widths, so a later row lines up
 * with the header. A wider cell widens its column for the rest of the watch.
 */
import type { Pod } from '../api/v1.js';
import { podTableCells, podTableHeader, tabLine, type PodTableOptions } from './podTable.js';
import { TABLE_TABWRITER, TabWriter } from './tabwriter.js';

/** Prints a pod watch incrementally; each method returns the text to append to stdout. */
export class PodWatchPrinter {
  private readonly writer = new TabWriter(TABLE_TABWRITER);
  private readonly options: PodTableOptions;
  private headerPrinted: boolean;

  constructor(options: PodTableOptions = {}) {
    this.options = options;
    this.headerPrinted = Boolean(options.noHeaders);
  }

  /** Prints the initial list: the header (once) and a row per pod, in one flush. */
  printInitial(pods: Pod[], nowMs: number): string {
    for (const pod of pods) this.writeRow(pod, nowMs);
    this.writer.flush();
    return this.writer.takeOutput();
  }

  /** Prints the row of a pod that was added, changed or deleted. */
  printChange(pod: Pod, nowMs: number): string {
    this.writeRow(pod, nowMs);
    this.writer.flush();
    return this.writer.takeOutput();
  }

  private writeRow(pod: Pod, nowMs: number): void {
    if (!this.headerPrinted) {
      this.writer.write(tabLine(podTableHeader(this.options)));
      this.headerPrinted = true;
    }
    this.writer.write(tabLine(podTableCells(pod, nowMs, this.options)));
  }
}
