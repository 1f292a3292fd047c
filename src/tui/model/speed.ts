/** The simulation speeds `+` and `-` step through: simulated ms per real ms. */
export const SPEEDS: readonly number[] = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, Number.POSITIVE_INFINITY];

/** Returns the index in SPEEDS nearest to `speed`, rounding toward the slower entry. */
export function speedIndexFor(speed: number): number {
  let index = 0;
  for (let candidate = 0; candidate < SPEEDS.length; candidate++) {
    if (SPEEDS[candidate] <= speed) index = candidate;
  }
  return index;
}

/** Formats a speed as the status line shows it: `x10`, or `max`. */
export function speedLabel(speed: number): string {
  return Number.isFinite(speed) ? `x${speed}` : 'max';
}
