/**
 * Pod validation with the rules and messages of kube-apiserver
 * (pkg/apis/core/validation/validation.go: ValidatePodSpec, validateContainers,
 * validateInitContainers, validateContainerCommon, validateProbe, validateHandler).
 * Only the common rules are modelled; see the NOTE marks for the ones left out.
 * Validation runs after defaulting, as in the API server, so a rule such as
 * "restartPolicy is required" only fires for input that skipped `defaultPod`.
 */

import type { Container, ContainerPort, LifecycleHandler, ObjectMeta, Pod, PodSpec, Probe } from '../api/v1.js';
import {
  duplicate,
  type FieldError,
  forbidden,
  invalid,
  joinPath,
  notFound,
  notSupported,
  required,
} from './field-errors.js';
import {
  isDNS1035Label,
  isDNS1123Label,
  isDNS1123Subdomain,
  isQualifiedName,
  isValidLabelValue,
  isValidPortName,
  isValidPortNum,
} from './names.js';
import { parseQuantityNano } from '../kubelet/quantity.js';
import { isNegativeQuantity, quantityError } from './quantity.js';

export type NameFormat = 'subdomain' | 'dns1035' | 'label';

const nameCheckers: Record<NameFormat, (value: string) => string[]> = {
  subdomain: isDNS1123Subdomain,
  dns1035: isDNS1035Label,
  label: isDNS1123Label,
};

const MAX_INT32 = 2147483647;

/** ValidateObjectMeta for a create: name (or generateName), namespace, label and annotation keys. */
export function validateObjectMeta(
  meta: ObjectMeta | undefined,
  options: { namespaced: boolean; nameFormat: NameFormat; path?: string },
): FieldError[] {
  const path = options.path ?? 'metadata';
  const errors: FieldError[] = [];
  const name = meta?.name ?? '';
  const generateName = meta?.generateName ?? '';
  const checkName = nameCheckers[options.nameFormat];

  if (name === '' && generateName === '') {
    errors.push(required(joinPath(path, 'name'), 'name or generateName is required'));
  } else if (name !== '') {
    for (const message of checkName(name)) errors.push(invalid(joinPath(path, 'name'), name, message));
  } else {
    // generateName is checked with a trailing suffix allowed, as the API server does (prefix = true).
    const trimmed = generateName.replace(/-+$/, '') || generateName;
    for (const message of checkName(trimmed)) errors.push(invalid(joinPath(path, 'generateName'), generateName, message));
  }

  const namespace = meta?.namespace ?? '';
  if (options.namespaced && namespace !== '') {
    for (const message of isDNS1123Label(namespace)) errors.push(invalid(joinPath(path, 'namespace'), namespace, message));
  }
  if (!options.namespaced && namespace !== '') {
    errors.push(forbidden(joinPath(path, 'namespace'), 'not allowed on this type'));
  }

  for (const [key, value] of Object.entries(meta?.labels ?? {})) {
    for (const message of isQualifiedName(key)) errors.push(invalid(joinPath(path, 'labels'), key, message));
    const text = typeof value === 'string' ? value : String(value);
    for (const message of isValidLabelValue(text)) errors.push(invalid(joinPath(path, 'labels'), text, message));
  }
  for (const key of Object.keys(meta?.annotations ?? {})) {
    for (const message of isQualifiedName(key.toLowerCase())) {
      errors.push(invalid(joinPath(path, 'annotations'), key, message));
    }
  }
  return errors;
}

/**
 * Validates a Pod as kube-apiserver does on create. `pathPrefix` is put before
 * every field path, e.g. `spec.template` for a pod template inside a Deployment.
 */
export function validatePod(pod: Pod, pathPrefix = ''): FieldError[] {
  const errors = validateObjectMeta(pod.metadata, {
    namespaced: true,
    nameFormat: 'subdomain',
    path: joinPath(pathPrefix, 'metadata'),
  });
  const specPath = joinPath(pathPrefix, 'spec');
  if (pod.spec === undefined || pod.spec === null) {
    errors.push(required(joinPath(specPath, 'containers')));
    return errors;
  }
  errors.push(...validatePodSpec(pod.spec, specPath));
  errors.push(...validateImageWhitespace(pod.spec, specPath));
  return errors;
}

