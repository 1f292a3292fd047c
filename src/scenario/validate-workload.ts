/**
 * Validation of the spec fields of workloads, Services and ClusterSettings,
 * beyond their pod templates: replica counts, label selectors, Deployment
 * strategies and Service ports. Rules and messages follow kube-apiserver v1.31
 * (pkg/apis/apps/validation, pkg/apis/core/validation and apimachinery's
 * ValidateLabelSelector). The object must already carry the API server's
 * defaults, as it does when the API server validates it.
 */

import type { KubeObject } from '../api/v1.js';
import { type FieldError, forbidden, invalid, invalidGoValue, notSupported, required } from './field-errors.js';
import { isNegativeQuantity, quantityError } from './quantity.js';
import { isQualifiedName, isValidLabelValue, isValidPortName, isValidPortNum } from './names.js';

const NEGATIVE_MESSAGE = 'must be greater than or equal to 0';
/** validation.IsValidPercent's message (apimachinery v1.31), with its double space before "or". */
const PERCENT_MESSAGE =
  "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')";

/** Upper bound on ClusterSettings `nodes.count`; podsim's own limit, well above any scenario it is meant for. */
export const MAX_SETTINGS_NODES = 10000;
const MAX_INT32 = 2147483647;

type Fields = Record<string, unknown>;

function asFields(value: unknown): Fields | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Fields) : undefined;
}

/** Returns the field errors of `object`'s spec for the kinds listed in the file header, and none for other kinds. */
export function validateWorkloadSpec(object: KubeObject): FieldError[] {
  const spec = asFields(object.spec) ?? {};
  switch (object.kind) {
    case 'Deployment':
      return [
        ...nonNegative(spec, 'replicas'),
        ...validateSelector(spec.selector, 'deployment', true),
        ...validateDeploymentStrategy(spec.strategy),
        ...nonNegative(spec, 'minReadySeconds'),
        ...nonNegative(spec, 'revisionHistoryLimit'),
        ...validateProgressDeadline(spec),
      ];
    case 'ReplicaSet':
      // kube-apiserver v1.31 words the empty ReplicaSet selector "for deployment" too.
      return [...nonNegative(spec, 'replicas'), ...nonNegative(spec, 'minReadySeconds'), ...validateSelector(spec.selector, 'deployment', true)];
    case 'ReplicationController':
      return [...nonNegative(spec, 'replicas'), ...nonNegative(spec, 'minReadySeconds')];
    case 'StatefulSet':
      return [
        ...nonNegative(spec, 'replicas'),
        ...validateSelector(spec.selector, 'statefulset', false),
        ...nonNegative(spec, 'minReadySeconds'),
        ...nonNegative(spec, 'revisionHistoryLimit'),
      ];
    case 'DaemonSet':
      return [
        ...validateSelector(spec.selector, 'daemonset', false),
        ...nonNegative(spec, 'minReadySeconds'),
        ...nonNegative(spec, 'revisionHistoryLimit'),
      ];
    case 'Service':
      return validateServiceSpec(spec);
    case 'ClusterSettings':
      return validateClusterSettings(spec);
    default:
      return [];
  }
}

/** ValidateNonnegativeField on `spec.FIELD`, when the field is set. */
function nonNegative(spec: Fields, field: string): FieldError[] {
  const value = spec[field];
  if (typeof value === 'number' && value < 0) return [invalid(`spec.${field}`, value, NEGATIVE_MESSAGE)];
  return [];
}

function validateProgressDeadline(spec: Fields): FieldError[] {
  const deadline = spec.progressDeadlineSeconds;
  if (typeof deadline !== 'number') return [];
  const errors = nonNegative(spec, 'progressDeadlineSeconds');
  const minReady = typeof spec.minReadySeconds === 'number' ? spec.minReadySeconds : 0;
  if (deadline <= minReady) errors.push(invalid('spec.progressDeadlineSeconds', deadline, 'must be greater than minReadySeconds'));
  return errors;
}

// ---- Label selectors ----------------------------------------------------

const SELECTOR_OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'];

/**
 * ValidateLabelSelector plus the apps checks on a selector: an empty selector
 * is invalid, and for Deployments and ReplicaSets a selector that
 * LabelSelectorAsSelector rejects adds "invalid label selector". A missing
 * selector is reported by the template checks, not here.
 */
