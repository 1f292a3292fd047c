/**
 * Exact parsing of Kubernetes resource quantities (`500m`, `1.5Gi`, `1e3`),
 * enough to add and compare them as resource.Quantity does.
 */

/** Quantities are held as integers in units of 10^-9, so `1n` is 1 and `1` is 10^9. */
const NANO_SCALE = 9;

const DECIMAL_SUFFIX_EXPONENTS: Record<string, number> = {
  n: -9,
  u: -6,
  m: -3,
  '': 0,
  k: 3,
  M: 6,
  G: 9,
  T: 12,
  P: 15,
  E: 18,
};

const BINARY_SUFFIX_POWERS: Record<string, bigint> = {
  Ki: 1n << 10n,
  Mi: 1n << 20n,
  Gi: 1n << 30n,
  Ti: 1n << 40n,
  Pi: 1n << 50n,
  Ei: 1n << 60n,
};

const QUANTITY_PATTERN = /^([+-]?)(\d*)(?:\.(\d*))?(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?\d+)?$/;

/**
 * Parses a quantity into nano-units. Values below 1n are rounded up, as
 * resource.Quantity rounds up to its smallest scale.
 * @throws Error when the text is not a valid quantity.
 */
export function parseQuantityNano(value: string | number): bigint {
  const text = String(value).trim();
  const match = QUANTITY_PATTERN.exec(text);
  if (!match || (match[2] === '' && (match[3] ?? '') === '')) {
    throw new Error(`invalid resource quantity "${text}": expected a number with an optional suffix such as m, Mi or G`);
  }
  const [, sign, whole, fraction = '', suffix = ''] = match;
  const digits = BigInt(`${whole}${fraction}` || '0');
  let exponent = NANO_SCALE - fraction.length;
  let multiplier = 1n;

  if (suffix in BINARY_SUFFIX_POWERS) {
    multiplier = BINARY_SUFFIX_POWERS[suffix]!;
  } else if (suffix.startsWith('e') || suffix.startsWith('E')) {
    exponent += Number(suffix.slice(1));
  } else {
    exponent += DECIMAL_SUFFIX_EXPONENTS[suffix]!;
  }

  let nano: bigint;
  if (exponent >= 0) {
    nano = digits * multiplier * 10n ** BigInt(exponent);
  } else {
    const divisor = 10n ** BigInt(-exponent);
    const scaled = digits * multiplier;
    nano = scaled / divisor + (scaled % divisor === 0n ? 0n : 1n);
  }
  return sign === '-' ? -nano : nano;
}