export interface PodSpecOptions {
  /** Extra volume names that volumeMounts may refer to (a StatefulSet's volumeClaimTemplates). */
  extraVolumeNames?: readonly string[];
}

/** ValidatePodSpec: the rules shared by Pods and pod templates. */
export function validatePodSpec(spec: PodSpec, path: string, options: PodSpecOptions = {}): FieldError[] {
  const errors: FieldError[] = [];
  const gracePeriod = spec.terminationGracePeriodSeconds;
  if (gracePeriod === undefined || gracePeriod === null) {
    errors.push(required(joinPath(path, 'terminationGracePeriodSeconds')));
  }

  const volumeNames = validateVolumes(spec, joinPath(path, 'volumes'), errors);
  for (const name of options.extraVolumeNames ?? []) volumeNames.add(name);

  errors.push(...validateContainers(spec, volumeNames, gracePeriod, joinPath(path, 'containers')));
  errors.push(...validateInitContainers(spec, volumeNames, gracePeriod, joinPath(path, 'initContainers')));

  const restartPolicies = ['Always', 'OnFailure', 'Never'];
  errors.push(...validateEnum(spec.restartPolicy, joinPath(path, 'restartPolicy'), restartPolicies));
  const dnsPolicies = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];
  errors.push(...validateEnum(spec.dnsPolicy, joinPath(path, 'dnsPolicy'), dnsPolicies));

  (spec.readinessGates ?? []).forEach((gate, i) => {
    const gatePath = `${joinPath(path, 'readinessGates')}[${i}].conditionType`;
    for (const message of isQualifiedName(gate.conditionType ?? '')) {
      errors.push(invalid(gatePath, gate.conditionType ?? '', message));
    }
  });

  if (spec.serviceAccountName) {
    for (const message of isDNS1123Subdomain(spec.serviceAccountName)) {
      errors.push(invalid(joinPath(path, 'serviceAccountName'), spec.serviceAccountName, message));
    }
  }
  if (spec.nodeName) {
    for (const message of isDNS1123Subdomain(spec.nodeName)) {
      errors.push(invalid(joinPath(path, 'nodeName'), spec.nodeName, message));
    }
  }
  if (spec.activeDeadlineSeconds !== undefined && spec.activeDeadlineSeconds !== null) {
    const value = spec.activeDeadlineSeconds;
    if (value < 1 || value > MAX_INT32) {
      errors.push(invalid(joinPath(path, 'activeDeadlineSeconds'), value, `must be between 1 and ${MAX_INT32}, inclusive`));
    }
  }
  for (const field of ['hostname', 'subdomain'] as const) {
    const value = spec[field];
    if (typeof value === 'string' && value !== '') {
      for (const message of isDNS1123Label(value)) errors.push(invalid(joinPath(path, field), value, message));
    }
  }
  errors.push(...validateTolerations(spec, joinPath(path, 'tolerations')));
  if (spec.priorityClassName) {
    for (const message of isDNS1123Subdomain(spec.priorityClassName)) {
      errors.push(invalid(joinPath(path, 'priorityClassName'), spec.priorityClassName, message));
    }
  }
  if (spec.preemptionPolicy !== undefined) {
    errors.push(...validateEnum(spec.preemptionPolicy, joinPath(path, 'preemptionPolicy'), ['PreemptLowerPriority', 'Never']));
  }
  return errors;
}

/** Checks an enum field: Required when empty, Unsupported value when not in `supported`. */
function validateEnum(value: string | undefined, path: string, supported: readonly string[]): FieldError[] {
  if (value === undefined || value === '') return [required(path)];
  return supported.includes(value) ? [] : [notSupported(path, value, supported)];
}