function validateSelector(selector: unknown, kindWord: string, reportUnconvertible: boolean): FieldError[] {
  const fields = asFields(selector);
  if (fields === undefined) return [];
  const errors: FieldError[] = [];

  const matchLabels = asFields(fields.matchLabels) ?? {};
  for (const [key, value] of Object.entries(matchLabels)) {
    for (const message of isQualifiedName(key)) errors.push(invalid('spec.selector.matchLabels', key, message));
    const text = typeof value === 'string' ? value : String(value);
    for (const message of isValidLabelValue(text)) errors.push(invalid('spec.selector.matchLabels', text, message));
  }

  const expressions = Array.isArray(fields.matchExpressions) ? fields.matchExpressions : [];
  expressions.forEach((expression, index) => {
    errors.push(...validateSelectorRequirement(asFields(expression) ?? {}, `spec.selector.matchExpressions[${index}]`));
  });

  const hasTerms = Object.keys(matchLabels).length + expressions.length > 0;
  if (!hasTerms) errors.push(invalidGoValue('spec.selector', goLabelSelector(fields), `empty selector is invalid for ${kindWord}`));
  if (reportUnconvertible && errors.length > 0 && hasTerms) {
    errors.push(invalidGoValue('spec.selector', goLabelSelector(fields), 'invalid label selector'));
  }
  return errors;
}

