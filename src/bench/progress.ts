/** A one-line progress bar on standard error, drawn only when standard error is a terminal. */

const BAR_WIDTH = 30;
/** Minimum time between two redraws, in ms. */
const REDRAW_INTERVAL_MS = 100;

export interface Progress {
  /** Show `label` at `fraction` (0 to 1) done. */
  update(label: string, fraction: number): void;
  /** Erase the bar. */
  done(): void;
}

const silent: Progress = { update() {}, done() {} };

/** Create a progress bar on `stream`, or one that draws nothing when `stream` is null or not a terminal. */
export function createProgress(stream: NodeJS.WriteStream | null): Progress {
  if (stream === null || !stream.isTTY) return silent;
  let lastDraw = 0;
  let drawn = false;
  return {
    update(label, fraction) {
      const now = Date.now();
      if (now - lastDraw < REDRAW_INTERVAL_MS && fraction < 1) return;
      lastDraw = now;
      const clamped = Math.min(1, Math.max(0, fraction));
      const filled = Math.round(clamped * BAR_WIDTH);
      const bar = '#'.repeat(filled) + '-'.repeat(BAR_WIDTH - filled);
      const line = `[${bar}] ${(clamped * 100).toFixed(0).padStart(3)}% ${label}`;
      stream.write(`\r${line.slice(0, Math.max(10, (stream.columns || 80) - 1))}\x1b[K`);
      drawn = true;
    },
    done() {
      if (drawn) stream.write('\r\x1b[K');
      drawn = false;
    },
  };
}
