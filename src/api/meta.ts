/**
 * Shared metav1 types used by the workload kinds (k8s.io/apimachinery
 * pkg/apis/meta/v1, v1.31).
 */
import type { ObjectMeta, PodSpec } from './v1.js';

export interface LabelSelectorRequirement {
  key: string;
  /** `In`, `NotIn`, `Exists` or `DoesNotExist`. */
  operator: string;
  values?: string[];
}

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: LabelSelectorRequirement[];
}

export interface PodTemplateSpec {
  metadata?: ObjectMeta;
  spec: PodSpec;
}

/** A status condition as the workload controllers write it (DeploymentCondition, JobCondition, ...). */
export interface WorkloadCondition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  lastProbeTime?: string;
  lastUpdateTime?: string;
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}
