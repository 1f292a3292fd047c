/**
 * Time series for the fleet dashboard, sampled as the simulated clock moves:
 * pods per phase and events per simulated second. Both are bounded.
 */
import type { PhaseCounts } from './fleetCounters.js';

/** Phases the dashboard charts, in legend order. */
export const CHARTED_PHASES = ['Pending', 'Running', 'Succeeded', 'Failed'] as const;

/** Pod counts per phase at one simulated time. */
export interface PhaseSample {
  /** Simulated ms. */
  timeMs: number;
  counts: Record<(typeof CHARTED_PHASES)[number], number>;
}

/** Maximum samples kept for the phase chart. */
export const MAX_PHASE_SAMPLES = 120;
/** Simulated seconds kept for the events-per-second sparkline. */
export const EVENT_RATE_SECONDS = 60;

export class FleetHistory {
  readonly phases: PhaseSample[] = [];
  /** Occurrences per simulated second, keyed by the second. */
  private readonly eventBuckets = new Map<number, number>();
  private lastSampleMs = Number.NEGATIVE_INFINITY;

  /**
   * Takes a phase sample at simulated time `timeMs`, at most one per
   * `minIntervalMs` of simulated time. `counts` is called only when a sample is due.
   */
  samplePhases(counts: () => PhaseCounts, timeMs: number, minIntervalMs = 1000): void {
    if (timeMs - this.lastSampleMs < minIntervalMs && this.phases.length > 0) return;
    this.phases.push({ timeMs, counts: counts() });
    if (this.phases.length > MAX_PHASE_SAMPLES) this.phases.shift();
    this.lastSampleMs = timeMs;
  }

  /** Counts event occurrences at the given simulated ms. */
  countEvents(timesMs: readonly number[]): void {
    for (const time of timesMs) {
      const second = Math.floor(time / 1000);
      this.eventBuckets.set(second, (this.eventBuckets.get(second) ?? 0) + 1);
    }
  }

  /** Returns events per simulated second for the EVENT_RATE_SECONDS seconds ending at `nowMs`, oldest first. */
  eventRates(nowMs: number): number[] {
    const last = Math.floor(nowMs / 1000);
    for (const second of this.eventBuckets.keys()) {
      if (second <= last - EVENT_RATE_SECONDS) this.eventBuckets.delete(second);
    }
    const rates: number[] = [];
    for (let second = last - EVENT_RATE_SECONDS + 1; second <= last; second++) rates.push(this.eventBuckets.get(second) ?? 0);
    return rates;
  }
}
