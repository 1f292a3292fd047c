/**
 * The pod filesystem as containers see it: each container's own files plus
 * the volumes it mounts at their mountPaths. A file is identified by a key:
 * `volume:<name>:<path inside the volume>` for a file on a volume, shared by
 * every container that mounts it, or `container:<name>:<path>` for a file in
 * the container's own writable layer.
 *
 * PodFiles keeps, per container, the file changes of each process in
 * absolute simulated time, and tells when a file exists.
 */
import type { Container, Pod, Volume } from '../api/v1.js';
import type { FileEvent } from './interpreter.js';

/** Where the kubelet mounts the service-account token, CA bundle and namespace files. */
export const SERVICE_ACCOUNT_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

/** Volume kinds whose files the kubelet writes before the container starts. */
const PREFILLED_VOLUMES = ['configMap', 'secret', 'downwardAPI', 'projected', 'hostPath'] as const;

export interface Mount {
  volume: string;
  /** mountPath without a trailing slash (`/` stays `/`). */
  mountPath: string;
  /** The volume's files exist before the container starts (configMap, secret, downwardAPI, projected, hostPath). */
  prefilled: boolean;
}

function trimSlash(path: string): string {
  return path.length > 1 ? path.replace(/\/+$/, '') : path;
}

function volumeKind(volume: Volume | undefined): string | undefined {
  if (volume === undefined) return undefined;
  return PREFILLED_VOLUMES.find((kind) => volume[kind] !== undefined) ?? (volume['emptyDir'] !== undefined ? 'emptyDir' : undefined);
}

/** Lists the mounts of a container, the service-account volume included unless automounting is off. */
export function mountsOf(pod: Pick<Pod, 'spec'>, container: Container): Mount[] {
  const volumes = new Map((pod.spec.volumes ?? []).map((volume) => [volume.name, volume]));
  const mounts: Mount[] = (container.volumeMounts ?? []).map((mount) => {
    const kind = volumeKind(volumes.get(mount.name));
    return { volume: mount.name, mountPath: trimSlash(mount.mountPath), prefilled: kind !== undefined && kind !== 'emptyDir' };
  });
  const automount = pod.spec.automountServiceAccountToken !== false;
  if (automount && !mounts.some((mount) => mount.mountPath === SERVICE_ACCOUNT_DIR)) {
    mounts.push({ volume: 'kube-api-access', mountPath: SERVICE_ACCOUNT_DIR, prefilled: true });
  }
  return mounts;
}

/** A resolved path: its key and whether the file exists before anything writes it. */
export interface ResolvedPath {
  key: string;
  prefilled: boolean;
}

/** Resolves `path` as `container` sees it: the longest mountPath that contains it wins. */
export function resolvePath(pod: Pick<Pod, 'spec'>, container: Container, path: string): ResolvedPath {
  let best: Mount | undefined;
  for (const mount of mountsOf(pod, container)) {
    const inside = mount.mountPath === '/' || path === mount.mountPath || path.startsWith(`${mount.mountPath}/`);
    if (inside && (best === undefined || mount.mountPath.length > best.mountPath.length)) best = mount;
  }
  if (best === undefined) return { key: `container:${container.name}:${path}`, prefilled: false };
  const relative = best.mountPath === '/' ? path : path.slice(best.mountPath.length) || '/';
  return { key: `volume:${best.volume}:${relative}`, prefilled: best.prefilled };
}

/** Returns the content of a file the kubelet writes, when podsim knows it (the service-account namespace). */
export function knownFileContent(pod: Pick<Pod, 'metadata'>, path: string): string | undefined {
  if (path === `${SERVICE_ACCOUNT_DIR}/namespace`) return pod.metadata.namespace ?? 'default';
  return undefined;
}

interface FileChange {
  key: string;
  timeMs: number;
  exists: boolean;
}

/** The file changes of one process, in absolute time, cut at its exit. */
interface ProcessFiles {
  startMs: number;
  changes: FileChange[];
}

/** An interval [fromMs, untilMs) in absolute ms; -1 means never. */
export interface Window {
  fromMs: number;
  untilMs: number;
}

export class PodFiles {
  /** Per container name: its processes, oldest first. */
  private readonly processes = new Map<string, ProcessFiles[]>();

  /**
   * Records a process of `container` started at `startMs` whose command
   * changes files at `events` (ms after the start).
   */
  startProcess(pod: Pick<Pod, 'spec'>, container: Container, startMs: number, events: readonly FileEvent[]): void {
    const changes = events.map((event) => ({ key: resolvePath(pod, container, event.path).key, timeMs: startMs + event.timeMs, exists: event.exists }));
    const list = this.processes.get(container.name) ?? [];
    list.push({ startMs, changes });
    this.processes.set(container.name, list);
  }

  /** Drops the changes a process would have made after it exited at `exitMs`. */
  stopProcess(containerName: string, exitMs: number): void {
    const current = this.processes.get(containerName)?.at(-1);
    if (current === undefined) return;
    current.changes = current.changes.filter((change) => change.timeMs <= exitMs);
  }

  /**
   * Returns the changes that apply to `key`, in time order. A file in a
   * container's own layer only sees that container's newest process,
   * because a restarted container starts from a fresh layer.
   */
  private changesOf(key: string): FileChange[] {
    const all: FileChange[] = [];
    for (const [name, list] of this.processes) {
      const ownLayer = key.startsWith(`container:${name}:`);
      if (key.startsWith('container:') && !ownLayer) continue;
      const relevant = ownLayer ? list.slice(-1) : list;
      for (const process of relevant) all.push(...process.changes.filter((change) => change.key === key));
    }
    return all.sort((a, b) => a.timeMs - b.timeMs);
  }

  /** Returns whether anything in the pod writes or removes the file. */
  isManaged(key: string): boolean {
    return this.changesOf(key).length > 0;
  }

  /** Returns whether the file exists at `timeMs`. A file that nothing writes or removes exists when `prefilled` is true for it. */
  existsAt(resolved: ResolvedPath, timeMs: number, assumeImageFile = true): boolean {
    const changes = this.changesOf(resolved.key);
    if (changes.length === 0) return resolved.prefilled || assumeImageFile;
    let exists = resolved.prefilled;
    for (const change of changes) {
      if (change.timeMs > timeMs) break;
      exists = change.exists;
    }
    return exists;
  }

  /**
   * Returns the first interval at or after `fromMs` in which the file exists.
   * A file nothing manages is assumed to come with the image or volume, so
   * it exists from `fromMs` on.
   */
  existenceWindow(resolved: ResolvedPath, fromMs: number): Window {
    const changes = this.changesOf(resolved.key);
    if (changes.length === 0) return { fromMs, untilMs: -1 };
    let exists = resolved.prefilled;
    let index = 0;
    while (index < changes.length && changes[index]!.timeMs <= fromMs) exists = changes[index++]!.exists;
    let start = exists ? fromMs : -1;
    for (; index < changes.length; index++) {
      const change = changes[index]!;
      if (start < 0 && change.exists) start = change.timeMs;
      else if (start >= 0 && !change.exists) return { fromMs: start, untilMs: change.timeMs };
    }
    return { fromMs: start, untilMs: -1 };
  }
}
