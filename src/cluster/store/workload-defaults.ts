/**
 * API server defaults and the validation podsim checks for the workload and
 * service kinds (pkg/apis/apps/v1, batch/v1 and core/v1 defaults.go and
 * validation, v1.31). Pod defaults come from the scenario package.
 */
import type { Deployment, DaemonSet, ReplicaSet, ReplicationController, StatefulSet } from '../../api/apps.js';
import type { Job } from '../../api/batch.js';
import type { Namespace, Service } from '../../api/core.js';
import type { PodTemplateSpec } from '../../api/meta.js';
import type { KubeObject } from '../../api/v1.js';
import { defaultPodSpec } from '../../scenario/defaults.js';
import { matchesSelector } from '../labels.js';
import { formatFieldError } from '../../scenario/field-errors.js';
import { hasKnownSelectorOperators, validateWorkloadSpec } from '../../scenario/validate-workload.js';
import { fromLabelSelector } from './label-selector.js';

const MAX_INT32 = 2147483647;

function defaultTemplate(template: PodTemplateSpec | undefined): void {
  if (template?.spec) defaultPodSpec(template.spec);
}

/** Applies the defaults of `object`'s kind in place. */
export function defaultObject(object: KubeObject): void {
  switch (object.kind) {
    case 'Deployment': {
      const spec = (object as Deployment).spec;
      spec.replicas ??= 1;
      spec.strategy ??= {};
      spec.strategy.type ||= 'RollingUpdate';
      if (spec.strategy.type === 'RollingUpdate') {
        spec.strategy.rollingUpdate ??= {};
        spec.strategy.rollingUpdate.maxUnavailable ??= '25%';
        spec.strategy.rollingUpdate.maxSurge ??= '25%';
      }
      spec.revisionHistoryLimit ??= 10;
      spec.progressDeadlineSeconds ??= 600;
      defaultTemplate(spec.template);
      break;
    }
    case 'ReplicaSet': {
      const spec = (object as ReplicaSet).spec;
      spec.replicas ??= 1;
      defaultTemplate(spec.template);
      break;
    }
    case 'ReplicationController': {
      const rc = object as ReplicationController;
      rc.spec.replicas ??= 1;
      const labels = rc.spec.template?.metadata?.labels;
      if (labels && (!rc.spec.selector || Object.keys(rc.spec.selector).length === 0)) rc.spec.selector = { ...labels };
      if (labels && (!rc.metadata.labels || Object.keys(rc.metadata.labels).length === 0)) rc.metadata.labels = { ...labels };
      defaultTemplate(rc.spec.template);
      break;
    }
    case 'DaemonSet': {
      const spec = (object as DaemonSet).spec;
      spec.updateStrategy ??= {};
      spec.updateStrategy.type ||= 'RollingUpdate';
      if (spec.updateStrategy.type === 'RollingUpdate') {
        spec.updateStrategy.rollingUpdate ??= {};
        spec.updateStrategy.rollingUpdate.maxUnavailable ??= 1;
        spec.updateStrategy.rollingUpdate.maxSurge ??= 0;
      }
      spec.revisionHistoryLimit ??= 10;
      defaultTemplate(spec.template);
      break;
    }
    case 'StatefulSet': {
      const spec = (object as StatefulSet).spec;
      spec.replicas ??= 1;
      spec.podManagementPolicy ||= 'OrderedReady';
      spec.updateStrategy ??= {};
      spec.updateStrategy.type ||= 'RollingUpdate';
      if (spec.updateStrategy.type === 'RollingUpdate') {
        spec.updateStrategy.rollingUpdate ??= {};
        spec.updateStrategy.rollingUpdate.partition ??= 0;
      }
      spec.revisionHistoryLimit ??= 10;
      spec.persistentVolumeClaimRetentionPolicy ??= { whenDeleted: 'Retain', whenScaled: 'Retain' };
      defaultTemplate(spec.template);
      break;
    }
    case 'Job': {
      const spec = (object as Job).spec;
      if (spec.completions === undefined && spec.parallelism === undefined) {
        spec.completions = 1;
        spec.parallelism = 1;
      }
      spec.parallelism ??= 1;
      spec.backoffLimit ??= spec.backoffLimitPerIndex !== undefined ? MAX_INT32 : 6;
      spec.completionMode ||= 'NonIndexed';
      spec.suspend ??= false;
      spec.podReplacementPolicy ||= spec.podFailurePolicy ? 'Failed' : 'TerminatingOrFailed';
      defaultTemplate(spec.template);
      break;
    }
    case 'Namespace': {
      // The namespace registry strategy sets the finalizer and phase Active on create.
      const namespace = object as Namespace;
      namespace.spec = { finalizers: ['kubernetes'], ...(namespace.spec ?? {}) };
      namespace.status = { phase: 'Active' };
      break;
    }
    case 'Service': {
      const spec = (object as Service).spec;
      spec.type ||= 'ClusterIP';
      spec.sessionAffinity ||= 'None';
      if (spec.type !== 'ExternalName') {
        spec.ipFamilies ??= ['IPv4'];
        spec.ipFamilyPolicy ||= 'SingleStack';
        spec.internalTrafficPolicy ||= 'Cluster';
        if (spec.type === 'NodePort' || spec.type === 'LoadBalancer') spec.externalTrafficPolicy ||= 'Cluster';
      }
      for (const port of spec.ports ?? []) {
        port.protocol ||= 'TCP';
        port.targetPort ??= port.port;
      }
      break;
    }
  }
}

