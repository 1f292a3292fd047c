/**
 * The field schema of the objects podsim reads, used for the API server's strict
 * decoding (`fieldValidation=Strict`, kubectl's default since 1.27): an unknown
 * field or a value of the wrong JSON type rejects the object before validation.
 * Field lists follow k8s.io/api v1.31, plus `restartPolicyRules` (1.34) and
 * `stopSignal` (1.33), which newer documentation examples use. Sub-objects that
 * podsim never reads (affinity, security contexts, volume sources, ...) are typed
 * `any` and are not checked.
 */

export type FieldType =
  | 'string'
  | 'int32'
  | 'int64'
  | 'bool'
  | 'intOrString'
  | 'stringMap'
  | 'any'
  | StructType
  | ListType;

export interface StructType {
  /** Go type name, used in type-mismatch messages as encoding/json prints them. */
  goType: string;
  fields: Record<string, FieldType>;
}

export interface ListType {
  list: FieldType;
}

const stringList: ListType = { list: 'string' };

const objectMeta: StructType = {
  goType: 'ObjectMeta',
  fields: {
    name: 'string',
    generateName: 'string',
    namespace: 'string',
    selfLink: 'string',
    uid: 'string',
    resourceVersion: 'string',
    generation: 'int64',
    creationTimestamp: 'any',
    deletionTimestamp: 'any',
    deletionGracePeriodSeconds: 'int64',
    labels: 'stringMap',
    annotations: 'stringMap',
    ownerReferences: 'any',
    finalizers: stringList,
    managedFields: 'any',
  },
};

const execAction: StructType = { goType: 'ExecAction', fields: { command: stringList } };

const httpGetAction: StructType = {
  goType: 'HTTPGetAction',
  fields: {
    path: 'string',
    port: 'intOrString',
    host: 'string',
    scheme: 'string',
    httpHeaders: { list: { goType: 'HTTPHeader', fields: { name: 'string', value: 'string' } } },
  },
};

const tcpSocketAction: StructType = { goType: 'TCPSocketAction', fields: { port: 'intOrString', host: 'string' } };

const probe: StructType = {
  goType: 'Probe',
  fields: {
    exec: execAction,
    httpGet: httpGetAction,
    tcpSocket: tcpSocketAction,
    grpc: { goType: 'GRPCAction', fields: { port: 'int32', service: 'string' } },
    initialDelaySeconds: 'int32',
    timeoutSeconds: 'int32',
    periodSeconds: 'int32',
    successThreshold: 'int32',
    failureThreshold: 'int32',
    terminationGracePeriodSeconds: 'int64',
  },
};

const lifecycleHandler: StructType = {
  goType: 'LifecycleHandler',
  fields: {
    exec: execAction,
    httpGet: httpGetAction,
    tcpSocket: tcpSocketAction,
    sleep: { goType: 'SleepAction', fields: { seconds: 'int64' } },
  },
};

const container: StructType = {
  goType: 'Container',
  fields: {
    name: 'string',
    image: 'string',
    command: stringList,
    args: stringList,
    workingDir: 'string',
    ports: {
      list: {
        goType: 'ContainerPort',
        fields: { name: 'string', hostPort: 'int32', containerPort: 'int32', protocol: 'string', hostIP: 'string' },
      },
    },
    envFrom: 'any',
    env: { list: { goType: 'EnvVar', fields: { name: 'string', value: 'string', valueFrom: 'any' } } },
    resources: 'any',
    resizePolicy: 'any',
    restartPolicy: 'string',
    restartPolicyRules: 'any',
    volumeMounts: {
      list: {
        goType: 'VolumeMount',
        fields: {
          name: 'string',
          readOnly: 'bool',
          recursiveReadOnly: 'string',
          mountPath: 'string',
          subPath: 'string',
          mountPropagation: 'string',
          subPathExpr: 'string',
        },
      },
    },
    volumeDevices: 'any',
    livenessProbe: probe,
    readinessProbe: probe,
    startupProbe: probe,
    lifecycle: {
      goType: 'Lifecycle',
      fields: { postStart: lifecycleHandler, preStop: lifecycleHandler, stopSignal: 'string' },
    },
    terminationMessagePath: 'string',
    terminationMessagePolicy: 'string',
    imagePullPolicy: 'string',
    securityContext: 'any',
    stdin: 'bool',
    stdinOnce: 'bool',
    tty: 'bool',
  },
};

const volumeSources = [
  'hostPath', 'emptyDir', 'gcePersistentDisk', 'awsElasticBlockStore', 'gitRepo', 'secret', 'nfs', 'iscsi',
  'glusterfs', 'persistentVolumeClaim', 'rbd', 'flexVolume', 'cinder', 'cephfs', 'flocker', 'downwardAPI', 'fc',
  'azureFile', 'configMap', 'vsphereVolume', 'quobyte', 'azureDisk', 'photonPersistentDisk', 'projected',
  'portworxVolume', 'scaleIO', 'storageos', 'csi', 'ephemeral', 'image',
];

