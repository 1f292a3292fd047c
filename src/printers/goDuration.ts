/**
 * Go's `time.Duration.String()` for the durations kubelet messages contain,
 * such as `back-off 5m0s restarting failed container`: `0s`, `500ms`, `10s`,
 * `1m20s`, `5m0s`, `1h0m0s`. Sub-second values use the largest unit that keeps
 * the integer part non-zero, as Go does (`1.5s`, `250ms`).
 */

const MS_PER_SECOND = 1000;
const MS_PER_MINUTE = 60 * MS_PER_SECOND;
const MS_PER_HOUR = 60 * MS_PER_MINUTE;

/** Formats whole and fractional seconds without trailing zeros, as Go's fmtFrac does. */
function formatSeconds(ms: number): string {
  const whole = Math.trunc(ms / MS_PER_SECOND);
  const fraction = ms % MS_PER_SECOND;
  if (fraction === 0) return `${whole}`;
  const digits = String(fraction).padStart(3, '0').replace(/0+$/, '');
  return `${whole}.${digits}`;
}

/** Formats a duration in milliseconds as Go's `time.Duration.String()` does, at millisecond precision. */
export function goDuration(ms: number): string {
  const rounded = Math.round(ms);
  if (rounded === 0) return '0s';
  if (rounded < 0) return `-${goDuration(-rounded)}`;
  if (rounded < MS_PER_SECOND) return `${rounded}ms`;

  const hours = Math.trunc(rounded / MS_PER_HOUR);
  const minutes = Math.trunc((rounded % MS_PER_HOUR) / MS_PER_MINUTE);
  const seconds = formatSeconds(rounded % MS_PER_MINUTE);
  if (hours > 0) return `${hours}h${minutes}m${seconds}s`;
  if (minutes > 0) return `${minutes}m${seconds}s`;
  return `${seconds}s`;
}
