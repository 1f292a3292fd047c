/**
 * Just enough of Kubernetes resource quantities (`500m`, `128Mi`, `1e3`) to
 * compare and sum them for the QoS class and to evaluate resourceFieldRef
 * environment variables. Values become floating-point base units, which is
 * exact for the sizes pods use in practice.
 */
import type { IntOrString } from '../api/v1.js';

const BINARY_SUFFIXES: Record<string, number> = {
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

const DECIMAL_SUFFIXES: Record<string, number> = {
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
};

/** Parses a quantity into base units (cores, bytes); returns undefined for text that is not a quantity. */
export function parseQuantity(quantity: IntOrString | undefined): number | undefined {
  if (quantity === undefined) return undefined;
  if (typeof quantity === 'number') return quantity;

  const match = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE])?)$/.exec(quantity.trim());
  if (!match) return undefined;
  const [, number, exponent, suffix] = match;
  const value = Number(number);
  if (exponent) return value * 10 ** Number(exponent.slice(1));
  if (suffix && suffix in BINARY_SUFFIXES) return value * BINARY_SUFFIXES[suffix];
  return value * DECIMAL_SUFFIXES[suffix ?? ''];
}

/** Returns a quantity as kubectl prints it. */
export function formatQuantity(quantity: IntOrString): string {
  // NOTE: kubectl prints the canonical form (0.5 becomes 500m, 1024Mi becomes 1Gi).
  // The API server stores quantities in that form, so a value read back from a
  // cluster prints unchanged, but a hand-written manifest value is printed as written.
  return String(quantity);
}
