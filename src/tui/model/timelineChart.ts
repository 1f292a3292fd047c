/**
 * Draws a container history as a row of block characters, one column per
 * slice of simulated time, with a second row marking restarts and probe
 * failures.
 */
import type { ContainerHistory, SpanKind } from './timeline.js';

/** The block character and color of each span kind. */
export const SPAN_STYLES: Readonly<Record<SpanKind, { char: string; color: string; label: string }>> = {
  running: { char: '█', color: 'green', label: 'running' },
  waiting: { char: '░', color: 'yellow', label: 'waiting' },
  backoff: { char: '▒', color: 'red', label: 'back-off' },
  terminating: { char: '▓', color: 'magenta', label: 'terminating' },
  terminated: { char: '▁', color: 'gray', label: 'terminated' },
  gone: { char: ' ', color: 'gray', label: 'removed' },
};

/** Marks drawn under the bar. A probe failure and a restart in the same column show the restart. */
export const RESTART_MARK = '↻';
export const PROBE_FAILURE_MARK = '×';

/** A run of columns of one kind, so the view can color it with one Text. */
export interface ChartRun {
  kind: SpanKind | 'none';
  text: string;
}

/** One container's drawn rows. */
export interface ContainerChart {
  name: string;
  bar: ChartRun[];
  marks: string;
  restarts: number;
  probeFailures: number;
}

function columnOf(timeMs: number, fromMs: number, toMs: number, width: number): number {
  if (toMs <= fromMs) return width - 1;
  return Math.min(width - 1, Math.max(0, Math.floor(((timeMs - fromMs) / (toMs - fromMs)) * width)));
}

/**
 * Draws `container` between simulated times `fromMs` and `toMs` in `width`
 * columns. Each column shows the kind in effect at the column's end, so a
 * short back-off still shows up at the slice where it ended.
 */
export function chartContainer(container: ContainerHistory, fromMs: number, toMs: number, width: number): ContainerChart {
  const kinds: (SpanKind | 'none')[] = [];
  let spanIndex = -1;
  for (let column = 0; column < width; column++) {
    const columnEnd = fromMs + ((column + 1) / width) * (toMs - fromMs);
    while (spanIndex + 1 < container.spans.length && container.spans[spanIndex + 1].startMs <= columnEnd) spanIndex++;
    kinds.push(spanIndex < 0 ? 'none' : container.spans[spanIndex].kind);
  }

  const bar: ChartRun[] = [];
  for (const kind of kinds) {
    const char = kind === 'none' ? ' ' : SPAN_STYLES[kind].char;
    const last = bar[bar.length - 1];
    if (last && last.kind === kind) last.text += char;
    else bar.push({ kind, text: char });
  }

  const marks = new Array<string>(width).fill(' ');
  const visible = (timeMs: number) => timeMs >= fromMs && timeMs <= toMs;
  for (const time of container.probeFailures.filter(visible)) marks[columnOf(time, fromMs, toMs, width)] = PROBE_FAILURE_MARK;
  for (const time of container.restarts.filter(visible)) marks[columnOf(time, fromMs, toMs, width)] = RESTART_MARK;

  return {
    name: container.name,
    bar,
    marks: marks.join(''),
    restarts: container.restarts.length,
    probeFailures: container.probeFailures.length,
  };
}
