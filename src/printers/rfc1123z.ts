/**
 * Go's `time.RFC1123Z` layout (`Mon, 02 Jan 2006 15:04:05 -0700`), which
 * kubectl describe uses for Start Time, Started and Finished. kubectl prints
 * API timestamps in the local zone of the machine it runs on. podsim always
 * prints UTC, which matches kubectl run with TZ=UTC.
 */

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function twoDigits(value: number): string {
  return String(value).padStart(2, '0');
}

/**
 * Formats an RFC 3339 timestamp in UTC as RFC 1123 with a numeric zone. A
 * missing or invalid timestamp formats as Go's zero time, which is what
 * kubectl prints for an unset `metav1.Time`.
 */
export function formatRFC1123Z(timestamp: string | null | undefined): string {
  const ms = timestamp ? Date.parse(timestamp) : Number.NaN;
  if (Number.isNaN(ms)) return 'Mon, 01 Jan 0001 00:00:00 +0000';

  const date = new Date(ms);
  const weekday = WEEKDAYS[date.getUTCDay()];
  const month = MONTHS[date.getUTCMonth()];
  const day = twoDigits(date.getUTCDate());
  const year = String(date.getUTCFullYear()).padStart(4, '0');
  const time = `${twoDigits(date.getUTCHours())}:${twoDigits(date.getUTCMinutes())}:${twoDigits(date.getUTCSeconds())}`;
  return `${weekday}, ${day} ${month} ${year} ${time} +0000`;
}
