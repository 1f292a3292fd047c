/**
 * Defaults that kube-apiserver applies on create: the SetDefaults_* functions of
 * pkg/apis/core/v1/defaults.go (v1.31) and the admission plugins of a default
 * cluster (ServiceAccount, DefaultTolerationSeconds, Priority).
 */

import type { Container, Pod, PodSpec, Probe, Volume } from '../api/v1.js';
import { hashString, randomSuffix, seededRandom } from './random.js';

export interface DefaultPodOptions {
  /** Seed for the generated parts (the kube-api-access volume suffix, generateName suffixes). */
  seed?: number | string;
  /** A random source in [0, 1) to use in place of `seed`. */
  random?: () => number;
}

const SERVICE_ACCOUNT_MOUNT_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';
/** DefaultTolerationSeconds admission: `--default-not-ready-toleration-seconds` and `--default-unreachable-toleration-seconds`. */
const DEFAULT_TOLERATION_SECONDS = 300;
/** The token lifetime the ServiceAccount admission plugin requests (1 hour plus 7 s of skew). */
const SERVICE_ACCOUNT_TOKEN_EXPIRATION_SECONDS = 3607;

function randomFor(pod: Pod, options: DefaultPodOptions): () => number {
  if (options.random !== undefined) return options.random;
  const meta = pod.metadata ?? {};
  const identity = `${options.seed ?? 0}/${meta.namespace ?? ''}/${meta.name ?? meta.generateName ?? ''}`;
  return seededRandom(hashString(identity));
}

/**
 * Returns a defaulted deep copy of `pod`, as the API server stores it after a
 * create: object defaults, then ServiceAccount, DefaultTolerationSeconds and
 * Priority admission. The input is not changed.
 */
export function defaultPod(pod: Pod, options: DefaultPodOptions = {}): Pod {
  const copy = structuredClone(pod) as Pod;
  const random = randomFor(pod, options);

  copy.metadata ??= {};
  copy.metadata.namespace ||= 'default';
  if (!copy.metadata.name && copy.metadata.generateName) {
    copy.metadata.name = copy.metadata.generateName + randomSuffix(random);
  }
  if (copy.spec === undefined || copy.spec === null) return copy;

  defaultPodSpec(copy.spec);
  admitServiceAccount(copy.spec, random);
  admitDefaultTolerations(copy.spec);
  copy.spec.priority ??= 0;
  copy.spec.preemptionPolicy ||= 'PreemptLowerPriority';
  return copy;
}

/**
 * Applies the object defaults of a PodSpec in place. Pod templates in
 * Deployments, Jobs and other workloads get these too, but no admission defaults.
 */
export function defaultPodSpec(spec: PodSpec): void {
  spec.restartPolicy ||= 'Always';
  spec.terminationGracePeriodSeconds ??= 30;
  // NOTE: the pod registry strategy stores a negative grace period as 1; podsim does the same
  // on create, which keeps the engine's arithmetic non-negative.
  if (spec.terminationGracePeriodSeconds < 0) spec.terminationGracePeriodSeconds = 1;
  spec.dnsPolicy ||= 'ClusterFirst';
  spec.securityContext ??= {};
  spec.schedulerName ||= 'default-scheduler';
  spec.enableServiceLinks ??= true;
  if (spec.serviceAccountName === undefined && spec.serviceAccount) spec.serviceAccountName = spec.serviceAccount;
  // spec.serviceAccount is the deprecated alias: the conversion copies the name into it.
  if (spec.serviceAccountName) spec.serviceAccount = spec.serviceAccountName;
  if (spec.hostNetwork === true) {
    for (const container of [...(spec.initContainers ?? []), ...(spec.containers ?? [])]) {
      for (const port of container.ports ?? []) port.hostPort ??= port.containerPort;
    }
  }

  for (const volume of spec.volumes ?? []) defaultVolume(volume);
  for (const container of spec.initContainers ?? []) defaultContainer(container);
  for (const container of spec.containers ?? []) defaultContainer(container);
}

function defaultVolume(volume: Volume): void {
  const sources = Object.keys(volume).filter((key) => key !== 'name');
  if (sources.length === 0) {
    volume.emptyDir = {};
    return;
  }
  const withMode = ['secret', 'configMap', 'downwardAPI', 'projected'];
  for (const source of withMode) {
    const value = volume[source] as Record<string, unknown> | undefined;
    if (value !== undefined && value !== null && typeof value === 'object') value.defaultMode ??= 420;
  }
  const hostPath = volume.hostPath as Record<string, unknown> | undefined;
  if (hostPath !== undefined && hostPath !== null && typeof hostPath === 'object') hostPath.type ??= '';
}

