/**
 * Time formatting shared by the status and event code. Simulated time is in
 * milliseconds from the engine epoch; the API shows wall-clock RFC 3339 times.
 */

/** Default wall-clock time of simulated time 0: 2026-01-01T00:00:00Z, in Unix ms. */
export const DEFAULT_EPOCH_MS = Date.UTC(2026, 0, 1);

/**
 * Formats a simulated time as RFC 3339 in UTC with whole seconds, as the API
 * server serialises metav1.Time (fractions are cut, not rounded).
 */
export function formatRfc3339(simMs: number, epochMs: number = DEFAULT_EPOCH_MS): string {
  const wholeSecondsMs = Math.floor((epochMs + simMs) / 1000) * 1000;
  // Consecutive calls usually stamp the same second (a status write and the events around it), so the last result is reused.
  if (wholeSecondsMs === lastFormatted.ms) return lastFormatted.text;
  const text = new Date(wholeSecondsMs).toISOString().replace('.000Z', 'Z');
  lastFormatted.ms = wholeSecondsMs;
  lastFormatted.text = text;
  return text;
}

const lastFormatted = { ms: Number.NaN, text: '' };

/** Unit table for Go's time.Duration.String, in nanoseconds. */
const NS_PER_US = 1_000n;
const NS_PER_MS = 1_000_000n;
const NS_PER_S = 1_000_000_000n;

/** Formats `value / unit` with Go's rules: the fraction keeps significant digits only. */
function formatFraction(value: bigint, unit: bigint): string {
  const whole = value / unit;
  const rest = value % unit;
  if (rest === 0n) {
    return whole.toString();
  }
  const digits = unit.toString().length - 1;
  const fraction = rest.toString().padStart(digits, '0').replace(/0+$/, '');
  return `${whole}.${fraction}`;
}

/**
 * Formats a duration given in nanoseconds as Go's time.Duration.String does:
 * `0s`, `500ms`, `1.5s`, `1m20s`, `5m0s`, `1h0m0s`.
 */
export function formatGoDurationNs(nanoseconds: bigint): string {
  if (nanoseconds === 0n) {
    return '0s';
  }
  const sign = nanoseconds < 0n ? '-' : '';
  const ns = nanoseconds < 0n ? -nanoseconds : nanoseconds;

  if (ns < NS_PER_S) {
    if (ns < NS_PER_US) {
      return `${sign}${ns}ns`;
    }
    if (ns < NS_PER_MS) {
      return `${sign}${formatFraction(ns, NS_PER_US)}µs`;
    }
    return `${sign}${formatFraction(ns, NS_PER_MS)}ms`;
  }

  const hours = ns / (3600n * NS_PER_S);
  const minutes = (ns / (60n * NS_PER_S)) % 60n;
  const seconds = formatFraction(ns % (60n * NS_PER_S), NS_PER_S);
  if (hours > 0n) {
    return `${sign}${hours}h${minutes}m${seconds}s`;
  }
  if (minutes > 0n) {
    return `${sign}${minutes}m${seconds}s`;
  }
  return `${sign}${seconds}s`;
}

/** Formats a duration given in milliseconds as Go's time.Duration.String does. */
export function formatGoDurationMs(milliseconds: number): string {
  return formatGoDurationNs(BigInt(Math.round(milliseconds)) * NS_PER_MS);
}