function validateVolumes(spec: PodSpec, path: string, errors: FieldError[]): Set<string> {
  const names = new Set<string>();
  (spec.volumes ?? []).forEach((volume, i) => {
    const volumePath = `${path}[${i}]`;
    const name = volume.name ?? '';
    if (name === '') {
      errors.push(required(`${volumePath}.name`));
    } else {
      for (const message of isDNS1123Label(name)) errors.push(invalid(`${volumePath}.name`, name, message));
    }
    const sources = Object.keys(volume).filter((key) => key !== 'name' && volume[key] !== null && volume[key] !== undefined);
    if (sources.length === 0) errors.push(required(volumePath, 'must specify a volume type'));
    if (sources.length > 1) errors.push(forbidden(`${volumePath}.${sources[1]}`, 'may not specify more than 1 volume type'));
    if (names.has(name)) {
      errors.push(duplicate(`${volumePath}.name`, name));
    } else if (name !== '') {
      names.add(name);
    }
  });
  return names;
}

function validateContainers(
  spec: PodSpec,
  volumeNames: Set<string>,
  gracePeriod: number | undefined,
  path: string,
): FieldError[] {
  const containers = spec.containers ?? [];
  if (containers.length === 0) return [required(path)];

  const errors: FieldError[] = [];
  const names = new Set<string>();
  containers.forEach((container, i) => {
    const containerPath = `${path}[${i}]`;
    errors.push(...validateContainerCommon(container, volumeNames, containerPath));
    if (names.has(container.name)) {
      errors.push(duplicate(`${containerPath}.name`, container.name));
    } else {
      names.add(container.name);
    }
    if (container.lifecycle) errors.push(...validateLifecycle(container, gracePeriod, `${containerPath}.lifecycle`));
    errors.push(...validateProbe(container.livenessProbe, 'liveness', gracePeriod, `${containerPath}.livenessProbe`));
    errors.push(...validateProbe(container.readinessProbe, 'readiness', gracePeriod, `${containerPath}.readinessProbe`));
    errors.push(...validateProbe(container.startupProbe, 'startup', gracePeriod, `${containerPath}.startupProbe`));
    if (container.restartPolicy !== undefined && container.restartPolicy !== null) {
      errors.push(forbidden(`${containerPath}.restartPolicy`, 'may not be set for non-init containers'));
    }
  });
  errors.push(...checkHostPortConflicts(containers, path));
  return errors;
}

function validateInitContainers(
  spec: PodSpec,
  volumeNames: Set<string>,
  gracePeriod: number | undefined,
  path: string,
): FieldError[] {
  const errors: FieldError[] = [];
  const names = new Set<string>((spec.containers ?? []).map((c) => c.name));
  (spec.initContainers ?? []).forEach((container, i) => {
    const containerPath = `${path}[${i}]`;
    errors.push(...validateContainerCommon(container, volumeNames, containerPath));

    let sidecar = false;
    if (container.restartPolicy !== undefined && container.restartPolicy !== null) {
      // validateInitContainerRestartPolicy: anything but "Always", the empty string included, is unsupported.
      if (container.restartPolicy !== 'Always') {
        errors.push(notSupported(`${containerPath}.restartPolicy`, container.restartPolicy, ['Always']));
      }
      sidecar = container.restartPolicy === 'Always';
    }
    if (names.has(container.name)) {
      errors.push(duplicate(`${containerPath}.name`, container.name));
    } else if (container.name) {
      names.add(container.name);
    }
    errors.push(...checkHostPortConflicts([container], path));

    if (sidecar) {
      if (container.lifecycle) errors.push(...validateLifecycle(container, gracePeriod, `${containerPath}.lifecycle`));
      errors.push(...validateProbe(container.livenessProbe, 'liveness', gracePeriod, `${containerPath}.livenessProbe`));
      errors.push(...validateProbe(container.readinessProbe, 'readiness', gracePeriod, `${containerPath}.readinessProbe`));
      errors.push(...validateProbe(container.startupProbe, 'startup', gracePeriod, `${containerPath}.startupProbe`));
      return;
    }
    const notForInit = 'may not be set for init containers without restartPolicy=Always';
    if (container.lifecycle) errors.push(forbidden(`${containerPath}.lifecycle`, notForInit));
    if (container.livenessProbe) errors.push(forbidden(`${containerPath}.livenessProbe`, notForInit));
    if (container.readinessProbe) errors.push(forbidden(`${containerPath}.readinessProbe`, notForInit));
    if (container.startupProbe) errors.push(forbidden(`${containerPath}.startupProbe`, notForInit));
  });
  return errors;
}

