/**
 * Deterministic stand-ins for the IDs a container runtime would assign, so the
 * same scenario always prints the same container IDs, image IDs and sizes.
 */
import { createHash } from 'node:crypto';

function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Builds `containerd://<64 hex>` from the pod UID, container name and the instance's restart count. */
export function containerIdFor(podUid: string, containerName: string, restartCount: number): string {
  return `containerd://${sha256Hex(`container/${podUid}/${containerName}/${restartCount}`)}`;
}

/** A parsed image reference: repository with its registry, and a tag or digest. */
interface ImageReference {
  repository: string;
  tag?: string;
  digest?: string;
}

/**
 * Parses an image reference with Docker's normalisation rules, as containerd
 * applies them: a first path component without `.`, `:` or `localhost` is not
 * a registry, so `docker.io` is added, and one-component names get `library/`.
 */
function parseImageReference(image: string): ImageReference {
  let rest = image;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }

  let tag: string | undefined;
  const lastSlash = rest.lastIndexOf('/');
  const lastColon = rest.lastIndexOf(':');
  if (lastColon > lastSlash) {
    tag = rest.slice(lastColon + 1);
    rest = rest.slice(0, lastColon);
  }

  const slash = rest.indexOf('/');
  const first = slash >= 0 ? rest.slice(0, slash) : '';
  const hasRegistry = slash >= 0 && (first.includes('.') || first.includes(':') || first === 'localhost');
  let repository = rest;
  if (!hasRegistry) {
    repository = slash >= 0 ? `docker.io/${rest}` : `docker.io/library/${rest}`;
  }
  return { repository, tag, digest };
}

/**
 * Normalises an image name for status.containerStatuses[].image:
 * `busybox` → `docker.io/library/busybox:latest`. A reference with a digest
 * keeps the digest and gets no default tag.
 */
export function normalizeImageName(image: string): string {
  if (image === '') {
    return '';
  }
  const ref = parseImageReference(image);
  if (ref.digest) {
    return ref.tag ? `${ref.repository}:${ref.tag}@${ref.digest}` : `${ref.repository}@${ref.digest}`;
  }
  return `${ref.repository}:${ref.tag ?? 'latest'}`;
}

/**
 * Builds the imageID (`<repository>@sha256:<hex>`) the runtime reports: the
 * digest in the reference when there is one, else a hash of the normalised name.
 */
export function imageIdFor(image: string): string {
  if (image === '') {
    return '';
  }
  const ref = parseImageReference(image);
  const digest = ref.digest ?? `sha256:${sha256Hex(`image/${normalizeImageName(image)}`)}`;
  return `${ref.repository}@${digest}`;
}

/**
 * Returns a deterministic image size in bytes for the `Pulled` event, between
 * 1 MB and about 200 MB. It is a stand-in, not the size of the real image.
 */
export function imageSizeBytes(image: string): number {
  const hash = sha256Hex(`size/${normalizeImageName(image)}`);
  return 1_000_000 + (parseInt(hash.slice(0, 8), 16) % 199_000_000);
}

/** Builds a 16-hex-digit suffix, like the Unix-nanosecond suffix client-go puts in event names. */
export function eventNameSuffix(unixNanoseconds: bigint): string {
  return unixNanoseconds.toString(16).padStart(16, '0');
}
