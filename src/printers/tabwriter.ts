/**
 * A port of Go's `text/tabwriter` as kubectl uses it (left-aligned, space
 * padding, no flags except RememberWidths), so text lines up byte for byte.
 *
 * Input is lines of tab-terminated cells. The text after the last tab of a
 * line is a trailing cell that takes no part in alignment. Column k of a
 * block of consecutive lines that all have more than k tab-terminated cells
 * gets width max(minWidth, widest cell + padding), measured in Unicode code
 * points. A line with no tab ends every block, so each run of tabbed lines
 * between untabbed lines is aligned on its own.
 *
 * kubectl's table printers use the liggitt/tabwriter fork with the
 * RememberWidths flag, which keeps each column at least as wide as it was in
 * earlier flushes. That is what keeps `get pods --watch` rows aligned.
 */

/** Settings of one writer, named after the arguments of Go's `tabwriter.NewWriter`. */
export interface TabWriterOptions {
  /** Minimal width of a column, padding included. */
  minWidth: number;
  /** Spaces added to the widest cell of a column. */
  padding: number;
  /** Keep column widths across flushes (the liggitt/tabwriter RememberWidths flag). */
  rememberWidths?: boolean;
}

/** The writer behind `kubectl describe`: minwidth 0, tabwidth 8, padding 2. */
export const DESCRIBE_TABWRITER: TabWriterOptions = { minWidth: 0, padding: 2 };

/** The writer behind kubectl's table printers (`get`, `events`): minwidth 6, tabwidth 4, padding 3, RememberWidths. */
export const TABLE_TABWRITER: TabWriterOptions = { minWidth: 6, padding: 3, rememberWidths: true };

/** One line: its tab-terminated cells followed by the trailing cell. */
type Line = string[];

function cellWidth(cell: string): number {
  let width = 0;
  for (const _codePoint of cell) width++;
  return width;
}

/** A stateful writer: `write` text, then `flush` to format what is buffered and `output` to read the result. */
export class TabWriter {
  private readonly options: TabWriterOptions;
  private lines: Line[] = [];
  /** Text after the last newline, not yet a complete line. */
  private partial = '';
  private widths: number[] = [];
  private maxWidths: number[] = [];
  private formatted = '';

  constructor(options: TabWriterOptions) {
    this.options = options;
  }

  /** Buffers text. A completed line without a tab flushes the buffer, as in Go. */
  write(text: string): void {
    const pieces = (this.partial + text).split('\n');
    this.partial = pieces.pop() ?? '';
    for (const piece of pieces) {
      const cells = piece.split('\t');
      this.lines.push(cells);
      if (cells.length === 1) this.flushLines(true);
    }
  }

  /** Formats everything buffered, including an unterminated last line. */
  flush(): void {
    if (this.partial !== '') {
      this.lines.push(this.partial.split('\t'));
      this.partial = '';
      this.flushLines(false);
      return;
    }
    this.flushLines(true);
  }

  /** Returns everything formatted so far and clears it. */
  takeOutput(): string {
    const text = this.formatted;
    this.formatted = '';
    return text;
  }

  /** Formats the buffered lines; `newlineAfterLast` is false only for a final line with no newline. */
  private flushLines(newlineAfterLast: boolean): void {
    const count = this.lines.length;
    this.formatColumns(0, count, newlineAfterLast);
    this.lines = [];
    this.widths = [];
  }

  private writeLines(line0: number, line1: number, newlineAfterLast: boolean): void {
    for (let index = line0; index < line1; index++) {
      const line = this.lines[index];
      let text = '';
      for (let column = 0; column < line.length; column++) {
        const cell = line[column];
        text += cell;
        if (column < this.widths.length && column < line.length - 1) {
          text += ' '.repeat(Math.max(0, this.widths[column] - cellWidth(cell)));
        }
      }
      const isLast = index + 1 === this.lines.length;
      this.formatted += isLast && !newlineAfterLast ? text : `${text}\n`;
    }
  }

  /** Go's recursive `format`: finds each block that has a cell in the current column, sizes it, then recurses. */
  private formatColumns(line0: number, line1: number, newlineAfterLast: boolean): void {
    const column = this.widths.length;
    let start = line0;
    for (let current = line0; current < line1; current++) {
      if (column >= this.lines[current].length - 1) continue;

      this.writeLines(start, current, newlineAfterLast);
      start = current;

      let width = this.options.minWidth;
      for (; current < line1; current++) {
        const line = this.lines[current];
        if (column >= line.length - 1) break;
        width = Math.max(width, cellWidth(line[column]) + this.options.padding);
      }

      if (this.options.rememberWidths) width = this.rememberWidth(column, width);

      this.widths.push(width);
      this.formatColumns(start, current, newlineAfterLast);
      this.widths.pop();
      // The loop increment then skips the line that ended the block, as Go does.
      // That line has no cell in this column, so skipping it loses nothing.
      start = current;
    }
    this.writeLines(start, line1, newlineAfterLast);
  }

  private rememberWidth(column: number, width: number): number {
    if (this.maxWidths.length < this.widths.length) {
      this.maxWidths.push(...this.widths.slice(this.maxWidths.length));
    }
    if (this.maxWidths.length === column) {
      this.maxWidths.push(width);
      return width;
    }
    if (this.maxWidths[column] > width) return this.maxWidths[column];
    this.maxWidths[column] = width;
    return width;
  }
}

/** Formats a complete text in one flush with the given settings. */
export function alignTabs(text: string, options: TabWriterOptions): string {
  const writer = new TabWriter(options);
  writer.write(text);
  writer.flush();
  return writer.takeOutput();
}

/**
 * Returns the column widths, padding included, that one flush gives to rows
 * that all have `cellCount` cells, as when a table is written in one piece.
 * The last cell of a row is trailing text without a width, so the result has
 * `cellCount - 1` entries.
 */
export function uniformColumnWidths(rows: Iterable<readonly string[]>, cellCount: number, options: TabWriterOptions): number[] {
  const widths = new Array<number>(Math.max(0, cellCount - 1)).fill(options.minWidth);
  for (const row of rows) {
    for (let column = 0; column < widths.length; column++) {
      widths[column] = Math.max(widths[column], cellWidth(row[column] ?? '') + options.padding);
    }
  }
  return widths;
}

/** Formats one row as the writer prints it with the given column widths: each cell but the last padded with spaces. */
export function alignedLine(cells: readonly string[], widths: readonly number[]): string {
  let text = '';
  for (let column = 0; column < cells.length; column++) {
    const cell = cells[column];
    text += column < cells.length - 1 && column < widths.length ? cell + ' '.repeat(Math.max(0, widths[column] - cellWidth(cell))) : cell;
  }
  return text;
}