/** Reports whether the image reference has no tag or the tag `latest` (a digest counts as a tag). */
function hasLatestTag(image: string): boolean {
  if (image.includes('@')) return false;
  const lastSegment = image.slice(image.lastIndexOf('/') + 1);
  const colon = lastSegment.lastIndexOf(':');
  return colon < 0 || lastSegment.slice(colon + 1) === 'latest';
}

function defaultContainer(container: Container): void {
  container.terminationMessagePath ||= '/dev/termination-log';
  container.terminationMessagePolicy ||= 'File';
  if (!container.imagePullPolicy) {
    // An image that fails to parse (the empty string) counts as not `latest`, as in SetDefaults_Container.
    const image = typeof container.image === 'string' ? container.image : '';
    container.imagePullPolicy = image !== '' && hasLatestTag(image) ? 'Always' : 'IfNotPresent';
  }
  for (const port of container.ports ?? []) port.protocol ||= 'TCP';
  defaultResources(container);

  for (const probe of [container.livenessProbe, container.readinessProbe, container.startupProbe]) {
    if (probe !== undefined && probe !== null) defaultProbe(probe);
  }
  for (const handler of [container.lifecycle?.postStart, container.lifecycle?.preStop]) {
    if (handler?.httpGet) {
      handler.httpGet.path ||= '/';
      handler.httpGet.scheme ||= 'HTTP';
    }
  }
}

/** SetDefaults_Pod: a resource with a limit and no request gets the limit as its request. */
function defaultResources(container: Container): void {
  const limits = container.resources?.limits;
  if (limits === undefined || container.resources === undefined) return;
  const requests = (container.resources.requests ??= {});
  for (const [name, quantity] of Object.entries(limits)) requests[name] ??= quantity;
}

/** SetDefaults_Probe and the generated defaults of its handlers. */
export function defaultProbe(probe: Probe): void {
  probe.timeoutSeconds ||= 1;
  probe.periodSeconds ||= 10;
  probe.successThreshold ||= 1;
  probe.failureThreshold ||= 3;
  if (probe.httpGet) {
    probe.httpGet.path ||= '/';
    probe.httpGet.scheme ||= 'HTTP';
  }
  if (probe.grpc) probe.grpc.service ??= '';
}

/** ServiceAccount admission: the service account name and the projected token volume. */
function admitServiceAccount(spec: PodSpec, random: () => number): void {
  spec.serviceAccountName ||= 'default';
  spec.serviceAccount = spec.serviceAccountName;
  if (spec.automountServiceAccountToken === false) return;

  const containers = [...(spec.initContainers ?? []), ...(spec.containers ?? [])];
  const alreadyMounted = containers.some((c) => (c.volumeMounts ?? []).some((m) => m.mountPath === SERVICE_ACCOUNT_MOUNT_PATH));
  if (alreadyMounted) return;

  const volumeName = `kube-api-access-${randomSuffix(random)}`;
  spec.volumes ??= [];
  spec.volumes.push({
    name: volumeName,
    projected: {
      defaultMode: 420,
      sources: [
        { serviceAccountToken: { expirationSeconds: SERVICE_ACCOUNT_TOKEN_EXPIRATION_SECONDS, path: 'token' } },
        { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
        {
          downwardAPI: {
            items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }],
          },
        },
      ],
    },
  });
  for (const container of containers) {
    container.volumeMounts ??= [];
    container.volumeMounts.push({ name: volumeName, readOnly: true, mountPath: SERVICE_ACCOUNT_MOUNT_PATH });
  }
}

/** DefaultTolerationSeconds admission: tolerate not-ready and unreachable nodes for 300 s. */
function admitDefaultTolerations(spec: PodSpec): void {
  const tolerations = (spec.tolerations ??= []);
  for (const key of ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable']) {
    const tolerated = tolerations.some(
      (t) => (t.key === key || (t.key === undefined && t.operator === 'Exists')) && (!t.effect || t.effect === 'NoExecute'),
    );
    if (tolerated) continue;
    tolerations.push({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: DEFAULT_TOLERATION_SECONDS });
  }
}