/** Go's `%v` of a map[string]string, as field errors print label maps. */
function goMap(labels: Record<string, string>): string {
  const entries = Object.keys(labels)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${JSON.stringify(labels[key])}`);
  return `map[string]string{${entries.join(', ')}}`;
}

/**
 * Returns the field errors the API server reports for the defaulted `object`
 * on create or update. It checks the spec rules of validateWorkloadSpec
 * (replicas, selectors, Deployment strategy, Service ports, ClusterSettings).
 * It also checks that selectors match the template's labels and that each
 * kind uses a restart policy it allows.
 */
export function validateWorkload(object: KubeObject): string[] {
  const specErrors = validateWorkloadSpec(object);
  const errors = specErrors.map(formatFieldError);
  // A selector with errors of its own cannot be matched against the template labels.
  const selectorChecked = specErrors.some((error) => error.field.startsWith('spec.selector'));
  const spec = object.spec as { selector?: unknown; template?: PodTemplateSpec } | undefined;
  const template = spec?.template;
  const labels = template?.metadata?.labels ?? {};
  const restartPolicy = template?.spec?.restartPolicy ?? 'Always';
  switch (object.kind) {
    case 'Deployment':
    case 'ReplicaSet':
    case 'DaemonSet':
    case 'StatefulSet': {
      const selector = spec?.selector as Deployment['spec']['selector'] | undefined;
      if (selector === undefined || selector === null) {
        errors.push('spec.selector: Required value');
      } else if (!selectorChecked && hasKnownSelectorOperators(selector) && !matchesSelector(fromLabelSelector(selector) ?? [], labels)) {
        errors.push(`spec.template.metadata.labels: Invalid value: ${goMap(labels)}: \`selector\` does not match template \`labels\``);
      }
      if (restartPolicy !== 'Always') errors.push(`spec.template.spec.restartPolicy: Unsupported value: "${restartPolicy}": supported values: "Always"`);
      break;
    }
    case 'ReplicationController': {
      const selector = (spec?.selector ?? {}) as Record<string, string>;
      if (Object.entries(selector).some(([key, value]) => labels[key] !== value)) {
        errors.push(`spec.template.metadata.labels: Invalid value: ${goMap(labels)}: \`selector\` does not match template \`labels\``);
      }
      if (restartPolicy !== 'Always') errors.push(`spec.template.spec.restartPolicy: Unsupported value: "${restartPolicy}": supported values: "Always"`);
      break;
    }
    case 'Job':
      if (restartPolicy !== 'OnFailure' && restartPolicy !== 'Never') {
        errors.push('spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"');
      }
      break;
  }
  return errors;
}

/**
 * The selector and template labels the API server adds to a Job without
 * `manualSelector` once its uid is known (batch job strategy, v1.31).
 */
export function generateJobSelector(job: Job): void {
  if (job.spec.manualSelector === true) return;
  const uid = job.metadata.uid ?? '';
  const name = job.metadata.name ?? '';
  job.spec.selector = { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } };
  job.spec.template.metadata = {
    ...(job.spec.template.metadata ?? {}),
    labels: {
      ...(job.spec.template.metadata?.labels ?? {}),
      'batch.kubernetes.io/controller-uid': uid,
      'batch.kubernetes.io/job-name': name,
      'controller-uid': uid,
      'job-name': name,
    },
  };
}