function validateSelectorRequirement(requirement: Fields, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const operator = typeof requirement.operator === 'string' ? requirement.operator : '';
  const values = Array.isArray(requirement.values) ? requirement.values : [];
  if (operator === 'In' || operator === 'NotIn') {
    if (values.length === 0) errors.push(required(`${path}.values`, "must be specified when `operator` is 'In' or 'NotIn'"));
  } else if (operator === 'Exists' || operator === 'DoesNotExist') {
    if (values.length > 0) errors.push(forbidden(`${path}.values`, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
  } else {
    errors.push(invalid(`${path}.operator`, operator, 'not a valid selector operator'));
  }
  const key = typeof requirement.key === 'string' ? requirement.key : '';
  for (const message of isQualifiedName(key)) errors.push(invalid(`${path}.key`, key, message));
  return errors;
}

/** Reports whether a selector uses only the operators LabelSelectorAsSelector accepts (In, NotIn, Exists, DoesNotExist). */
export function hasKnownSelectorOperators(selector: unknown): boolean {
  const expressions = asFields(selector)?.matchExpressions;
  if (!Array.isArray(expressions)) return true;
  return expressions.every((expression) => SELECTOR_OPERATORS.includes(String(asFields(expression)?.operator ?? '')));
}

// ---- Go's %#v of the values these errors print --------------------------

function goString(value: unknown): string {
  return JSON.stringify(typeof value === 'string' ? value : String(value ?? ''));
}

function goStringMap(map: Fields | undefined): string {
  if (map === undefined) return 'map[string]string(nil)';
  const entries = Object.keys(map)
    .sort()
    .map((key) => `${goString(key)}:${goString(map[key])}`);
  return `map[string]string{${entries.join(', ')}}`;
}

function goStringSlice(values: unknown): string {
  if (!Array.isArray(values)) return '[]string(nil)';
  return `[]string{${values.map(goString).join(', ')}}`;
}

/** `v1.LabelSelector{MatchLabels:..., MatchExpressions:...}`, as %#v prints a metav1.LabelSelector. */
function goLabelSelector(selector: Fields): string {
  const expressions = selector.matchExpressions;
  let expressionsText = '[]v1.LabelSelectorRequirement(nil)';
  if (Array.isArray(expressions)) {
    const items = expressions.map((expression) => {
      const fields = asFields(expression) ?? {};
      return `v1.LabelSelectorRequirement{Key:${goString(fields.key)}, Operator:${goString(fields.operator)}, Values:${goStringSlice(fields.values)}}`;
    });
    expressionsText = `[]v1.LabelSelectorRequirement{${items.join(', ')}}`;
  }
  return `v1.LabelSelector{MatchLabels:${goStringMap(asFields(selector.matchLabels))}, MatchExpressions:${expressionsText}}`;
}

/** `intstr.IntOrString{Type:1, IntVal:0, StrVal:"25%"}`, as %#v prints an IntOrString value. */
function goIntOrString(value: number | string): string {
  if (typeof value === 'number') return `intstr.IntOrString{Type:0, IntVal:${value}, StrVal:""}`;
  return `intstr.IntOrString{Type:1, IntVal:0, StrVal:${goString(value)}}`;
}

// ---- Deployment strategy ------------------------------------------------

/** ValidateDeploymentStrategy on the defaulted strategy. */
function validateDeploymentStrategy(strategyValue: unknown): FieldError[] {
  const strategy = asFields(strategyValue) ?? {};
  const type = typeof strategy.type === 'string' ? strategy.type : '';
  const rollingUpdate = asFields(strategy.rollingUpdate);
  const path = 'spec.strategy';

  if (type === 'Recreate') {
    if (strategy.rollingUpdate !== undefined && strategy.rollingUpdate !== null) {
      return [forbidden(`${path}.rollingUpdate`, "may not be specified when strategy `type` is 'Recreate'")];
    }
    return [];
  }
  if (type === 'RollingUpdate') {
    if (rollingUpdate === undefined) return [required(`${path}.rollingUpdate`, 'this should be defaulted and never be nil')];
    return validateRollingUpdate(rollingUpdate, `${path}.rollingUpdate`);
  }
  // The API server reports the whole strategy struct here, not only its type.
  // NOTE: a set rollingUpdate prints as a Go pointer address there; podsim prints `(...)` in its place.
  const rollingUpdateText = rollingUpdate === undefined ? '(*apps.RollingUpdateDeployment)(nil)' : '(*apps.RollingUpdateDeployment)(...)';
  const strategyText = `apps.DeploymentStrategy{Type:${goString(type)}, RollingUpdate:${rollingUpdateText}}`;
  return [{ ...notSupported(path, type, ['Recreate', 'RollingUpdate']), goValue: strategyText }];
}

/** ValidateRollingUpdateDeployment: both fields an int >= 0 or a percent, not both 0, and maxUnavailable at most 100%. */
function validateRollingUpdate(rollingUpdate: Fields, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const maxUnavailable = intOrString(rollingUpdate.maxUnavailable);
  const maxSurge = intOrString(rollingUpdate.maxSurge);
  errors.push(...validateIntOrPercent(maxUnavailable, `${path}.maxUnavailable`));
  errors.push(...validateIntOrPercent(maxSurge, `${path}.maxSurge`));
  if (intOrPercentValue(maxUnavailable) === 0 && intOrPercentValue(maxSurge) === 0) {
    errors.push(invalidGoValue(`${path}.maxUnavailable`, goIntOrString(maxUnavailable), 'may not be 0 when `maxSurge` is 0'));
  }
  const percent = percentValue(maxUnavailable);
  if (percent !== undefined && percent > 100) {
    errors.push(invalidGoValue(`${path}.maxUnavailable`, goIntOrString(maxUnavailable), 'must not be greater than 100%'));
  }
  return errors;
}

/** Reads an IntOrString field; an unset one is the zero value, the integer 0. */
function intOrString(value: unknown): number | string {
  return typeof value === 'number' || typeof value === 'string' ? value : 0;
}

function validateIntOrPercent(value: number | string, path: string): FieldError[] {
  if (typeof value === 'number') return value < 0 ? [invalid(path, value, NEGATIVE_MESSAGE)] : [];
  return percentValue(value) === undefined ? [invalidGoValue(path, goIntOrString(value), PERCENT_MESSAGE)] : [];
}

/** Returns the number in a valid percent string (`[0-9]+%`), or undefined. */
function percentValue(value: number | string): number | undefined {
  if (typeof value !== 'string' || !/^[0-9]+%$/.test(value)) return undefined;
  return Number(value.slice(0, -1));
}

/** getIntOrPercentValue: the percent number, else IntOrString.IntValue (a non-numeric string is 0). */
function intOrPercentValue(value: number | string): number {
  const percent = percentValue(value);
  if (percent !== undefined) return percent;
  if (typeof value === 'number') return value;
  return /^[+-]?\d+$/.test(value) ? Number(value) : 0;
}

// ---- Service ------------------------------------------------------------

/**
 * Applies ValidateService's port rules. Ports are required unless the Service is headless or
 * ExternalName, and each port and targetPort must be a valid port number or name.
 */
function validateServiceSpec(spec: Fields): FieldError[] {
  const errors: FieldError[] = [];
  const type = typeof spec.type === 'string' ? spec.type : 'ClusterIP';
  const ports = Array.isArray(spec.ports) ? spec.ports : [];
  const headless = type === 'ClusterIP' && (spec.clusterIP === 'None' || (Array.isArray(spec.clusterIPs) && spec.clusterIPs[0] === 'None'));
  if (ports.length === 0 && !headless && type !== 'ExternalName') errors.push(required('spec.ports'));

  ports.forEach((portValue, index) => {
    const port = asFields(portValue) ?? {};
    const path = `spec.ports[${index}]`;
    const number = typeof port.port === 'number' ? port.port : 0;
    for (const message of isValidPortNum(number)) errors.push(invalid(`${path}.port`, number, message));
    const target = port.targetPort;
    if (typeof target === 'number' && target !== 0) {
      for (const message of isValidPortNum(target)) errors.push(invalid(`${path}.targetPort`, target, message));
    } else if (typeof target === 'string') {
      for (const message of isValidPortName(target)) errors.push(invalid(`${path}.targetPort`, target, message));
    }
  });
  return errors;
}

// ---- ClusterSettings ----------------------------------------------------

/**
 * Checks podsim's ClusterSettings (src/api/podsim.ts). It has no API server
 * counterpart, so the messages follow kube-apiserver's field error form.
 */
function validateClusterSettings(spec: Fields): FieldError[] {
  // A misspelt field would otherwise leave the default in place without a word.
  const errors: FieldError[] = unknownFields(spec, 'spec', SETTINGS_FIELDS);
  errors.push(...unknownFields(asFields(spec.nodes), 'spec.nodes', SETTINGS_NODE_FIELDS));
  for (const client of ['controllerManager', 'scheduler']) errors.push(...unknownFields(asFields(spec[client]), `spec.${client}`, SETTINGS_LIMIT_FIELDS));
  const nodes = asFields(spec.nodes);
  if (nodes !== undefined) {
    const count = nodes.count;
    if (count !== undefined && !isIntegerInRange(count, 1, MAX_SETTINGS_NODES)) {
      errors.push(invalid('spec.nodes.count', count, `must be an integer between 1 and ${MAX_SETTINGS_NODES}, inclusive`));
    }
    const pods = nodes.pods;
    if (pods !== undefined && !isIntegerInRange(pods, 0, MAX_INT32)) {
      errors.push(invalid('spec.nodes.pods', pods, `must be an integer between 0 and ${MAX_INT32}, inclusive`));
    }
    for (const field of ['cpu', 'memory'] as const) {
      errors.push(...validateSettingsQuantity(nodes[field], `spec.nodes.${field}`));
    }
    if (nodes.namePrefix !== undefined && typeof nodes.namePrefix !== 'string') {
      errors.push(invalid('spec.nodes.namePrefix', nodes.namePrefix, 'must be a string'));
    }
  }

  const grace = spec.nodeMonitorGracePeriodSeconds;
  if (grace !== undefined) errors.push(...validateNonNegativeNumber(grace, 'spec.nodeMonitorGracePeriodSeconds', false));

  for (const client of ['controllerManager', 'scheduler'] as const) {
    const limits = asFields(spec[client]);
    if (limits === undefined) continue;
    // A negative QPS is allowed: as in client-go, it turns the rate limiter off.
    const qps = limits.kubeAPIQPS;
    if (qps !== undefined && (typeof qps !== 'number' || !Number.isFinite(qps))) errors.push(invalid(`spec.${client}.kubeAPIQPS`, qps, 'must be a number'));
    if (limits.kubeAPIBurst !== undefined) errors.push(...validateNonNegativeNumber(limits.kubeAPIBurst, `spec.${client}.kubeAPIBurst`, true));
  }
  return errors;
}

const SETTINGS_FIELDS = ['runtimeConfig', 'admissionPlugins', 'disabledAdmissionPlugins', 'nodes', 'nodeMonitorGracePeriodSeconds', 'controllerManager', 'scheduler'];
const SETTINGS_NODE_FIELDS = ['count', 'cpu', 'memory', 'pods', 'namePrefix'];
const SETTINGS_LIMIT_FIELDS = ['kubeAPIQPS', 'kubeAPIBurst'];

/** Returns a Forbidden error for each field of `fields` that ClusterSettings does not have. */
function unknownFields(fields: Fields | undefined, path: string, known: readonly string[]): FieldError[] {
  if (fields === undefined) return [];
  return Object.keys(fields)
    .filter((key) => !known.includes(key))
    .map((key) => forbidden(`${path}.${key}`, `unknown field; known fields are ${known.join(', ')}`));
}

function isIntegerInRange(value: unknown, min: number, max: number): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

function validateNonNegativeNumber(value: unknown, path: string, integer: boolean): FieldError[] {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    return [invalid(path, value, integer ? 'must be an integer' : 'must be a number')];
  }
  if (integer && !Number.isInteger(value)) return [invalid(path, value, 'must be an integer')];
  return value < 0 ? [invalid(path, value, NEGATIVE_MESSAGE)] : [];
}

function validateSettingsQuantity(value: unknown, path: string): FieldError[] {
  if (value === undefined || value === null) return [];
  const message = quantityError(value);
  if (message !== undefined) return [invalid(path, value, message)];
  return isNegativeQuantity(value as string | number) ? [invalid(path, value, NEGATIVE_MESSAGE)] : [];
}