const volume: StructType = {
  goType: 'Volume',
  fields: { name: 'string', ...Object.fromEntries(volumeSources.map((source) => [source, 'any' as FieldType])) },
};

export const podSpecType: StructType = {
  goType: 'PodSpec',
  fields: {
    volumes: { list: volume },
    initContainers: { list: container },
    containers: { list: container },
    ephemeralContainers: 'any',
    restartPolicy: 'string',
    terminationGracePeriodSeconds: 'int64',
    activeDeadlineSeconds: 'int64',
    dnsPolicy: 'string',
    nodeSelector: 'stringMap',
    serviceAccountName: 'string',
    serviceAccount: 'string',
    automountServiceAccountToken: 'bool',
    nodeName: 'string',
    hostNetwork: 'bool',
    hostPID: 'bool',
    hostIPC: 'bool',
    shareProcessNamespace: 'bool',
    securityContext: 'any',
    imagePullSecrets: 'any',
    hostname: 'string',
    subdomain: 'string',
    affinity: 'any',
    schedulerName: 'string',
    tolerations: {
      list: {
        goType: 'Toleration',
        fields: { key: 'string', operator: 'string', value: 'string', effect: 'string', tolerationSeconds: 'int64' },
      },
    },
    hostAliases: 'any',
    priorityClassName: 'string',
    priority: 'int32',
    dnsConfig: 'any',
    readinessGates: { list: { goType: 'PodReadinessGate', fields: { conditionType: 'string' } } },
    runtimeClassName: 'string',
    enableServiceLinks: 'bool',
    preemptionPolicy: 'string',
    overhead: 'any',
    topologySpreadConstraints: 'any',
    setHostnameAsFQDN: 'bool',
    os: 'any',
    hostUsers: 'bool',
    schedulingGates: 'any',
    resourceClaims: 'any',
    resources: 'any',
  },
};

const podTemplateSpec: StructType = { goType: 'PodTemplateSpec', fields: { metadata: objectMeta, spec: podSpecType } };

function topLevel(goType: string, spec: StructType | 'any', extra: Record<string, FieldType> = {}): StructType {
  return {
    goType,
    fields: { apiVersion: 'string', kind: 'string', metadata: objectMeta, spec, status: 'any', ...extra },
  };
}

const jobSpec: StructType = {
  goType: 'JobSpec',
  fields: {
    parallelism: 'int32',
    completions: 'int32',
    activeDeadlineSeconds: 'int64',
    podFailurePolicy: 'any',
    successPolicy: 'any',
    backoffLimit: 'int32',
    backoffLimitPerIndex: 'int32',
    maxFailedIndexes: 'int32',
    selector: 'any',
    manualSelector: 'bool',
    template: podTemplateSpec,
    ttlSecondsAfterFinished: 'int32',
    completionMode: 'string',
    suspend: 'bool',
    podReplacementPolicy: 'string',
    managedBy: 'string',
  },
};

/** Strict schemas by kind; kinds not listed here are checked only for their top-level type. */
export const strictSchemas: Record<string, StructType> = {
  Pod: topLevel('Pod', podSpecType),
  PodTemplate: { goType: 'PodTemplate', fields: { apiVersion: 'string', kind: 'string', metadata: objectMeta, template: podTemplateSpec } },
  Deployment: topLevel('Deployment', {
    goType: 'DeploymentSpec',
    fields: {
      replicas: 'int32',
      selector: 'any',
      template: podTemplateSpec,
      strategy: 'any',
      minReadySeconds: 'int32',
      revisionHistoryLimit: 'int32',
      paused: 'bool',
      progressDeadlineSeconds: 'int32',
    },
  }),
  ReplicaSet: topLevel('ReplicaSet', {
    goType: 'ReplicaSetSpec',
    fields: { replicas: 'int32', minReadySeconds: 'int32', selector: 'any', template: podTemplateSpec },
  }),
  ReplicationController: topLevel('ReplicationController', {
    goType: 'ReplicationControllerSpec',
    fields: { replicas: 'int32', minReadySeconds: 'int32', selector: 'stringMap', template: podTemplateSpec },
  }),
  StatefulSet: topLevel('StatefulSet', {
    goType: 'StatefulSetSpec',
    fields: {
      replicas: 'int32',
      selector: 'any',
      template: podTemplateSpec,
      volumeClaimTemplates: 'any',
      serviceName: 'string',
      podManagementPolicy: 'string',
      updateStrategy: 'any',
      revisionHistoryLimit: 'int32',
      minReadySeconds: 'int32',
      persistentVolumeClaimRetentionPolicy: 'any',
      ordinals: 'any',
    },
  }),
  DaemonSet: topLevel('DaemonSet', {
    goType: 'DaemonSetSpec',
    fields: {
      selector: 'any',
      template: podTemplateSpec,
      updateStrategy: 'any',
      minReadySeconds: 'int32',
      revisionHistoryLimit: 'int32',
    },
  }),
  Job: topLevel('Job', jobSpec),
  CronJob: topLevel('CronJob', {
    goType: 'CronJobSpec',
    fields: {
      schedule: 'string',
      timeZone: 'string',
      startingDeadlineSeconds: 'int64',
      concurrencyPolicy: 'string',
      suspend: 'bool',
      jobTemplate: { goType: 'JobTemplateSpec', fields: { metadata: objectMeta, spec: jobSpec } },
      successfulJobsHistoryLimit: 'int32',
      failedJobsHistoryLimit: 'int32',
    },
  }),
};

