/** batch/v1 Job, as far as podsim's Job controller reads and writes it (k8s.io/api batch/v1, v1.31). */
import type { KubeObject } from './v1.js';
import type { LabelSelector, PodTemplateSpec, WorkloadCondition } from './meta.js';

export interface PodFailurePolicyOnExitCodesRequirement {
  containerName?: string;
  /** `In` or `NotIn`. */
  operator: string;
  values: number[];
}

export interface PodFailurePolicyOnPodConditionsPattern {
  type: string;
  status?: string;
}

export interface PodFailurePolicyRule {
  /** `FailJob`, `FailIndex`, `Ignore` or `Count`. */
  action: string;
  onExitCodes?: PodFailurePolicyOnExitCodesRequirement;
  onPodConditions?: PodFailurePolicyOnPodConditionsPattern[];
}

export interface SuccessPolicyRule {
  /** Interval list such as `0,2-3`. */
  succeededIndexes?: string;
  succeededCount?: number;
}

export interface JobSpec {
  parallelism?: number;
  completions?: number;
  activeDeadlineSeconds?: number;
  podFailurePolicy?: { rules: PodFailurePolicyRule[] };
  successPolicy?: { rules: SuccessPolicyRule[] };
  backoffLimit?: number;
  backoffLimitPerIndex?: number;
  maxFailedIndexes?: number;
  selector?: LabelSelector;
  manualSelector?: boolean;
  template: PodTemplateSpec;
  ttlSecondsAfterFinished?: number;
  /** `NonIndexed` (default) or `Indexed`. */
  completionMode?: string;
  suspend?: boolean;
  /** `TerminatingOrFailed` or `Failed`. */
  podReplacementPolicy?: string;
}

export interface JobStatus {
  conditions?: WorkloadCondition[];
  startTime?: string;
  completionTime?: string;
  active?: number;
  succeeded?: number;
  failed?: number;
  terminating?: number;
  ready?: number;
  completedIndexes?: string;
  failedIndexes?: string;
  uncountedTerminatedPods?: { succeeded?: string[]; failed?: string[] };
}

export interface Job extends KubeObject {
  apiVersion: 'batch/v1';
  kind: 'Job';
  spec: JobSpec;
  status?: JobStatus;
}