function validateContainerCommon(container: Container, volumeNames: Set<string>, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const name = container.name ?? '';
  if (name === '') {
    errors.push(required(`${path}.name`));
  } else {
    for (const message of isDNS1123Label(name)) errors.push(invalid(`${path}.name`, name, message));
  }
  if (!container.image) errors.push(required(`${path}.image`));

  const policy = container.terminationMessagePolicy;
  if (policy === undefined || policy === '') {
    errors.push(required(`${path}.terminationMessagePolicy`));
  } else if (policy !== 'File' && policy !== 'FallbackToLogsOnError') {
    errors.push(notSupported(`${path}.terminationMessagePolicy`, policy, ['File', 'FallbackToLogsOnError']));
  }

  errors.push(...validatePorts(container.ports ?? [], `${path}.ports`));
  (container.env ?? []).forEach((env, i) => {
    if (!env.name) errors.push(required(`${path}.env[${i}].name`));
  });
  errors.push(...validateVolumeMounts(container, volumeNames, `${path}.volumeMounts`));
  errors.push(...validateResourceQuantities(container, `${path}.resources`));
  errors.push(...validateEnum(container.imagePullPolicy, `${path}.imagePullPolicy`, ['Always', 'IfNotPresent', 'Never']));
  return errors;
}

function validatePorts(ports: ContainerPort[], path: string): FieldError[] {
  const errors: FieldError[] = [];
  const names = new Set<string>();
  ports.forEach((port, i) => {
    const portPath = `${path}[${i}]`;
    if (port.name) {
      const messages = isValidPortName(port.name);
      if (messages.length > 0) {
        for (const message of messages) errors.push(invalid(`${portPath}.name`, port.name, message));
      } else if (names.has(port.name)) {
        errors.push(duplicate(`${portPath}.name`, port.name));
      } else {
        names.add(port.name);
      }
    }
    if (!port.containerPort) {
      errors.push(required(`${portPath}.containerPort`));
    } else {
      for (const message of isValidPortNum(port.containerPort)) {
        errors.push(invalid(`${portPath}.containerPort`, port.containerPort, message));
      }
    }
    if (port.hostPort) {
      for (const message of isValidPortNum(port.hostPort)) errors.push(invalid(`${portPath}.hostPort`, port.hostPort, message));
    }
    if (!port.protocol) {
      errors.push(required(`${portPath}.protocol`));
    } else if (!['SCTP', 'TCP', 'UDP'].includes(port.protocol)) {
      errors.push(notSupported(`${portPath}.protocol`, port.protocol, ['SCTP', 'TCP', 'UDP']));
    }
  });
  return errors;
}

function validateVolumeMounts(container: Container, volumeNames: Set<string>, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const mountPaths = new Set<string>();
  (container.volumeMounts ?? []).forEach((mount, i) => {
    const mountPath = `${path}[${i}]`;
    if (!mount.name) errors.push(required(`${mountPath}.name`));
    if (!volumeNames.has(mount.name ?? '')) errors.push(notFound(`${mountPath}.name`, mount.name ?? ''));
    if (!mount.mountPath) errors.push(required(`${mountPath}.mountPath`));
    if (mountPaths.has(mount.mountPath)) errors.push(invalid(`${mountPath}.mountPath`, mount.mountPath, 'must be unique'));
    mountPaths.add(mount.mountPath);
  });
  return errors;
}

/**
 * Checks ValidateResourceRequirements' quantity rules: every limit and request
 * is at least 0 and no request exceeds its limit, reported at paths such as
 * `resources.requests[cpu]`.
 * Quantities that do not parse were already rejected at decoding.
 * NOTE: the API server prints the canonical form of the quantity (value.String());
 * podsim prints it as written, which differs for forms such as `-5120Mi`.
 */
