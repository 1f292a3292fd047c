/**
 * kubectl's describe `PrefixWriter` on top of the describe tabwriter
 * (minwidth 0, tabwidth 8, padding 2). Each write indents the start of its
 * text by two spaces per level. Callers that write several lines at once
 * indent the later lines themselves, as kubectl does.
 */
import { DESCRIBE_TABWRITER, TabWriter } from './tabwriter.js';

/** Indent levels of kubectl describe, two spaces each. */
export const LEVEL_0 = 0;
export const LEVEL_1 = 1;
export const LEVEL_2 = 2;
export const LEVEL_3 = 3;

/** Buffers describe output; call `text()` once at the end. */
export class DescribeWriter {
  private readonly writer = new TabWriter(DESCRIBE_TABWRITER);

  /** Writes `text` indented by `level` levels. */
  write(level: number, text: string): void {
    this.writer.write('  '.repeat(level) + text);
  }

  /** Formats everything written so far, so later lines are aligned separately (kubectl does this before the Events table). */
  flush(): void {
    this.writer.flush();
  }

  /** Flushes and returns the whole output. */
  text(): string {
    this.writer.flush();
    return this.writer.takeOutput();
  }
}
