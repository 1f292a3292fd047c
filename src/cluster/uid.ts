import { createHash } from 'node:crypto';

/**
 * Builds a version-4-shaped UUID from the seed and the object's identity, so
 * the same scenario and seed give the same UIDs (and the same event log).
 */
export function deterministicUid(seed: number, namespace: string, name: string, serial: number): string {
  const hex = createHash('sha256').update(`${seed}/${namespace}/${name}/${serial}`).digest('hex');
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