function validateResourceQuantities(container: Container, path: string): FieldError[] {
  const errors: FieldError[] = [];
  for (const listName of ['limits', 'requests'] as const) {
    const list = container.resources?.[listName] ?? {};
    for (const [name, value] of Object.entries(list)) {
      if (value === undefined || value === null || quantityError(value) !== undefined) continue;
      if (isNegativeQuantity(value)) {
        errors.push(invalid(`${path}.${listName}[${name}]`, String(value), 'must be greater than or equal to 0'));
      }
    }
  }
  // A request may not exceed the limit of the same resource.
  const limits = container.resources?.limits ?? {};
  for (const [name, request] of Object.entries(container.resources?.requests ?? {})) {
    const limit = limits[name];
    if (limit === undefined || request === undefined || quantityError(limit) !== undefined || quantityError(request) !== undefined) continue;
    if (parseQuantityNano(request) > parseQuantityNano(limit)) {
      errors.push(invalid(`${path}.requests[${name}]`, String(request), `must be less than or equal to ${name} limit of ${limit}`));
    }
  }
  return errors;
}

/** AccumulateUniqueHostPorts: the same protocol/hostIP/hostPort twice is a duplicate. */
function checkHostPortConflicts(containers: Container[], path: string): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  containers.forEach((container, ci) => {
    (container.ports ?? []).forEach((port, pi) => {
      if (!port.hostPort) return;
      const key = `${port.protocol ?? ''}/${port.hostIP ?? ''}/${port.hostPort}`;
      if (seen.has(key)) errors.push(duplicate(`${path}[${ci}].ports[${pi}].hostPort`, key));
      seen.add(key);
    });
  });
  return errors;
}

type ProbeType = 'liveness' | 'readiness' | 'startup';

function validateProbe(probe: Probe | undefined, type: ProbeType, gracePeriod: number | undefined, path: string): FieldError[] {
  if (probe === undefined || probe === null) return [];
  const errors = validateHandler(probe, gracePeriod, path);

  const nonNegative = ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold'] as const;
  for (const field of nonNegative) {
    const value = probe[field] ?? 0;
    if (value < 0) errors.push(invalid(`${path}.${field}`, value, 'must be greater than or equal to 0'));
  }
  const probeGrace = probe.terminationGracePeriodSeconds;
  if (probeGrace !== undefined && probeGrace !== null && probeGrace <= 0) {
    errors.push(invalid(`${path}.terminationGracePeriodSeconds`, probeGrace, 'must be greater than 0'));
  }

  if (type === 'readiness' && probeGrace !== undefined && probeGrace !== null) {
    errors.push(invalid(`${path}.terminationGracePeriodSeconds`, probeGrace, 'must not be set for readinessProbes'));
  }
  if (type !== 'readiness' && (probe.successThreshold ?? 0) !== 1) {
    errors.push(invalid(`${path}.successThreshold`, probe.successThreshold ?? 0, 'must be 1'));
  }
  return errors;
}

function validateLifecycle(container: Container, gracePeriod: number | undefined, path: string): FieldError[] {
  const errors: FieldError[] = [];
  if (container.lifecycle?.postStart) errors.push(...validateHandler(container.lifecycle.postStart, gracePeriod, `${path}.postStart`));
  if (container.lifecycle?.preStop) errors.push(...validateHandler(container.lifecycle.preStop, gracePeriod, `${path}.preStop`));
  return errors;
}

