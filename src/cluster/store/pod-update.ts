/**
 * The API server's rule for Pod updates (ValidatePodUpdate, v1.31): only
 * container and init container images, activeDeadlineSeconds, additions to
 * tolerations and a negative terminationGracePeriodSeconds set to 1 may change.
 */
import type { PodSpec } from '../../api/v1.js';
import { canonicalJson } from '../controllers/pod-template-hash.js';
import { invalid, type ApiError } from './errors.js';

/** The list the Forbidden message names, joined with commas and no spaces as in v1.31. */
export const UPDATABLE_POD_SPEC_FIELDS = [
  '`spec.containers[*].image`',
  '`spec.initContainers[*].image`',
  '`spec.activeDeadlineSeconds`',
  '`spec.tolerations` (only additions to existing tolerations)',
  '`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
];

export interface ImageChange {
  containerName: string;
  image: string;
  isInitContainer: boolean;
}

/** Blanks the fields an update may change, so the rest can be compared. */
function mungedSpec(spec: PodSpec, previous: PodSpec): PodSpec {
  const copy = structuredClone(spec);
  for (const container of [...copy.containers, ...(copy.initContainers ?? [])]) container.image = '';
  delete copy.activeDeadlineSeconds;
  const previousTolerations = previous.tolerations ?? [];
  // Additions are allowed: compare only the tolerations that existed before.
  if ((copy.tolerations ?? []).length >= previousTolerations.length) copy.tolerations = copy.tolerations?.slice(0, previousTolerations.length);
  if (copy.tolerations?.length === 0) delete copy.tolerations;
  if ((previous.terminationGracePeriodSeconds ?? 0) < 0 && copy.terminationGracePeriodSeconds === 1) copy.terminationGracePeriodSeconds = previous.terminationGracePeriodSeconds;
  return copy;
}

/**
 * Checks an update of a pod's spec. Returns the image changes the kubelet
 * must act on, or throws the API server's Invalid error.
 * NOTE: the real message goes on with a go-cmp diff of the two specs; podsim
 * ends it after the field list.
 */
export function validatePodSpecUpdate(name: string, previous: PodSpec, next: PodSpec): ImageChange[] | ApiError {
  const before = mungedSpec(previous, previous);
  const after = mungedSpec(next, previous);
  if (canonicalJson(before) !== canonicalJson(after)) {
    return invalid('Pod', name, [`spec: Forbidden: pod updates may not change fields other than ${UPDATABLE_POD_SPEC_FIELDS.join(',')}`]);
  }
  const changes: ImageChange[] = [];
  for (const [index, container] of next.containers.entries()) {
    const old = previous.containers[index];
    if (old && old.image !== container.image) changes.push({ containerName: container.name, image: container.image ?? '', isInitContainer: false });
  }
  for (const [index, container] of (next.initContainers ?? []).entries()) {
    const old = previous.initContainers?.[index];
    if (old && old.image !== container.image) changes.push({ containerName: container.name, image: container.image ?? '', isInitContainer: true });
  }
  return changes;
}
