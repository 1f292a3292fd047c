/**
 * A catalog of common images and the programs they run: their default
 * command, the ports they listen on, and how they react to SIGTERM.
 * Durations are simulated milliseconds; -1 means never.
 */

/** The observable behavior of a long-running program. */
export interface ProgramProfile {
  /** Ports it listens on; probes to other ports fail as connection refused. */
  ports: readonly number[];
  /** HTTP paths that return 200, or undefined when every path does. */
  httpPaths?: readonly string[];
  /** Time from SIGTERM to exit, or -1 when it ignores SIGTERM. */
  sigtermExitMs: number;
  sigtermExitCode: number;
  /** Probes succeed from this time after start, or -1 for never. */
  healthyFromMs: number;
  /** Probes fail from this time after start, or -1 for never. */
  unhealthyFromMs: number;
}

/**
 * Long-running programs, by the base name of the executable.
 * NOTE: shutdown times are estimates of a fast clean exit (100 ms), not measurements.
 */
export const programs: Record<string, ProgramProfile> = {
  // nginx: SIGTERM is a fast shutdown and SIGQUIT (the image's STOPSIGNAL) a graceful one; both exit 0.
  nginx: { ports: [80], httpPaths: ['/', '/index.html', '/50x.html'], sigtermExitMs: 100, sigtermExitCode: 0, healthyFromMs: 0, unhealthyFromMs: -1 },
  'httpd-foreground': { ports: [80], httpPaths: ['/', '/index.html'], sigtermExitMs: 100, sigtermExitCode: 0, healthyFromMs: 0, unhealthyFromMs: -1 },
  'redis-server': { ports: [6379], sigtermExitMs: 100, sigtermExitCode: 0, healthyFromMs: 0, unhealthyFromMs: -1 },
  // The pause container handles SIGTERM and exits 0 at once.
  pause: { ports: [], sigtermExitMs: 0, sigtermExitCode: 0, healthyFromMs: 0, unhealthyFromMs: -1 },
  etcd: { ports: [2379, 2380], sigtermExitMs: 100, sigtermExitCode: 0, healthyFromMs: 0, unhealthyFromMs: -1 },
  // registry.k8s.io/liveness `/server`: /healthz returns 200 for the first 10 s, then 500.
  '/server': { ports: [8080], sigtermExitMs: 0, sigtermExitCode: 143, healthyFromMs: 0, unhealthyFromMs: 10_000 },
};

/** An image's default ENTRYPOINT and CMD, and the program that runs when neither is overridden. */
export interface ImageProfile {
  entrypoint: readonly string[];
  cmd: readonly string[];
}

/** Images keyed by repository name without registry, `library/` and tag (`busybox`, `liveness`). */
const images: Record<string, ImageProfile> = {
  busybox: { entrypoint: [], cmd: ['sh'] },
  alpine: { entrypoint: [], cmd: ['/bin/sh'] },
  debian: { entrypoint: [], cmd: ['bash'] },
  ubuntu: { entrypoint: [], cmd: ['/bin/bash'] },
  bash: { entrypoint: ['docker-entrypoint.sh'], cmd: ['bash'] },
  nginx: { entrypoint: ['/docker-entrypoint.sh'], cmd: ['nginx', '-g', 'daemon off;'] },
  httpd: { entrypoint: [], cmd: ['httpd-foreground'] },
  redis: { entrypoint: ['docker-entrypoint.sh'], cmd: ['redis-server'] },
  pause: { entrypoint: ['/pause'], cmd: [] },
  etcd: { entrypoint: [], cmd: ['/usr/local/bin/etcd'] },
  liveness: { entrypoint: [], cmd: ['/server'] },
};

/** Entrypoint wrappers that end with `exec "$@"`, so the program that runs is the rest of the command. */
export const entrypointWrappers = new Set(['docker-entrypoint.sh', '/docker-entrypoint.sh', '/usr/local/bin/docker-entrypoint.sh']);

/** Splits `registry.k8s.io/busybox:1.27.2` into `{registry: 'registry.k8s.io', repository: 'busybox'}`. */
export function parseImage(image: string): { registry: string; repository: string } {
  let reference = image.trim();
  const at = reference.indexOf('@');
  if (at >= 0) reference = reference.slice(0, at);
  const parts = reference.split('/');
  let registry = 'docker.io';
  if (parts.length > 1 && (parts[0]!.includes('.') || parts[0]!.includes(':') || parts[0] === 'localhost')) {
    registry = parts.shift()!;
  }
  const last = parts.pop() ?? '';
  const colon = last.indexOf(':');
  parts.push(colon >= 0 ? last.slice(0, colon) : last);
  if (parts[0] === 'library' && parts.length > 1) parts.shift();
  return { registry, repository: parts.join('/') };
}

/** Returns the profile of a known image, or undefined. */
export function lookupImage(image: string): ImageProfile | undefined {
  const { repository } = parseImage(image);
  // The probe demo server is matched by its full name, other images by their last path segment.
  if (repository === 'liveness' || repository === 'e2e-test-images/liveness') return images.liveness;
  const name = repository.slice(repository.lastIndexOf('/') + 1);
  if (name === 'liveness') return undefined;
  return images[name];
}

/** Returns the base name of an executable path: `/usr/sbin/nginx` → `nginx`. */
export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** Returns the profile of a long-running program by its path (`/server`) or base name (`nginx`). */
export function lookupProgram(path: string): ProgramProfile | undefined {
  return programs[path] ?? programs[baseName(path)];
}
