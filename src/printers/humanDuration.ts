/**
 * Go's `duration.HumanDuration` from k8s.io/apimachinery (v1.31), the
 * approximate age format used by the AGE column, `(5m2s ago)` and describe's
 * event ages. It keeps at most two units and drops precision as the duration
 * grows: `119s`, `9m59s`, `179m`, `7h59m`, `47h`, `7d23h`, `729d`, `2y1d`.
 */

const SECOND_MS = 1000;

/** Formats a duration in milliseconds the way kubectl prints ages. */
export function humanDuration(ms: number): string {
  // Go converts the duration to whole seconds by truncating toward zero.
  const seconds = Math.trunc(ms / SECOND_MS);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60 * 2) return `${seconds}s`;

  const minutes = Math.trunc(seconds / 60);
  if (minutes < 10) {
    const remainder = seconds % 60;
    return remainder === 0 ? `${minutes}m` : `${minutes}m${remainder}s`;
  }
  if (minutes < 60 * 3) return `${minutes}m`;

  const hours = Math.trunc(seconds / 3600);
  if (hours < 8) {
    const remainder = minutes % 60;
    return remainder === 0 ? `${hours}h` : `${hours}h${remainder}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const remainder = hours % 24;
    const days = Math.trunc(hours / 24);
    return remainder === 0 ? `${days}d` : `${days}d${remainder}h`;
  }
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const days = Math.trunc(hours / 24) % 365;
    const years = Math.trunc(hours / 24 / 365);
    return days === 0 ? `${years}y` : `${years}y${days}d`;
  }
  return `${Math.trunc(hours / 24 / 365)}y`;
}

/**
 * Formats the time elapsed from an RFC 3339 timestamp to `nowMs`, as kubectl's
 * `translateTimestampSince` does. A missing or unparsable timestamp (Go's zero
 * time) prints `<unknown>`.
 */
export function timestampSince(timestamp: string | null | undefined, nowMs: number): string {
  const ms = parseTimestamp(timestamp);
  if (ms === undefined) return '<unknown>';
  return humanDuration(nowMs - ms);
}

/** Parses an RFC 3339 timestamp to epoch milliseconds, or undefined when it is missing or invalid. */
export function parseTimestamp(timestamp: string | null | undefined): number | undefined {
  if (!timestamp) return undefined;
  const ms = Date.parse(timestamp);
  return Number.isNaN(ms) ? undefined : ms;
}
