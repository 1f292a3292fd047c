/**
 * podsim.io/v1alpha1: podsim's own kinds. They configure the simulated
 * cluster and script changes over time; a real API server has neither.
 */
import type { KubeObject } from './v1.js';

/**
 * Cluster-wide settings, read from a `ClusterSettings` document in the
 * scenario. At most one is used; a scenario without one gets the defaults
 * documented on each field.
 */
export interface ClusterSettingsSpec {
  /**
   * kube-apiserver `--runtime-config`: API group versions switched on or off,
   * e.g. `{"settings.k8s.io/v1alpha1": true}`. PodPreset objects are only
   * served when `settings.k8s.io/v1alpha1` is on (default off).
   */
  runtimeConfig?: Record<string, boolean>;
  /**
   * kube-apiserver `--enable-admission-plugins` beyond the defaults. Only
   * `PodPreset` has an effect here, and it also needs the runtimeConfig entry.
   */
  admissionPlugins?: string[];
  /** kube-apiserver `--disable-admission-plugins`, e.g. `["PodSecurity"]`. */
  disabledAdmissionPlugins?: string[];
  /**
   * The nodes to create when the scenario has no Node objects. Default:
   * 3 workers named `node-1` .. `node-3`, each with 4 CPUs, 8Gi memory and 110 pods.
   */
  nodes?: { count?: number; cpu?: string; memory?: string; pods?: number; namePrefix?: string };
  /** kube-controller-manager `--node-monitor-grace-period` in seconds (default 40). */
  nodeMonitorGracePeriodSeconds?: number;
  /**
   * kube-controller-manager `--kube-api-qps` and `--kube-api-burst` (default
   * 20 and 30): each controller's client may send this many requests per
   * second after a burst. podsim counts the pod creates and deletes of the
   * ReplicaSet and ReplicationController controllers against it.
   */
  controllerManager?: ClientRateLimit;
  /** kube-scheduler's clientConnection qps and burst (default 50 and 100), counted per binding. */
  scheduler?: ClientRateLimit;
}

/** A client's request rate limit, as client-go's token bucket applies it. */
export interface ClientRateLimit {
  kubeAPIQPS?: number;
  kubeAPIBurst?: number;
}

export interface ClusterSettings extends KubeObject {
  apiVersion: 'podsim.io/v1alpha1';
  kind: 'ClusterSettings';
  spec?: ClusterSettingsSpec;
}

/** One scripted change; `at` is a Go-style duration from simulated time 0 (`90s`, `1m30s`). */
export interface TimelineStep {
  at: string | number;
  action: string;
  [field: string]: unknown;
}

export interface Timeline extends KubeObject {
  apiVersion: 'podsim.io/v1alpha1';
  kind: 'Timeline';
  steps: TimelineStep[];
}
