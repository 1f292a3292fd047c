/**
 * The arithmetic of proportional scaling: how a change of a Deployment's
 * spec.replicas is split across its active ReplicaSets during a rollout or
 * while it is paused. It follows GetProportion and getReplicaSetFraction in
 * pkg/controller/deployment/util/deployment_util.go and the size loop of
 * scale() in pkg/controller/deployment/sync.go (kube-controller-manager v1.31).
 */

/** The Deployment after the scaling event. */
export interface ScaleTarget {
  /** spec.replicas. */
  replicas: number;
  /** maxSurge resolved against spec.replicas (0 for Recreate). */
  maxSurge: number;
  /** status.replicas, used for a ReplicaSet without a usable max-replicas annotation. */
  statusReplicas: number;
}

/** The inputs of the split for one active ReplicaSet. */
export interface ReplicaSetSize {
  /** spec.replicas. */
  replicas: number;
  /** The parsed `deployment.kubernetes.io/max-replicas` annotation, undefined when missing or invalid. */
  maxReplicasBeforeScale: number | undefined;
}

/** Parses an integer annotation the way strconv.Atoi does, returning undefined for a missing or invalid value. */
export function parseIntAnnotation(value: string | undefined): number | undefined {
  if (value === undefined || !/^[+-]?\d+$/.test(value)) return undefined;
  return Number(value);
}

/**
 * Returns how many replicas the ReplicaSet should gain (positive) or lose
 * (negative) so that it keeps its share of the Deployment's maximum size
 * (getReplicaSetFraction). The share is its size over the max-replicas
 * annotation, which records replicas + maxSurge before the scaling event.
 */
export function replicaSetFraction(rs: ReplicaSetSize, target: ScaleTarget): number {
  if (target.replicas === 0) return -rs.replicas;

  const maxReplicas = target.replicas + target.maxSurge;
  let maxReplicasBeforeScale = rs.maxReplicasBeforeScale;
  // Without the annotation the current deployment size is the best estimate.
  // A value of 0 counts as missing too, so the division below never divides by zero.
  if (maxReplicasBeforeScale === undefined || maxReplicasBeforeScale === 0) {
    maxReplicasBeforeScale = target.statusReplicas;
    if (maxReplicasBeforeScale === 0) return 0;
  }

  // Go's math.Round rounds halves away from zero, and Math.round agrees for the positive sizes here.
  return Math.round((rs.replicas * maxReplicas) / maxReplicasBeforeScale) - rs.replicas;
}

/**
 * Returns the change for one ReplicaSet (GetProportion): its fraction, capped
 * so that the changes made so far (`added`) never go past `toAdd`.
 */
export function proportion(rs: ReplicaSetSize, target: ScaleTarget, toAdd: number, added: number): number {
  if (rs.replicas === 0 || toAdd === 0 || toAdd === added) return 0;

  const fraction = replicaSetFraction(rs, target);
  const allowed = toAdd - added;
  return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
}

/**
 * Computes the new size of each ReplicaSet when `toAdd` replicas are added
 * (or removed, when negative) across them. `sets` must be in the order scale()
 * sorts them: largest first, ties newest first when scaling up and oldest
 * first when scaling down. The first (largest) ReplicaSet takes the leftover
 * that rounding leaves, but never goes below 0. Returns the sizes in the order of `sets`.
 */
export function proportionalSizes(sets: ReplicaSetSize[], target: ScaleTarget, toAdd: number): number[] {
  const sizes: number[] = [];
  let added = 0;
  for (const rs of sets) {
    const change = proportion(rs, target, toAdd, added);
    sizes.push(rs.replicas + change);
    added += change;
  }

  if (sizes.length > 0 && toAdd !== 0) sizes[0] = Math.max(0, sizes[0] + toAdd - added);
  return sizes;
}