export interface StrictDecodeResult {
  /** Paths of unknown fields, in document order. */
  unknownFields: string[];
  /** The first type mismatch, as encoding/json words it, or undefined. */
  typeError?: { path: string; message: string };
}

function jsonTypeName(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'object';
  if (typeof value === 'boolean') return 'bool';
  return typeof value;
}

function goTypeName(type: FieldType): string {
  if (typeof type === 'string') {
    if (type === 'stringMap') return 'map[string]string';
    if (type === 'intOrString') return 'intstr.IntOrString';
    return type;
  }
  if ('list' in type) return `[]${goTypeName(type.list)}`;
  return `v1.${type.goType}`;
}

const INTEGER_RANGES = {
  int32: [-(2n ** 31n), 2n ** 31n - 1n],
  int64: [-(2n ** 63n), 2n ** 63n - 1n],
} as const;

/**
 * Reports whether an integral number fits the Go integer type. YAML has
 * already rounded a literal such as 99999999999999999999 to the nearest
 * double, so the message shows that double and not the digits as written.
 */
function fitsInteger(value: number, type: 'int32' | 'int64'): boolean {
  const [min, max] = INTEGER_RANGES[type];
  const integer = BigInt(value);
  return integer >= min && integer <= max;
}

/** Walks `value` against `type`, collecting unknown fields and the first type error. */
export function strictDecode(value: unknown, type: StructType): StrictDecodeResult {
  const result: StrictDecodeResult = { unknownFields: [] };
  walk(value, type, '', '', type.goType, result);
  return result;
}

function walk(
  value: unknown,
  type: FieldType,
  path: string,
  goPath: string,
  parentStruct: string,
  result: StrictDecodeResult,
): void {
  if (value === null || value === undefined || type === 'any') return;

  const mismatch = (found: string): void => {
    if (result.typeError !== undefined) return;
    result.typeError = {
      path,
      message: `json: cannot unmarshal ${found} into Go struct field ${parentStruct}.${goPath} of type ${goTypeName(type)}`,
    };
  };

  if (type === 'string') {
    if (typeof value !== 'string') mismatch(jsonTypeName(value));
    return;
  }
  if (type === 'bool') {
    if (typeof value !== 'boolean') mismatch(jsonTypeName(value));
    return;
  }
  if (type === 'int32' || type === 'int64') {
    if (typeof value !== 'number') mismatch(jsonTypeName(value));
    else if (!Number.isInteger(value)) mismatch(`number ${value}`);
    else if (!fitsInteger(value, type)) mismatch(`number ${BigInt(value)}`);
    return;
  }
  if (type === 'intOrString') {
    if (typeof value !== 'number' && typeof value !== 'string') mismatch(jsonTypeName(value));
    return;
  }
  if (type === 'stringMap') {
    if (typeof value !== 'object' || Array.isArray(value)) {
      mismatch(jsonTypeName(value));
      return;
    }
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      if (item !== null && typeof item !== 'string') {
        walk(item, 'string', `${path}.${key}`, `${goPath}.${key}`, parentStruct, result);
      }
    }
    return;
  }
  if ('list' in type) {
    if (!Array.isArray(value)) {
      mismatch(jsonTypeName(value));
      return;
    }
    value.forEach((item, i) => walk(item, type.list, `${path}[${i}]`, goPath, parentStruct, result));
    return;
  }

  if (typeof value !== 'object' || Array.isArray(value)) {
    mismatch(jsonTypeName(value));
    return;
  }
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    const childPath = path === '' ? key : `${path}.${key}`;
    const childGoPath = goPath === '' ? key : `${goPath}.${key}`;
    const fieldType = type.fields[key];
    if (fieldType === undefined) {
      result.unknownFields.push(childPath);
      continue;
    }
    walk(item, fieldType, childPath, childGoPath, type.goType, result);
  }
}