/** validateHandler: exactly one of exec, httpGet, tcpSocket, grpc (probes) or sleep (lifecycle hooks). */
function validateHandler(handler: Probe | LifecycleHandler, gracePeriod: number | undefined, path: string): FieldError[] {
  const errors: FieldError[] = [];
  let handlers = 0;
  const take = (name: string, check: () => FieldError[]): void => {
    if (handlers > 0) {
      errors.push(forbidden(`${path}.${name}`, 'may not specify more than 1 handler type'));
      return;
    }
    handlers++;
    errors.push(...check());
  };

  if (handler.exec) {
    take('exec', () => ((handler.exec?.command ?? []).length === 0 ? [required(`${path}.exec.command`)] : []));
  }
  if (handler.httpGet) {
    const httpGet = handler.httpGet;
    take('httpGet', () => {
      const result: FieldError[] = [];
      if (!httpGet.path) result.push(required(`${path}.httpGet.path`));
      result.push(...validatePortNumOrName(httpGet.port, `${path}.httpGet.port`));
      if (!['HTTP', 'HTTPS'].includes(httpGet.scheme ?? '')) {
        result.push(notSupported(`${path}.httpGet.scheme`, httpGet.scheme ?? '', ['HTTP', 'HTTPS']));
      }
      return result;
    });
  }
  if (handler.tcpSocket) {
    const tcpSocket = handler.tcpSocket;
    take('tcpSocket', () => validatePortNumOrName(tcpSocket.port, `${path}.tcpSocket.port`));
  }
  if ('grpc' in handler && handler.grpc) {
    const grpc = handler.grpc;
    take('grpc', () => validatePortNumOrName(grpc.port ?? 0, `${path}.grpc.port`));
  }
  if ('sleep' in handler && handler.sleep) {
    const sleep = handler.sleep;
    take('sleep', () => {
      const seconds = sleep.seconds ?? 0;
      if (gracePeriod !== undefined && gracePeriod !== null && (seconds <= 0 || seconds > gracePeriod)) {
        return [
          invalid(`${path}.sleep`, seconds, `must be greater than 0 and less than terminationGracePeriodSeconds (${gracePeriod})`),
        ];
      }
      return [];
    });
  }
  if (handlers === 0) errors.push(required(path, 'must specify a handler type'));
  return errors;
}

function validatePortNumOrName(port: number | string | undefined, path: string): FieldError[] {
  if (typeof port === 'string') return isValidPortName(port).map((message) => invalid(path, port, message));
  const value = port ?? 0;
  return isValidPortNum(value).map((message) => invalid(path, value, message));
}

function validateTolerations(spec: PodSpec, path: string): FieldError[] {
  const errors: FieldError[] = [];
  (spec.tolerations ?? []).forEach((toleration, i) => {
    const tolerationPath = `${path}[${i}]`;
    const operator = toleration.operator ?? '';
    if (!toleration.key && operator !== 'Exists') {
      errors.push(
        invalid(`${tolerationPath}.operator`, operator, 'operator must be Exists when `key` is empty, which means "match all values and all keys"'),
      );
    }
    if (toleration.tolerationSeconds !== undefined && toleration.effect !== 'NoExecute') {
      errors.push(invalid(`${tolerationPath}.effect`, toleration.effect ?? '', "effect must be 'NoExecute' when `tolerationSeconds` is set"));
    }
    if (operator === 'Exists' && toleration.value) {
      errors.push(invalid(`${tolerationPath}.operator`, toleration.value, "value must be empty when `operator` is 'Exists'"));
    } else if (operator !== '' && operator !== 'Equal' && operator !== 'Exists') {
      errors.push(notSupported(`${tolerationPath}.operator`, operator, ['Equal', 'Exists']));
    }
    const effect = toleration.effect ?? '';
    if (effect !== '' && !['NoSchedule', 'PreferNoSchedule', 'NoExecute'].includes(effect)) {
      errors.push(notSupported(`${tolerationPath}.effect`, effect, ['NoSchedule', 'PreferNoSchedule', 'NoExecute']));
    }
  });
  return errors;
}

/** validateContainerOnlyForPod: Pods (not templates) reject an image with surrounding whitespace. */
function validateImageWhitespace(spec: PodSpec, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const check = (containers: Container[] | undefined, listPath: string): void => {
    (containers ?? []).forEach((container, i) => {
      const image = container.image ?? '';
      if (image !== image.trim()) {
        errors.push(invalid(`${listPath}[${i}].image`, image, 'must not have leading or trailing whitespace'));
      }
    });
  };
  check(spec.containers, joinPath(path, 'containers'));
  check(spec.initContainers, joinPath(path, 'initContainers'));
  return errors;
}
