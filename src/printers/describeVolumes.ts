/**
 * The `Volumes:` section of `kubectl describe pod` (kubectl v1.31
 * `describeVolumes`) for the volume sources podsim pods use. Any other source
 * prints `<unknown>`, as kubectl does for a source it does not know.
 */
import type { Volume } from '../api/v1.js';
import { DescribeWriter, LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3 } from './describeWriter.js';
import { formatQuantity, parseQuantity } from './quantity.js';

type Source = Record<string, unknown>;

/** Formats an optional boolean pointer as Go's `%v` does when it is nil. */
function optionalPointer(value: unknown): string {
  // NOTE: kubectl formats a set *bool here with %v, which prints a memory
  // address; podsim prints the boolean instead, so only the unset case matches.
  return value === undefined || value === null ? '<nil>' : String(value);
}

function describeHostPath(source: Source, w: DescribeWriter): void {
  const type = source.type === undefined ? '<none>' : String(source.type);
  w.write(LEVEL_2, `Type:\tHostPath (bare host directory volume)\n    Path:\t${String(source.path ?? '')}\n    HostPathType:\t${type}\n`);
}

function describeEmptyDir(source: Source, w: DescribeWriter): void {
  const sizeLimit = source.sizeLimit as string | number | undefined;
  const size = sizeLimit !== undefined && (parseQuantity(sizeLimit) ?? 0) > 0 ? formatQuantity(sizeLimit) : '<unset>';
  w.write(
    LEVEL_2,
    `Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n    Medium:\t${String(source.medium ?? '')}\n    SizeLimit:\t${size}\n`,
  );
}

function describeSecret(source: Source, w: DescribeWriter): void {
  w.write(
    LEVEL_2,
    `Type:\tSecret (a volume populated by a Secret)\n    SecretName:\t${String(source.secretName ?? '')}\n    Optional:\t${source.optional === true}\n`,
  );
}

function describeConfigMap(source: Source, w: DescribeWriter): void {
  w.write(
    LEVEL_2,
    `Type:\tConfigMap (a volume populated by a ConfigMap)\n    Name:\t${String(source.name ?? '')}\n    Optional:\t${source.optional === true}\n`,
  );
}

function describeProjected(source: Source, w: DescribeWriter): void {
  w.write(LEVEL_2, 'Type:\tProjected (a volume that contains injected data from multiple sources)\n');
  for (const projection of (source.sources as Source[] | undefined) ?? []) {
    const secret = projection.secret as Source | undefined;
    const configMap = projection.configMap as Source | undefined;
    const token = projection.serviceAccountToken as Source | undefined;
    if (secret) {
      w.write(LEVEL_2, `SecretName:\t${String(secret.name ?? '')}\n    SecretOptional:\t${optionalPointer(secret.optional)}\n`);
    } else if (projection.downwardAPI) {
      w.write(LEVEL_2, 'DownwardAPI:\ttrue\n');
    } else if (configMap) {
      w.write(LEVEL_2, `ConfigMapName:\t${String(configMap.name ?? '')}\n    ConfigMapOptional:\t${optionalPointer(configMap.optional)}\n`);
    } else if (token) {
      w.write(LEVEL_2, `TokenExpirationSeconds:\t${String(token.expirationSeconds ?? 0)}\n`);
    }
  }
}

function describeDownwardAPI(source: Source, w: DescribeWriter): void {
  w.write(LEVEL_2, 'Type:\tDownwardAPI (a volume populated by information about the pod)\n    Items:\n');
  for (const item of (source.items as Source[] | undefined) ?? []) {
    const fieldRef = item.fieldRef as Source | undefined;
    const resourceFieldRef = item.resourceFieldRef as Source | undefined;
    if (fieldRef) w.write(LEVEL_3, `${String(fieldRef.fieldPath ?? '')} -> ${String(item.path ?? '')}\n`);
    if (resourceFieldRef) w.write(LEVEL_3, `${String(resourceFieldRef.resource ?? '')} -> ${String(item.path ?? '')}\n`);
  }
}

function describePersistentVolumeClaim(source: Source, w: DescribeWriter): void {
  w.write(
    LEVEL_2,
    'Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n' +
      `    ClaimName:\t${String(source.claimName ?? '')}\n    ReadOnly:\t${source.readOnly === true}\n`,
  );
}

/** Volume source writers in kubectl's order of precedence. */
const SOURCE_WRITERS: [string, (source: Source, w: DescribeWriter) => void][] = [
  ['hostPath', describeHostPath],
  ['emptyDir', describeEmptyDir],
  ['secret', describeSecret],
  ['configMap', describeConfigMap],
  ['persistentVolumeClaim', describePersistentVolumeClaim],
  ['downwardAPI', describeDownwardAPI],
  ['projected', describeProjected],
];

/** Writes the Volumes section of a pod. */
export function describeVolumes(volumes: Volume[] | undefined, w: DescribeWriter): void {
  if (!volumes || volumes.length === 0) {
    w.write(LEVEL_0, 'Volumes:\t<none>\n');
    return;
  }

  w.write(LEVEL_0, 'Volumes:\n');
  for (const volume of volumes) {
    w.write(LEVEL_1, `${volume.name}:\n`);
    const match = SOURCE_WRITERS.find(([field]) => volume[field] !== undefined && volume[field] !== null);
    if (match) {
      match[1](volume[match[0]] as Source, w);
    } else {
      w.write(LEVEL_1, '<unknown>\n');
    }
  }
}
