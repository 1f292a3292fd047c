/** Duration parsing for the behavior annotation and for `sleep` arguments. */

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * Parses a Go-style duration (`1m30s`, `500ms`, `2h`) or a bare number of
 * seconds (`30`, `1.5`) into milliseconds. Returns undefined for anything else.
 */
export function parseDuration(text: string | number): number | undefined {
  if (typeof text === 'number') return Number.isFinite(text) && text >= 0 ? Math.round(text * 1000) : undefined;
  const trimmed = text.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const pattern = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/y;
  let total = 0;
  let index = 0;
  while (index < trimmed.length) {
    pattern.lastIndex = index;
    const match = pattern.exec(trimmed);
    if (match === null) return undefined;
    total += Number(match[1]) * UNIT_MS[match[2]!]!;
    index = pattern.lastIndex;
  }
  return trimmed.length === 0 ? undefined : Math.round(total);
}

/**
 * Parses the arguments of coreutils/busybox `sleep`: numbers with an optional
 * s, m, h or d suffix, summed; `infinity` means forever (returned as Infinity).
 */
export function parseSleepArguments(args: readonly string[]): number | undefined {
  if (args.length === 0) return undefined;
  let total = 0;
  for (const arg of args) {
    if (arg === 'infinity' || arg === 'inf') return Infinity;
    const match = /^(\d+(?:\.\d+)?)([smhd]?)$/.exec(arg);
    if (match === null) return undefined;
    total += Number(match[1]) * UNIT_MS[match[2] || 's']!;
  }
  return Math.round(total);
}
